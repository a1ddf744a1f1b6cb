import FeedParsing
import Testing

/// A plain recursive copy of an element, from a tree or from the reader's events, to compare the two.
private struct PlainElement: Equatable {
    var name: XMLName
    var prefix: String?
    var attributes: [XMLAttribute]
    var text = ""
    var children: [PlainElement] = []

    init(_ node: XMLElementNode) {
        name = node.name
        prefix = node.name.prefix
        attributes = Array(node.attributes)
        text = node.text
        children = node.children.map(PlainElement.init)
    }

    init(name: XMLName, attributes: [XMLAttribute]) {
        self.name = name
        prefix = name.prefix
        self.attributes = attributes
    }

    /// The root element of `bytes` as the reader's events describe it.
    static func events(_ bytes: [UInt8]) throws -> PlainElement? {
        let reader = try XMLReader(bytes: bytes)
        var stack: [PlainElement] = []
        var root: PlainElement?
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, let attributes, _):
                stack.append(PlainElement(name: name, attributes: attributes))
            case .text(let text):
                stack[stack.count - 1].text += text
            case .endElement:
                let done = stack.removeLast()
                if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
            }
        }
        return root
    }
}

/// `XMLReader.outerXMLTree()` must give what `XMLElementNode.parse` gives for the bytes it returns: the mappers
/// use the first for records read from a page and the second for stored payloads.
@Suite("XMLElementNode")
struct XMLElementTreeTests {
    /// The tree and bytes of every element of `bytes` at depth `depths`, each checked against a parse of its bytes.
    private func checkEveryElement(_ bytes: [UInt8], depths: ClosedRange<Int>, label: String) throws -> Int {
        let reader = try XMLReader(bytes: bytes, url: label)
        var depth = 0, checked = 0
        while let event = try reader.next() {
            switch event {
            case .startElement:
                depth += 1
                guard depths.contains(depth) else { continue }
                let (xml, tree) = try reader.outerXMLTree()
                #expect(xml == (try reader.outerXML()), "\(label) \(reader.path)")
                #expect(tree == (try XMLElementNode.parse(xml, url: nil)), "\(label) \(reader.path)")
                #expect(PlainElement(tree) == (try PlainElement.events(xml)), "\(label) \(reader.path)")
                checked += 1
            case .endElement:
                depth -= 1
            case .text:
                break
            }
        }
        return checked
    }

    @Test("the tree of an element read from a page holds its names, attributes and text, as a parse of its bytes does")
    func treeFromPage() throws {
        let xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <ListRecords>
            <record>
              <header status="deleted"><identifier> oai:x:1 </identifier><!-- a comment --></header>
              <metadata>
                <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xsi:schemaLocation="a b">
                  <dc:title xml:lang="fr">Qualité &amp; <![CDATA[<eau>]]> &#936;<?pi data?></dc:title>
                  <dc:subject>   </dc:subject><dc:subject/>
                  <undeclared:x>kept</undeclared:x>
            </oai_dc:dc></metadata></record></ListRecords></OAI-PMH>
            """
        let reader = try XMLReader(bytes: Array(xml.utf8))
        while let event = try reader.next() {
            guard case .startElement(let name, _, _) = event, name.local == "record" else { continue }
            let (bytes, tree) = try reader.outerXMLTree()
            #expect(tree == (try XMLElementNode.parse(bytes, url: nil)))
            let oai = "http://www.openarchives.org/OAI/2.0/", dc = "http://purl.org/dc/elements/1.1/"
            #expect(tree.name == XMLName(namespace: oai, local: "record"))
            #expect(tree.children.map(\.local) == ["header", "metadata"])
            let parts = Array(tree.children)
            let header = parts[0]
            #expect(Array(header.attributes) == [XMLAttribute(name: XMLName(local: "status"), value: "deleted")])
            #expect(header.text.isEmpty && header.children.first?.text == " oai:x:1 ")
            let record = try #require(parts[1].children.first)
            let fields = Array(record.children)
            #expect(record.name == XMLName(namespace: "http://www.openarchives.org/OAI/2.0/oai_dc/", local: "dc", prefix: "oai_dc"))
            #expect(record.attributes.map(\.name.qualified) == ["xsi:schemaLocation"])
            #expect(fields.map(\.name.qualified) == ["dc:title", "dc:subject", "dc:subject", "undeclared:x"])
            #expect(fields[0].name.namespace == dc)
            #expect(fields[0].text == "Qualité & <eau> Ψ")
            #expect(fields[0].attributes.first?.name.prefix == "xml")
            #expect(fields[1].text.isEmpty && fields[2].text.isEmpty)
            #expect(fields[3].name.namespace == nil && fields[3].text == "kept")
            try reader.skipElement()
        }
    }

    @Test("an undeclared entity inside an expanded element is refused as the reader refuses it")
    func undeclaredEntity() throws {
        #expect(throws: XMLReadError.self) {
            let reader = try XMLReader(bytes: Array("<r><a>x &bogus; y</a></r>".utf8))
            _ = try reader.next()
            _ = try reader.outerXMLTree()
        }
    }

    @Test("every element near the root of every corpus document: the tree equals a parse of its bytes")
    func corpus() throws {
        guard XMLCorpus.directory != nil else {
            // Without the shared corpus the test is skipped, as every corpus test is, with the reason printed.
            print("skipped: \(XMLCorpus.missingMessage)")
            return
        }
        var checked = 0
        for relative in XMLCorpus.goodFiles {
            let bytes = try XMLCorpus.bytes(relative)
            // Documents the reader refuses are the security and error tests' business.
            guard case .success = xmlEvents(bytes) else { continue }
            checked += try checkEveryElement(bytes, depths: 1...3, label: relative)
        }
        #expect(checked > 1000)
    }
}
