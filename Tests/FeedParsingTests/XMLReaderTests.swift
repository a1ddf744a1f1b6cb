import FeedParsing
import Foundation
import Testing

/// Reads a whole document: its events, or the error that stopped it.
func xmlEvents(_ bytes: [UInt8], url: String? = nil, options: XMLReader.Options = .init()) -> Result<[XMLEvent], XMLReadError> {
    do throws(XMLReadError) {
        let reader = try XMLReader(bytes: bytes, url: url, options: options)
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return .success(events)
    } catch {
        return .failure(error)
    }
}

func xmlEvents(_ text: String, options: XMLReader.Options = .init()) -> Result<[XMLEvent], XMLReadError> {
    xmlEvents(Array(text.utf8), options: options)
}

/// The error reading `text` gives, or nil when it reads to the end.
func xmlError(_ text: String, url: String? = nil, options: XMLReader.Options = .init()) -> XMLReadError? {
    if case .failure(let error) = xmlEvents(Array(text.utf8), url: url, options: options) { return error }
    return nil
}

private func name(_ local: String, _ namespace: String? = nil, prefix: String? = nil) -> XMLName {
    XMLName(namespace: namespace, local: local, prefix: prefix)
}

private func start(_ local: String, _ namespace: String? = nil, _ attributes: [XMLAttribute] = [], empty: Bool = false) -> XMLEvent {
    .startElement(name(local, namespace), attributes: attributes, isEmpty: empty)
}

private func end(_ local: String, _ namespace: String? = nil) -> XMLEvent {
    .endElement(name(local, namespace))
}

/// All text events joined.
private func allText(_ events: [XMLEvent]) -> String {
    events.reduce(into: "") { if case .text(let text) = $1 { $0 += text } }
}

@Suite("XML reader")
struct XMLReaderTests {
    @Test("namespaces, prefixes and the default namespace")
    func namespaces() throws {
        let xml = """
            <a:root xmlns:a="urn:a" xmlns="urn:default" xmlns:b="urn:b">
              <child a:attr="1" plain="2" b:other="3"/>
              <b:leaf xmlns:b="urn:b2">x</b:leaf>
              <none xmlns=""/>
            </a:root>
            """
        let events = try xmlEvents(xml).get()
        guard case .startElement(let root, let rootAttributes, false) = events[0] else {
            Issue.record("\(events[0])")
            return
        }
        #expect(root.namespace == "urn:a" && root.local == "root" && root.prefix == "a" && root.qualified == "a:root")
        #expect(rootAttributes.isEmpty, "xmlns declarations are not attributes")

        guard case .startElement(let child, let attributes, true) = events[1] else {
            Issue.record("\(events[1])")
            return
        }
        #expect(child.namespace == "urn:default" && child.prefix == nil && child.qualified == "child")
        #expect(attributes.count == 3)
        #expect(attributes[0].name.namespace == "urn:a" && attributes[0].name.prefix == "a" && attributes[0].value == "1")
        #expect(attributes[1].name == XMLName(local: "plain"), "unprefixed attributes are in no namespace")
        #expect(attributes[1].name.namespace == nil && attributes[1].value == "2")
        #expect(attributes[2].name.namespace == "urn:b" && attributes[2].name.qualified == "b:other")

        #expect(events[2] == end("child", "urn:default"))
        guard case .startElement(let leaf, _, false) = events[3] else {
            Issue.record("\(events[3])")
            return
        }
        #expect(leaf.namespace == "urn:b2" && leaf.qualified == "b:leaf", "a redeclared prefix takes the nearest binding")
        #expect(events[4] == .text("x"))
        #expect(events[6] == start("none", nil, empty: true), "xmlns=\"\" undeclares the default namespace")
        #expect(events.last == end("root", "urn:a"))
    }

    @Test("names compare by namespace and local part; the prefix is presentation")
    func nameEquality() {
        let dc = XMLName(namespace: "http://purl.org/dc/elements/1.1/", local: "title", prefix: "dc")
        let other = XMLName(namespace: "http://purl.org/dc/elements/1.1/", local: "title", prefix: "dcel")
        #expect(dc == other)
        #expect(Set([dc, other]).count == 1)
        #expect(dc.matches("http://purl.org/dc/elements/1.1/", "title"))
        #expect(dc != XMLName(local: "title", prefix: "dc"))
        #expect(dc.description == "{http://purl.org/dc/elements/1.1/}title")
        #expect(other.qualified == "dcel:title")
    }

    @Test("xml:lang is an attribute in the XML namespace")
    func xmlLang() throws {
        let events = try xmlEvents(#"<t xml:lang="de">Wasser</t>"#).get()
        #expect(events[0] == .startElement(name("t"), attributes: [
            XMLAttribute(name: name("lang", "http://www.w3.org/XML/1998/namespace", prefix: "xml"), value: "de"),
        ], isEmpty: false))
    }

    @Test("empty elements give a start and an end event")
    func emptyElements() throws {
        #expect(try xmlEvents("<a><b/><c></c></a>").get() == [
            start("a"), start("b", empty: true), end("b"), start("c"), end("c"), end("a"),
        ])
        #expect(try xmlEvents("<only/>").get() == [start("only", empty: true), end("only")])
    }

    @Test("CDATA is text, merged with adjacent text")
    func cdata() throws {
        #expect(try xmlEvents("<a><![CDATA[x < y && z]]></a>").get() == [start("a"), .text("x < y && z"), end("a")])
        #expect(try xmlEvents("<a>1<![CDATA[<2>]]>3</a>").get() == [start("a"), .text("1<2>3"), end("a")])
    }

    @Test("character and predefined entity references are decoded, in text and attributes")
    func entities() throws {
        let events = try xmlEvents(#"<a t="&amp;&#936;&quot;&#x3A8;&lt;">&amp; &#936; &#x3a8; &lt;&gt;&apos;&quot;</a>"#).get()
        #expect(events == [
            .startElement(name("a"), attributes: [XMLAttribute(name: name("t"), value: "&Ψ\"Ψ<")], isEmpty: false),
            .text("& Ψ Ψ <>'\""),
            end("a"),
        ])
    }

    @Test("attribute values are normalised, character references survive normalisation")
    func attributeNormalisation() throws {
        let events = try xmlEvents("<a t=\"one\ttwo\nthree\" r=\"&#9;&#10;&#13;\"/>").get()
        guard case .startElement(_, let attributes, _) = events[0] else { Issue.record("\(events)"); return }
        #expect(attributes.map(\.value) == ["one two three", "\t\n\r"])
    }

    @Test("whitespace-only text between elements is skipped unless asked for")
    func whitespace() throws {
        let xml = "<a>\n  <b> x </b>\n  <c>  </c>\n</a>"
        #expect(try xmlEvents(xml).get() == [start("a"), start("b"), .text(" x "), end("b"), start("c"), end("c"), end("a")])
        var options = XMLReader.Options()
        options.keepWhitespace = true
        #expect(try xmlEvents(xml, options: options).get() == [
            start("a"), .text("\n  "), start("b"), .text(" x "), end("b"), .text("\n  "), start("c"), .text("  "), end("c"),
            .text("\n"), end("a"),
        ])
    }

    @Test("line endings are normalised to LF in text")
    func lineEndings() throws {
        #expect(try xmlEvents("<a>1\r\n2\r3</a>").get()[1] == .text("1\n2\n3"))
    }

    @Test("comments, processing instructions and the XML declaration give no events")
    func prologAndMisc() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!-- c --><?pi data?><!DOCTYPE a><a><!-- inner --><?x y?>t</a><!-- after -->"
        #expect(try xmlEvents(xml).get() == [start("a"), .text("t"), end("a")])
    }

    @Test("path shows open elements with indexes among same-named siblings")
    func path() throws {
        let xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
            <record><header/><metadata><dc:dc xmlns:dc="urn:dc"><dc:title>1</dc:title><dc:title>1b</dc:title></dc:dc></metadata></record>
            <record><header/><metadata/></record>
            <record><header/><header/><metadata><x>3</x></metadata></record>
            <resumptionToken>t</resumptionToken>
            </ListRecords></OAI-PMH>
            """
        let reader = try XMLReader(bytes: Array(xml.utf8))
        #expect(reader.path == "/")
        var seen: [String] = []
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, _, _) where ["metadata", "title", "resumptionToken", "header", "x"].contains(name.local):
                seen.append(reader.path)
            case .text(let text) where text == "3":
                seen.append("text:" + reader.path)
            default:
                break
            }
        }
        #expect(seen == [
            "/OAI-PMH/ListRecords/record/header",
            "/OAI-PMH/ListRecords/record/metadata",
            "/OAI-PMH/ListRecords/record/metadata/dc:dc/dc:title",
            "/OAI-PMH/ListRecords/record/metadata/dc:dc/dc:title[2]",
            "/OAI-PMH/ListRecords/record[2]/header",
            "/OAI-PMH/ListRecords/record[2]/metadata",
            "/OAI-PMH/ListRecords/record[3]/header",
            "/OAI-PMH/ListRecords/record[3]/header[2]",
            "/OAI-PMH/ListRecords/record[3]/metadata",
            "/OAI-PMH/ListRecords/record[3]/metadata/x",
            "text:/OAI-PMH/ListRecords/record[3]/metadata/x",
            "/OAI-PMH/ListRecords/resumptionToken",
        ])
        #expect(reader.path == "/")
    }

    @Test("sibling indexes stay right for an element with many distinct child names")
    func manyDistinctChildren() throws {
        var xml = "<r>"
        for round in 1...3 {
            for index in 0..<40 { xml += "<c\(index)>\(round)</c\(index)>" }
        }
        xml += "</r>"
        let reader = try XMLReader(bytes: Array(xml.utf8))
        var paths: [String] = []
        while let event = try reader.next() {
            if case .startElement(let name, _, _) = event, name.local == "c39" || name.local == "c0" { paths.append(reader.path) }
        }
        #expect(paths == ["/r/c0", "/r/c39", "/r/c0[2]", "/r/c39[2]", "/r/c0[3]", "/r/c39[3]"])
    }

    @Test("line is the line of the current node")
    func lines() throws {
        let reader = try XMLReader(bytes: Array("<?xml version=\"1.0\"?>\n<a>\n  <b\n    x=\"1\">text</b>\n</a>".utf8))
        var lines: [Int] = []
        while try reader.next() != nil { lines.append(reader.line) }
        // start a (2), start b (4: libxml2 records the line where the start tag ends), text (4), end b, end a
        #expect(lines == [2, 4, 4, 4, 2])
    }

    @Test("line stays close beyond libxml2's 65,535-line node limit")
    func bigLines() throws {
        var xml = "<r>\n"
        for index in 0..<70_000 { xml += "<l>\(index)</l>\n" }
        xml += "</r>\n"
        let reader = try XMLReader(bytes: Array(xml.utf8))
        while let event = try reader.next() {
            if case .text("69990") = event {
                #expect(reader.line >= 69_992 && reader.line < 69_992 + 100, "line \(reader.line)")
            } else if case .text("100") = event {
                #expect(reader.line == 102)
            }
        }
    }

    @Test("skipElement passes over a subtree, an empty element and the root")
    func skipElement() throws {
        let xml = "<r><a><deep><deeper>x</deeper></deep></a><e/><b>y</b></r>"
        let reader = try XMLReader(bytes: Array(xml.utf8))
        var events: [XMLEvent] = []
        while let event = try reader.next() {
            events.append(event)
            if case .startElement(let name, _, _) = event, name.local == "a" || name.local == "e" {
                try reader.skipElement()
                #expect(reader.path == "/r")
            }
        }
        #expect(events == [start("r"), start("a"), start("e", empty: true), start("b"), .text("y"), end("b"), end("r")])

        let rootOnly = try XMLReader(bytes: Array("<r><a/>text</r>\n<!-- trailing -->".utf8))
        _ = try rootOnly.next()
        try rootOnly.skipElement()
        #expect(try rootOnly.next() == nil)
        #expect(try rootOnly.next() == nil)
    }

    @Test("skipElement still reports errors inside the skipped subtree")
    func skipElementError() throws {
        // The break lies well beyond the first chunk libxml2 parses, so skipElement meets it.
        let xml = "<r><a>" + String(repeating: "<x>filler text</x>", count: 500) + "<b></a></r>"
        let reader = try XMLReader(bytes: Array(xml.utf8))
        #expect(try reader.next() == start("r"))
        #expect(try reader.next() == start("a"))
        var caught: XMLReadError?
        do throws(XMLReadError) {
            try reader.skipElement()
        } catch {
            caught = error
        }
        guard case .notWellFormed(let message)? = caught?.reason else { Issue.record("\(String(describing: caught))"); return }
        #expect(message == "Opening and ending tag mismatch: b line 1 and a")
        var again: XMLReadError?
        do throws(XMLReadError) { _ = try reader.next() } catch { again = error }
        #expect(again == caught)
    }

    @Test("outerXML re-serialises a subtree that re-parses to the same events")
    func outerXMLRoundTrip() throws {
        let xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <ListRecords>
            <record><header status="deleted"><identifier>oai:x:1</identifier></header></record>
            <record>
              <header><identifier>oai:x:2</identifier></header>
              <metadata>
                <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xsi:schemaLocation="a b">
                  <dc:title xml:lang="fr">Qualité de l'eau &amp; &lt;rivières&gt; "quoted" &#936;</dc:title>
                  <dc:description><![CDATA[<b>bold</b> & more]]>&#13;line2</dc:description>
                  <dc:subject a="tab&#9;nl&#10;cr&#13;quote&quot;amp&amp;lt&lt;gt>"/>
                  <!-- a comment --><?pi some data?>
                  <plain xmlns="">no namespace</plain>
                </oai_dc:dc>
              </metadata>
            </record>
            </ListRecords>
            </OAI-PMH>
            """
        let reader = try XMLReader(bytes: Array(xml.utf8))
        var records = 0
        while let event = try reader.next() {
            guard case .startElement(let name, _, _) = event, name.local == "record" else { continue }
            records += 1
            let bytes = try reader.outerXML()
            // The reader did not move: collect the record's events from the original.
            var original: [XMLEvent] = [event]
            var depth = 1
            while depth > 0, let inner = try reader.next() {
                original.append(inner)
                if case .startElement = inner { depth += 1 }
                if case .endElement = inner { depth -= 1 }
            }
            let reparsed = try xmlEvents(bytes).get()
            #expect(reparsed == original, "\(String(decoding: bytes, as: UTF8.self))")
            // Prefixes survive too.
            let qualified = { (events: [XMLEvent]) in events.compactMap { event -> String? in
                if case .startElement(let name, let attributes, _) = event {
                    return ([name.qualified] + attributes.map(\.name.qualified)).joined(separator: " ")
                }
                return nil
            } }
            #expect(qualified(reparsed) == qualified(original))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("<record xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"),
                    "namespaces in scope are declared on the root: \(text.prefix(120))")
        }
        #expect(records == 2)
    }

    @Test("outerXML of an empty element, then skipElement")
    func outerXMLEmpty() throws {
        let reader = try XMLReader(bytes: Array(#"<r xmlns:p="urn:p"><p:e p:a="1"/><n/></r>"#.utf8))
        _ = try reader.next()
        _ = try reader.next()
        #expect(String(decoding: try reader.outerXML(), as: UTF8.self) == #"<p:e xmlns:p="urn:p" p:a="1"/>"#)
        try reader.skipElement()
        #expect(try reader.next() == start("n", empty: true))
    }

    @Test("a text node over maxTextBytes is refused")
    func textTooLarge() throws {
        var options = XMLReader.Options()
        options.maxTextBytes = 100
        #expect(xmlError("<a>\(String(repeating: "x", count: 100))</a>", options: options) == nil)
        let error = try #require(xmlError("<a>\n\(String(repeating: "x", count: 101))</a>", options: options))
        #expect(error.reason == .tooLarge(100))
        #expect(error.line == 2)
        let attribute = try #require(xmlError("<a v=\"\(String(repeating: "y", count: 101))\"/>", options: options))
        #expect(attribute.reason == .tooLarge(100))
    }

    @Test("libxml2's own 10,000,000-byte text node limit is reported as tooLarge")
    func libxmlTextLimit() throws {
        let huge = "<a>" + String(repeating: "0123456789", count: 1_000_001) + "</a>"
        let error = try #require(xmlError(huge))
        #expect(error.reason == .tooLarge(10_000_000), "\(error)")
    }

    @Test("libxml2's own 50,000-byte name limit is reported as tooLarge")
    func libxmlNameLimit() throws {
        let name = String(repeating: "n", count: 50_001)
        let error = try #require(xmlError("<\(name)/>"))
        #expect(error.reason == .tooLarge(50_000), "\(error)")
        #expect(xmlError("<\(String(repeating: "n", count: 50_000))/>") == nil)
    }

    @Test("a document over maxDocumentBytes is refused before parsing")
    func documentTooLarge() throws {
        var options = XMLReader.Options()
        options.maxDocumentBytes = 10
        let error = try #require(xmlError("<a>12345678</a>", options: options))
        #expect(error.reason == .tooLarge(10) && error.line == 0)
    }

    @Test("nesting deeper than maxDepth is refused")
    func tooDeep() throws {
        var options = XMLReader.Options()
        options.maxDepth = 5
        let fine = String(repeating: "<a>", count: 5) + String(repeating: "</a>", count: 5)
        #expect(xmlError(fine, options: options) == nil)
        let deep = String(repeating: "<a>\n", count: 6) + String(repeating: "</a>", count: 6)
        let error = try #require(xmlError(deep, options: options))
        #expect(error.reason == .tooDeep(5))
        #expect(error.line == 6)
    }

    @Test("libxml2 refuses more than 256 levels whatever maxDepth says")
    func libxmlDepthLimit() throws {
        var options = XMLReader.Options()
        options.maxDepth = 10_000
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let error = try #require(xmlError(deep, options: options))
        #expect(error.reason == .tooDeep(256), "\(error)")
        let ok = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(xmlError(ok) == nil)
    }

    @Test("a truncated document is not well-formed, at the line where it ends")
    func truncated() throws {
        let xml = "<?xml version=\"1.0\"?>\n<feed>\n  <entry>\n    <title>Wasserqualität</title>\n    <summary>Kurz"
        let result = xmlEvents(xml)
        guard case .failure(let error) = result else { Issue.record("read a truncated document"); return }
        #expect(error.reason == .notWellFormed("Premature end of data: the document ends before its elements are closed"))
        #expect(error.line == 5 && error.column == 18)
        // Events before the break were delivered first.
        let reader = try XMLReader(bytes: Array(xml.utf8))
        var delivered: [XMLEvent] = []
        do throws(XMLReadError) {
            while let event = try reader.next() { delivered.append(event) }
        } catch {}
        #expect(delivered.contains(.text("Wasserqualität")))
    }

    @Test("a truncated tag and a tag mismatch")
    func malformed() throws {
        let cut = try #require(xmlError("<a>\n<b>x</b>\n</a"))
        guard case .notWellFormed = cut.reason else { Issue.record("\(cut)"); return }
        #expect(cut.line == 3)
        let mismatch = try #require(xmlError("<a>\n  <b>x</c>\n</a>", url: "https://x.example/oai?verb=ListRecords"))
        #expect(mismatch.reason == .notWellFormed("Opening and ending tag mismatch: b line 2 and c"))
        #expect(mismatch.line == 2 && mismatch.column == 11)
        #expect(mismatch.description == "The XML at https://x.example/oai?verb=ListRecords is not well-formed at line 2, column 11: Opening and ending tag mismatch: b line 2 and c.")
        let extra = try #require(xmlError("<a/>\n<b/>"))
        #expect(extra.reason == .notWellFormed("Extra content at the end of the document") && extra.line == 2)
        let attribute = try #require(xmlError("<a x=\"1\" x=\"2\"/>"))
        #expect(attribute.reason == .notWellFormed("Attribute x redefined"))
    }

    @Test("empty input, whitespace, a BOM or only comments are empty documents")
    func empty() throws {
        for text in ["", "   \n\t", "\u{FEFF}", "<?xml version=\"1.0\"?>", "<!-- nothing -->\n", "<?xml version=\"1.0\"?><!DOCTYPE a><!--x-->"] {
            let error = try #require(xmlError(text), "\(text.debugDescription) read")
            #expect(error.reason == .empty, "\(text.debugDescription): \(error)")
        }
        let utf16Blank: [UInt8] = [0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00]
        guard case .failure(let error) = xmlEvents(utf16Blank) else { Issue.record("read"); return }
        #expect(error.reason == .empty)
        #expect(XMLReadError(reason: .empty).description == "The XML document is empty: it holds no element.")
        let text = try #require(xmlError("broken xml"))
        #expect(text.reason == .notWellFormed("Start tag expected, '<' not found"))
    }

    @Test("errors are sticky: next() keeps throwing the same error")
    func stickyError() throws {
        let reader = try XMLReader(bytes: Array("<a><b></a>".utf8))
        var first: XMLReadError?
        do throws(XMLReadError) { while try reader.next() != nil {} } catch { first = error }
        var second: XMLReadError?
        do throws(XMLReadError) { _ = try reader.next() } catch { second = error }
        #expect(first != nil && first == second)
    }

    @Test("an undeclared namespace prefix reads on, with a warning")
    func undeclaredPrefix() throws {
        let reader = try XMLReader(bytes: Array("<rss>\n<itunes:subtitle>Foo</itunes:subtitle>\n</rss>".utf8))
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        #expect(events[1] == start("itunes:subtitle"))
        #expect(reader.warnings.count == 1)
        #expect(reader.warnings.first?.message == "Namespace prefix itunes on subtitle is not defined")
        #expect(reader.warnings.first?.line == 2)
    }

    @Test("encodings: UTF-8 with BOM, UTF-16 LE and BE, ISO-8859-1, windows-1252")
    func encodings() throws {
        let expected: [XMLEvent] = [start("t"), .text("Grüße Ψ €"), end("t")]
        #expect(try xmlEvents([0xEF, 0xBB, 0xBF] + Array("<t>Grüße Ψ €</t>".utf8)).get() == expected)
        let document = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>Grüße Ψ €</t>"
        let le: [UInt8] = [0xFF, 0xFE] + document.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + document.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(try xmlEvents(le).get() == expected)
        #expect(try xmlEvents(be).get() == expected)
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Gr".utf8) + [0xFC, 0xDF, 0x65] + Array("</t>".utf8)
        #expect(try xmlEvents(latin1).get() == [start("t"), .text("Grüße"), end("t")])
        let cp1252 = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><t>".utf8) + [0x80, 0x93, 0x94] + Array("</t>".utf8)
        #expect(try xmlEvents(cp1252).get() == [start("t"), .text("€“”"), end("t")])
    }

    @Test("bytes that are not valid in the document's encoding, and unknown encodings")
    func encodingErrors() throws {
        let invalid = Array("<t>".utf8) + [0xC3, 0x28] + Array("</t>".utf8)
        guard case .failure(let error) = xmlEvents(invalid), case .encoding(let message) = error.reason else {
            Issue.record("invalid UTF-8 read")
            return
        }
        #expect(message.hasPrefix("Input is not proper UTF-8"))
        #expect(error.description.hasPrefix("The XML document cannot be decoded at line 1"))
        let unknown = try #require(xmlError("<?xml version=\"1.0\" encoding=\"no-such-charset\"?><t/>"))
        #expect(unknown.reason == .encoding("Unsupported encoding no-such-charset: fedcat reads UTF-8, UTF-16, UTF-32 and ASCII-compatible encodings"))
        #expect(unknown.line == 1 && unknown.column == 21)
    }

    @Test("error descriptions are full sentences naming the document")
    func descriptions() {
        #expect(XMLReadError(reason: .doctypeWithEntities, url: "https://a.example/x.rdf", line: 2, column: 1).description
            == "The XML at https://a.example/x.rdf declares entities in its DOCTYPE at line 2, column 1; entity declarations are refused because they enable entity-expansion and external-entity (XXE) attacks.")
        #expect(XMLReadError(reason: .tooLarge(512)).description == "The XML document is too large: it exceeds the limit of 512 bytes.")
        #expect(XMLReadError(reason: .tooDeep(256), line: 9).description == "The XML document nests elements too deeply at line 9: the limit is 256 levels.")
        #expect(XMLReadError(reason: .externalEntityRefused, line: 1, column: 5).description
            == "The XML document refers to an external resource at line 1, column 5, which was refused: documents are never allowed to load files or URLs.")
        #expect(XMLReadError(reason: .notWellFormed("Bad thing!"), line: 1, column: 2).description
            == "The XML document is not well-formed at line 1, column 2: Bad thing!")
    }

    @Test("readers on different threads keep their errors apart")
    func concurrentReaders() async throws {
        let good = Array(("<r>" + String(repeating: "<i a=\"1\">text &amp; more</i>", count: 2_000) + "</r>").utf8)
        let bad = Array(("<r>" + String(repeating: "<i>text</i>", count: 2_000) + "<i></r>").utf8)
        let outcomes = await withTaskGroup(of: (Bool, String).self) { group in
            for index in 0..<16 {
                let isBad = index % 2 == 1
                let bytes = isBad ? bad : good
                group.addTask {
                    switch xmlEvents(bytes) {
                    case .success(let events): return (isBad, "ok \(events.count)")
                    case .failure(let error): return (isBad, "\(error.reason)")
                    }
                }
            }
            var collected: [(Bool, String)] = []
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        #expect(outcomes.count == 16)
        for (isBad, outcome) in outcomes {
            if isBad {
                #expect(outcome.contains("Opening and ending tag mismatch"), "\(outcome)")
            } else {
                #expect(outcome == "ok 6002", "\(outcome)")
            }
        }
    }
}
