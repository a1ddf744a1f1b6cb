import Testing
@testable import FeedParsing

/// `outerXMLTree()` walks an element once for its bytes and its tree; when something in the element is refused it
/// must report the error the two separate passes report (the writer's first, then the tree builder's).
@Suite("XMLReader.outerXMLTree errors")
struct XMLOuterTreeErrorTests {
    static let cases: [(xml: String, maxText: Int)] = [
        ("<r><a x=\"1\">t &bogus; u</a></r>", 1000),
        ("<r><a x=\"&bogus;\">t</a></r>", 1000),
        ("<r><a>0123456789ABCDEF</a></r>", 10),
        ("<r><a x=\"0123456789ABCDEF\">t &bogus;</a></r>", 10),
        ("<r><a x=\"0123456789ABCDEF\">t</a></r>", 10),
        ("<r><a><b>                         </b></a></r>", 10),
        ("<r><a><![CDATA[0123456789ABCDEF]]></a></r>", 10),
        ("<r><a><b y=\"0123456789ABCDEF\"/>x &bogus;</a></r>", 10),
    ]

    /// What the element's first start tag gives, through `pass` (nil: reading up to it failed).
    private func outcome(_ xml: String, maxText: Int,
                         _ pass: (XMLReader) throws(XMLReadError) -> ([UInt8], XMLElementNode)) -> String? {
        var options = XMLReader.Options()
        options.maxTextBytes = maxText
        guard let reader = try? XMLReader(bytes: Array(xml.utf8), options: options) else { return nil }
        do {
            while let event = try reader.next() {
                guard case .startElement(let name, _, _) = event, name.local == "a" else { continue }
                do {
                    let (bytes, tree) = try pass(reader)
                    return "ok " + String(decoding: bytes, as: UTF8.self) + " \(tree.children.count)"
                } catch {
                    return "error \(error)"
                }
            }
        } catch {
            return nil
        }
        return "no element"
    }

    @Test func errorsAreThoseOfTheTwoPasses() {
        for (xml, maxText) in Self.cases {
            let once = outcome(xml, maxText: maxText) { reader throws(XMLReadError) in try reader.outerXMLTree() }
            let twice = outcome(xml, maxText: maxText) { reader throws(XMLReadError) in
                try reader.core.pointee.withExpandedElement { node, core throws(XMLReadError) in (try core.write(node), try core.tree(of: node)) }
            }
            #expect(once == twice, "\(xml)")
        }
    }
}
