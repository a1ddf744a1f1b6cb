@testable import FeedParsing
import Foundation
import TestSupport
import Testing

/// What a harvester's page loop sees of a page: every event with the path after it, and for elements down to
/// `expandDepth`, their stored bytes and tree; elements at `skipDepth` are skipped after being read whole.
private enum Step: Equatable, CustomStringConvertible {
    case event(XMLEvent, path: String)
    case outer(xml: [UInt8], tree: XMLElementNode)

    var description: String {
        switch self {
        case .event(let event, let path): return "\(event) at \(path)"
        case .outer(let xml, _): return "outer " + String(decoding: xml, as: UTF8.self)
        }
    }
}

private func trace(_ reader: XMLPageReader, expandDepth: Int, skipDepth: Int) throws(XMLReadError) -> [Step] {
    var steps: [Step] = []
    var depth = 0
    while let event = try reader.next() {
        steps.append(.event(event, path: reader.path))
        switch event {
        case .startElement:
            depth += 1
            if depth <= expandDepth {
                let (xml, tree) = try reader.outerXMLTree()
                steps.append(.outer(xml: xml, tree: tree))
            }
            if depth == skipDepth {
                try reader.skipElement()
                depth -= 1
                steps.append(.event(.text("skipped"), path: reader.path))
            }
        case .endElement:
            depth -= 1
        case .text:
            break
        }
    }
    return steps
}

/// Both engines over one page: the byte reader's outcome (nil when it left the page to libxml2) and libxml2's.
private func bothEngines(_ bytes: [UInt8], expandDepth: Int = 3, skipDepth: Int = 3)
    -> (bytes: Result<[Step], XMLReadError>?, libxml2: Result<[Step], XMLReadError>) {
    let body = { (reader: XMLPageReader) throws(XMLReadError) -> [Step] in
        try trace(reader, expandDepth: expandDepth, skipDepth: skipDepth)
    }
    let fast = XMLPageReader.readWithBytes(bytes, url: "page.xml", options: .init(), body)
    let slow: Result<[Step], XMLReadError>
    do throws(XMLReadError) {
        slow = .success(try body(XMLPageReader(engine: .unopened(bytes), url: "page.xml", options: .init())))
    } catch {
        slow = .failure(error)
    }
    return (fast, slow)
}

/// Where the two engines' traces first differ, for a readable failure.
private func firstDifference(_ lhs: [Step], _ rhs: [Step]) -> String {
    for (index, pair) in zip(lhs, rhs).enumerated() where pair.0 != pair.1 {
        if case .outer(let a, let treeA) = pair.0, case .outer(let b, let treeB) = pair.1 {
            if a == b { return "step \(index): the trees differ: \(dump(treeA))\n libxml2 \(dump(treeB))" }
            let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            return "step \(index): the stored bytes differ at byte \(at): bytes \(Array(a[at...].prefix(40)))\n libxml2 \(Array(b[at...].prefix(40)))"
        }
        return "step \(index): bytes \(pair.0)\n libxml2 \(pair.1)"
    }
    return "lengths \(lhs.count) and \(rhs.count)"
}

private func dump(_ node: XMLElementNode) -> String {
    "<\(node.name.description) \(node.attributes.map { "\($0.name)=\($0.value.debugDescription)" }) \(node.text.debugDescription)"
        + node.children.map(dump).joined() + ">"
}

/// Asserts that the byte reader read `bytes` (when `mustRead`) and that whatever it gave is libxml2's outcome.
private func expectSame(_ bytes: [UInt8], _ name: String, mustRead: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
    for (expand, skip) in [(3, 3), (2, 0), (1, 1)] {
        let (fast, slow) = bothEngines(bytes, expandDepth: expand, skipDepth: skip)
        guard let fast else {
            #expect(!mustRead, "\(name): the byte reader left it to libxml2", sourceLocation: sourceLocation)
            return
        }
        switch (fast, slow) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(name) (expand \(expand), skip \(skip)): \(firstDifference(a, b))", sourceLocation: sourceLocation)
        default:
            Issue.record("\(name): the byte reader gave \(fast), libxml2 \(slow)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("XMLPageReader: the byte reader against libxml2")
struct XMLPageReaderTests {
    /// Shapes real pages have, each of which the byte reader must read itself, identically to libxml2.
    static let tricky: [(String, String)] = [
        ("namespaces redeclared on records", """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <ListRecords><record xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <header><identifier>a</identifier></header><metadata><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">T</dc:title>
        <x:t xmlns:x="urn:one"><x:u xmlns:x="urn:two" x:v="1"/></x:t></metadata></record>
        <record xmlns:xsi="urn:other"><header xsi:type="h"/></record></ListRecords></OAI-PMH>
        """),
        ("default namespaces nested", """
        <a xmlns="urn:a"><b xmlns="urn:b"><c/></b><d xmlns:p="urn:p"><p:e p:f="g" f="h"/></d><e/></a>
        """),
        ("CDATA merged with text", """
        <r><x>one <![CDATA[<two> & ]]> three</x><y><![CDATA[   ]]></y><z> <![CDATA[]]> </z><w>a<![CDATA[b]]>c<![CDATA[d]]></w></r>
        """),
        ("comments and processing instructions", """
        <?xml version='1.0'?><!-- before --><?pi before?>
        <r><x>a<!-- c -->b<?pi  c ?>c<?pi?></x><y> <!--x--> </y><z><!----></z></r><!-- after --><?pi after?>
        """),
        ("character and entity references", """
        <r a="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#233;&#10;&#9;&#13;"><x>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;</x>
        <y>&#32;&#9;</y><z>&#13;&#10;</z><w>a&#32;b &#x3C;c&#x3E;</w></r>
        """),
        ("attributes with both quote kinds", """
        <r a='single "double" inside' b="double 'single' inside" c = "spaced" d='&apos;&quot;'><x y="&#34;"/></r>
        """),
        ("whitespace in tags and values", "<r\n  a=\"1\"\t b = '2'  >\n <x  />\n <y\n></y>\n <z a=\"line\nbreak\ttab  two\"/> </r  >\n"),
        ("a BOM", "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><r><x>é ü ß 中文 😀</x></r>"),
        ("carriage returns", "<?xml version=\"1.0\"?>\r\n<r a=\"x\r\ny\rz\">\r\n<x>one\r\ntwo\rthree</x>\r\n<y>a\r\n<![CDATA[b]]></y></r>\r\n"),
        ("xml:lang and empty elements", """
        <r xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title xml:lang="en">T</dc:title><e/><f></f><g /><h>
        </h></r>
        """),
        ("greater-than and brackets in text", "<r><x>a > b ] c ]] d</x><y a=\"x > y\"/></r>"),
        ("text outside and around the record", "<r>lead<x>in</x>mid <x>in</x> tail</r>"),
        ("mixed content at several depths", "<r>a<x>b<y>c</y>d<z/>e</x>f<w></w>g<v>h</v></r>"),
        ("tags as the stored XML writes them beside tags it writes otherwise", """
        <r><a x="1" y="2">t</a><b x='1'>u</b><c  x="1"/><d x="a&amp;b"/><e x="a>b">v &gt; w</e><f/><g x="1"></g ><h x ="1"/>        <i x= "1"/><j x="1" /><k x="tab	in"/><l xmlns:q="urn:q" q:x="1"><q:m/></l><n>a&#233;b</n><o>&lt;</o><p>]</p></r>
        """),
        ("names repeated in another order, and names that start with an earlier name", """
        <r xmlns:p="urn:p"><a><b/><c/></a><a><c/><b/></a><a><b/><bb/><b/></a><p:a/><p:ab/><p:a p:b="1" b="2"/>        <p:a p:bc="1" b="2"/><p:a b="2" p:b="1"/></r>
        """),
    ]

    /// Shapes the byte reader leaves to libxml2: the page reader must then give libxml2's outcome exactly.
    static let leftToLibxml2: [(String, String)] = [
        ("a DOCTYPE", "<!DOCTYPE r><r/>"),
        ("a carriage return in CDATA", "<r><![CDATA[a\r\nb]]></r>"),
        ("entities in a DOCTYPE", "<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>"),
        ("another encoding", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\u{E9}</r>"),
        ("an undefined entity", "<r>&bogus;</r>"),
        ("an undeclared prefix", "<r><p:x/></r>"),
        ("a mismatched end tag", "<r><x></y></r>"),
        ("a truncated page", "<r><x>text"),
        ("]]> in text", "<r>a ]]> b</r>"),
        ("-- in a comment", "<r><!-- a -- b --></r>"),
        ("a non-ASCII name", "<r><é/></r>"),
        ("a control character", "<r>a\u{1}b</r>"),
        ("a repeated attribute", "<r a=\"1\" a=\"2\"/>"),
        ("the same attribute through two prefixes", "<r xmlns:p=\"urn:x\" xmlns:q=\"urn:x\" p:a=\"1\" q:a=\"2\"/>"),
        ("an unquoted attribute", "<r a=1/>"),
        ("a < in an attribute", "<r a=\"<\"/>"),
        ("undeclaring the default namespace", "<r xmlns=\"urn:a\"><x xmlns=\"\"/></r>"),
        ("two root elements", "<r/><s/>"),
        ("text after the root", "<r/>x"),
        ("an XML declaration after a newline", "\n<?xml version=\"1.0\"?><r/>"),
        ("XML 1.1", "<?xml version=\"1.1\"?><r/>"),
        ("only a comment", "<!-- nothing -->"),
        ("nothing", ""),
        ("a bad character reference", "<r>&#0;</r>"),
        ("a character reference to a surrogate", "<r>&#xD800;</r>"),
        ("text after a malformed tail past the record", "<r><x>a</x><y></r>"),
    ]

    @Test("tricky shapes are read by the byte reader exactly as libxml2 reads them")
    func tricky() {
        for (name, text) in Self.tricky { expectSame(Array(text.utf8), name, mustRead: true) }
    }

    @Test("bytes that are invalid UTF-8 or not characters are left to libxml2")
    func invalidBytes() {
        let cases: [[UInt8]] = [
            Array("<r>".utf8) + [0xC3] + Array("</r>".utf8),
            Array("<r>".utf8) + [0xC0, 0x80] + Array("</r>".utf8),
            Array("<r>".utf8) + [0xED, 0xA0, 0x80] + Array("</r>".utf8),
            Array("<r>".utf8) + [0xEF, 0xBF, 0xBE] + Array("</r>".utf8),
            Array("<r a=\"".utf8) + [0xF5, 0x80, 0x80, 0x80] + Array("\"/>".utf8),
            [0xFF, 0xFE] + Array("<r/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        ]
        for bytes in cases {
            #expect(XMLPageReader.readWithBytes(bytes, url: nil, options: .init()) { reader throws(XMLReadError) in
                try trace(reader, expandDepth: 3, skipDepth: 3)
            } == nil)
            expectSame(bytes, "\(bytes)", mustRead: false)
        }
    }

    @Test("shapes the byte reader leaves to libxml2 come out exactly as libxml2 says")
    func leftAlone() throws {
        for (name, text) in Self.leftToLibxml2 {
            let bytes = Array(text.utf8)
            let fast = XMLPageReader.readWithBytes(bytes, url: nil, options: .init()) { reader throws(XMLReadError) in
                try trace(reader, expandDepth: 3, skipDepth: 3)
            }
            #expect(fast == nil, "\(name): the byte reader should have left it to libxml2")
            // Through the public entry point: libxml2's outcome, errors included.
            let viaPage: Result<[Step], XMLReadError>
            do throws(XMLReadError) {
                viaPage = .success(try XMLPageReader.read(bytes, url: "page.xml") { reader throws(XMLReadError) in
                    try trace(reader, expandDepth: 3, skipDepth: 3)
                })
            } catch {
                viaPage = .failure(error)
            }
            #expect(viaPage == bothEngines(bytes).libxml2, "\(name)")
        }
    }

    @Test("a body that stops early gets libxml2's outcome when the rest of the page is not well-formed")
    func earlyStop() throws {
        let body = { (reader: XMLPageReader) throws(XMLReadError) -> String in
            guard case .startElement(let name, _, _) = try reader.next() else { return "" }
            return name.local
        }
        #expect(try XMLPageReader.read(Array("<r><x/></r>".utf8), body) == "r")
        #expect(XMLPageReader.readWithBytes(Array("<r><x></r>".utf8), url: nil, options: .init(), body) == nil)
    }

    @Test("the eight-byte test for plain text agrees with a byte-by-byte one")
    func plainWords() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x26, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x5C, 0x5D,
                                    0x5E, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let plain = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && ![0x3C, 0x26, 0x3E, 0x5D].contains($0) }
            #expect(XMLByteReaderCore.isPlain(word) == plain, "\(bytes)")
        }
    }

    @Test("limits below libxml2's are left to libxml2")
    func limits() {
        var options = XMLReader.Options()
        options.maxAttributes = 2
        let bytes = Array("<r a=\"1\" b=\"2\" c=\"3\"/>".utf8)
        #expect(XMLPageReader.readWithBytes(bytes, url: nil, options: options) { reader throws(XMLReadError) in
            try trace(reader, expandDepth: 1, skipDepth: 0)
        } == nil)
        do {
            _ = try XMLPageReader.read(bytes, options: options) { reader throws(XMLReadError) in
                try trace(reader, expandDepth: 1, skipDepth: 0)
            }
            Issue.record("three attributes passed a limit of two")
        } catch {
            #expect(error.reason == .tooManyAttributes(2))
        }
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        expectSame(Array(deep.utf8), "300 levels", mustRead: false)
    }
}

@Suite("XMLPageReader over the corpus", .enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
struct XMLPageReaderCorpusTests {
    static let files = Corpus.files(endingIn: [".xml", ".rdf", ".atom"])

    @Test("every good corpus file: the byte reader reads it, or leaves it to libxml2, never with another answer")
    func good() throws {
        var read = 0
        for file in Self.files where !file.hasPrefix("bad/") {
            let bytes = try Corpus.bytes(file)
            let mustRead = file.hasPrefix("oaipmh/") || file.hasPrefix("csw/")
                ? !Self.outsideTheByteReader(bytes) : false
            expectSame(bytes, file, mustRead: mustRead)
            if bothEngines(bytes).bytes != nil { read += 1 }
        }
        // Most of the corpus is the common case.
        #expect(read * 10 >= Self.files.filter { !$0.hasPrefix("bad/") }.count * 7, "the byte reader read only \(read) files")
    }

    @Test("every bad corpus file keeps libxml2's outcome")
    func bad() throws {
        for file in Self.files where file.hasPrefix("bad/") {
            let bytes = try Corpus.bytes(file)
            expectSame(bytes, file, mustRead: false)
        }
    }

    @Test("every prefix of a real OAI-PMH page: the same outcome as libxml2")
    func truncated() throws {
        guard let file = Self.files.first(where: { $0.hasPrefix("oaipmh/") && $0.contains("ListRecords") }) else { return }
        let bytes = try Corpus.bytes(file)
        let step = max(1, bytes.count / 97)
        for end in stride(from: 1, to: bytes.count, by: step) {
            expectSame(Array(bytes[..<end]), "\(file) cut at \(end)", mustRead: false)
        }
    }

    /// A DOCTYPE or a declared encoding other than UTF-8: what the byte reader never reads.
    static func outsideTheByteReader(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self).lowercased()
        if let range = head.range(of: "encoding=") {
            let value = head[range.upperBound...].dropFirst().prefix(5)
            if value != "utf-8" { return true }
        }
        return String(decoding: bytes, as: UTF8.self).contains("<!DOCTYPE")
    }
}
