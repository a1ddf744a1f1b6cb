import FeedParsing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing

/// The XML documents of the shared corpus, and what the reader must say about them.
enum XMLCorpus {
    static var directory: URL? { Corpus.directory }
    static let missingMessage = Corpus.missingMessage

    /// Every XML document (*.xml, *.rdf, *.atom, and the HTML in bad/), as paths relative to
    /// the corpus folder, sorted.
    static let files: [String] = Corpus.files(endingIn: [".xml", ".rdf", ".atom", ".html"])
        .filter { !$0.hasSuffix(".html") || $0.hasPrefix("bad/") }

    static var goodFiles: [String] { files.filter { !$0.hasPrefix("bad/") } }
    static var badFiles: [String] { files.filter { $0.hasPrefix("bad/") } }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try Corpus.bytes(relative)
    }

    /// Every document in bad/ that must be refused, with the error; the rest of bad/ reads
    /// (its problems are for the harvesters: schema, missing fields, odd values).
    static let refused: [String: (reason: XMLReadError.Reason, line: Int, column: Int)] = [
        // Truncated mid-record (ends after </gmd:hierarchyLevelName> with the root open).
        "bad/ckanext-spatial_gemini2.1_error_bad_xml.xml":
            (.notWellFormed("Premature end of data: the document ends before its elements are closed"), 16, 1),
        // Declares 14 namespace-URI entities in its DOCTYPE (a common RDF/XML idiom), refused by policy.
        "bad/dcatapit_dataset_it_esempio_6.rdf": (.doctypeWithEntities, 2, 25),
        "bad/defusedxml_cyclic.xml": (.doctypeWithEntities, 2, 1),
        "bad/defusedxml_external.xml": (.doctypeWithEntities, 2, 1),
        "bad/defusedxml_external_file.xml": (.doctypeWithEntities, 2, 1),
        "bad/defusedxml_xmlbomb.xml": (.doctypeWithEntities, 2, 1),
        "bad/defusedxml_xmlbomb2.xml": (.doctypeWithEntities, 2, 1),
        "bad/feedparser_bozo_bogus_encoding.xml":
            (.encoding("Unsupported encoding bogus: fedcat reads UTF-8, UTF-16, UTF-32 and ASCII-compatible encodings"), 1, 21),
        "bad/feedparser_bozo_invalid-bytes-with-bom.xml":
            (.encoding("Input is not proper UTF-8, indicate encoding ! Bytes: 0xF1 0x61 0x3C 0x2F"), 7, 39),
        // windows-1255 bytes without any encoding declaration: not UTF-8, so not decodable.
        "bad/feedparser_chardet_windows1255.xml":
            (.encoding("Input is not proper UTF-8, indicate encoding ! Bytes: 0xE4 0xE0 0xED 0x20"), 10, 1),
        // Only a comment.
        "bad/feedparser_rss_empty_document.xml": (.empty, 0, 0),
        // A comment before the XML declaration.
        "bad/feedparser_rss_incomplete_cdata.xml": (.notWellFormed("XML declaration allowed only at the start of the document"), 5, 6),
        // Ends with "</rss" without ">".
        "bad/feedparser_rss_item_link_corrupted_ampersands.xml": (.notWellFormed("expected '>'"), 13, 1),
        // A newline before the XML declaration.
        "bad/magda_tern-GetRecords.xml": (.notWellFormed("XML declaration allowed only at the start of the document"), 2, 6),
        "bad/pyoai_Identify_bogus_wrapper.xml": (.notWellFormed("Opening and ending tag mismatch: bogus line 1 and OAI-PMH"), 1, 1316),
        "bad/pyoai_Identify_undefined_entity.xml": (.notWellFormed("Entity 'bogus' not defined"), 1, 295),
        // The ten bytes "broken xml".
        "bad/sickle_ListRecordsBroken.xml": (.notWellFormed("Start tag expected, '<' not found"), 1, 1),
        // An HTML page: unquoted attribute values.
        "bad/DERIVED_httpbun_html_instead_of_oai.html": (.notWellFormed("AttValue: \" or ' expected"), 7, 12),
    ]

    /// Documents in bad/ that read, with the number of warnings they give.
    static let readWithWarnings: [String: Int] = [
        "bad/feedparser_undeclared_namespace.xml": 1,   // itunes: prefix never declared
    ]
}

/// Reads a document to the end with a fresh reader; also returns the reader's warnings.
private func readCorpusDocument(_ bytes: [UInt8], url: String) -> (Result<[XMLEvent], XMLReadError>, [XMLReadWarning]) {
    do throws(XMLReadError) {
        let reader = try XMLReader(bytes: bytes, url: url)
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return (.success(events), reader.warnings)
    } catch {
        return (.failure(error), [])
    }
}

/// A small deterministic generator for the fuzz tests.
private struct XMLTestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

#if canImport(FoundationXML) || canImport(Darwin)
/// Foundation's XMLParser (libxml2's SAX interface underneath, no streaming reader, no
/// prolog scan of ours) reduced to the same shape: expanded element names and the text
/// inside each element, whitespace-only text dropped.
private final class FoundationShape: NSObject, XMLParserDelegate {
    var lines: [String] = []
    private var pending = ""

    private func flush() {
        if !pending.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) { lines.append("text " + pending) }
        pending = ""
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        flush()
        let namespace = (namespaceURI?.isEmpty ?? true) ? "" : "{\(namespaceURI!)}"
        lines.append("start " + namespace + elementName)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        flush()
        lines.append("end")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { pending += string }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { pending += String(decoding: CDATABlock, as: UTF8.self) }
}

private func shape(_ events: [XMLEvent]) -> [String] {
    events.map { event in
        switch event {
        case .startElement(let name, _, _): return "start " + name.description
        case .endElement: return "end"
        case .text(let text): return "text " + text
        }
    }
}
#endif

@Suite("XML corpus", .enabled(if: XMLCorpus.directory != nil, Comment(rawValue: XMLCorpus.missingMessage)))
struct XMLCorpusTests {
    @Test("the corpus holds XML documents and every expected-refused file exists")
    func corpusInventory() {
        #expect(XMLCorpus.goodFiles.count >= 100, "found only \(XMLCorpus.goodFiles.count) XML files outside bad/")
        for name in Array(XMLCorpus.refused.keys) + Array(XMLCorpus.readWithWarnings.keys) {
            #expect(XMLCorpus.files.contains(name), "\(name) is missing from the corpus")
        }
    }

    @Test("every document outside bad/ reads to the end, and its root re-serialises faithfully",
          arguments: XMLCorpus.goodFiles)
    func goodDocument(_ relative: String) throws {
        let bytes = try XMLCorpus.bytes(relative)
        let started = Date()
        let (result, warnings) = readCorpusDocument(bytes, url: relative)
        let events: [XMLEvent]
        switch result {
        case .success(let read): events = read
        case .failure(let error):
            Issue.record("\(error)")
            return
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(warnings.isEmpty, "\(relative): \(warnings)")
        #expect(events.count >= 2)

        // outerXML of the root, re-parsed, gives the same events.
        let reader = try XMLReader(bytes: bytes, url: relative)
        var first = try reader.next()
        while let event = first, case .text = event { first = try reader.next() }
        let root = try reader.outerXML()
        #expect(try xmlEvents(root).get() == events, "\(relative): the re-serialised root differs")
        // And skipping the root ends the document.
        try reader.skipElement()
        #expect(try reader.next() == nil)
    }

    @Test("every document in bad/ is refused with its specific error, or reads", arguments: XMLCorpus.badFiles)
    func badDocument(_ relative: String) throws {
        let bytes = try XMLCorpus.bytes(relative)
        let started = Date()
        let (result, warnings) = readCorpusDocument(bytes, url: relative)
        #expect(Date().timeIntervalSince(started) < 1)
        switch result {
        case .success:
            #expect(XMLCorpus.refused[relative] == nil, "\(relative) read but should be refused with \(XMLCorpus.refused[relative]!)")
            #expect(warnings.count == XMLCorpus.readWithWarnings[relative, default: 0], "\(relative): \(warnings)")
        case .failure(let error):
            guard let expected = XMLCorpus.refused[relative] else {
                Issue.record("\(relative) was refused: \(error)")
                return
            }
            #expect(error.reason == expected.reason, "\(error)")
            #expect(error.line == expected.line && error.column == expected.column, "\(error)")
            #expect(error.url == relative && error.description.hasPrefix("The XML at \(relative) "))
        }
    }

    @Test("declared encodings decode: ISO-8859-1, ISO-8859-7, UTF-16LE with BOM, numeric references")
    func encodings() throws {
        func text(_ relative: String) throws -> String {
            let events = try xmlEvents(try XMLCorpus.bytes(relative)).get()
            return events.reduce(into: "") { if case .text(let text) = $1 { $0 += text + "\n" } }
        }
        let dc2 = try text("csw/owslib_9250AA67_dc2.xml")   // ISO-8859-1 with &#936;
        #expect(dc2.contains("in situ stem water potential (Ψstem)"))
        #expect(dc2.contains("Mercè Mata") && dc2.contains("Ana Pelechá") && dc2.contains("Jofre-Ĉekalović"))
        let dc = try text("csw/owslib_9250AA67_dc.xml")       // ISO-8859-1 (ASCII content)
        #expect(dc.contains("Locations: Canada > Manitoba"))
        let greek = try text("bad/feedparser_http_high_bit_date.xml")   // iso-8859-7
        #expect(greek.contains("Τρι, 29 Ιούν 2004 12:53:00 GMT"))
        let utf16 = try xmlEvents(try XMLCorpus.bytes("bad/feedparser_utf-16le-bom.xml")).get()
        #expect(utf16 == [.startElement(XMLName(local: "rss"), attributes: [], isEmpty: false), .endElement(XMLName(local: "rss"))])
        let cjk = try text("oaipmh/sickle_GetRecord_utf8test.xml")
        #expect(cjk.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
    }

    #if canImport(FoundationXML) || canImport(Darwin)
    @Test("Foundation's XMLParser sees the same elements and text", arguments: XMLCorpus.goodFiles)
    func sameAsFoundation(_ relative: String) throws {
        let bytes = try XMLCorpus.bytes(relative)
        let mine = shape(try xmlEvents(bytes).get())
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let delegate = FoundationShape()
        parser.delegate = delegate
        guard parser.parse() else {
            Issue.record("XMLParser refused \(relative): \(String(describing: parser.parserError))")
            return
        }
        if mine != delegate.lines {
            let index = zip(mine, delegate.lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, delegate.lines.count)
            Issue.record("\(relative) differs at event \(index): \(mine.dropFirst(index).first ?? "(end)") vs \(delegate.lines.dropFirst(index).first ?? "(end)")")
        }
    }
    #endif

    @Test("truncated real documents are refused, never crash")
    func truncatedCorpusDocument() throws {
        let bytes = try XMLCorpus.bytes("oaipmh/arxiv_ListRecords_cs_46.xml")
        let whole = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var rng = XMLTestRNG(seed: 11)
        for _ in 0..<200 {
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            switch xmlEvents(Array(bytes[..<cut])) {
            case .success:
                let prefix = String(decoding: bytes[..<cut], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(prefix == whole, "prefix \(cut) read")
            case .failure(let error):
                switch error.reason {
                case .notWellFormed, .empty, .encoding: break
                default: Issue.record("prefix \(cut): \(error)")
                }
            }
        }
    }

    @Test("randomly damaged real documents read or fail with an XMLReadError, never crash or hang")
    func damagedCorpusDocuments() throws {
        var rng = XMLTestRNG(seed: 5)
        let sources = ["csw/pycsw_apiso_GetRecords-all.xml", "oaipmh/sickle_ListRecords.xml", "dcat_rdfxml/ckanext-dcat_catalog.rdf"]
        let alphabet = Array("<>&;/=\"'![]?-#x:\u{0}\u{FF}".utf8)
        for source in sources {
            let original = try XMLCorpus.bytes(source)
            for _ in 0..<100 {
                var damaged = original
                for _ in 0..<Int.random(in: 1...5, using: &rng) {
                    damaged[Int.random(in: 0..<damaged.count, using: &rng)] = alphabet.randomElement(using: &rng)!
                }
                let started = Date()
                let reader = try? XMLReader(bytes: damaged)
                var steps = 0
                do throws(XMLReadError) {
                    while try reader?.next() != nil { steps += 1 }
                } catch {}
                #expect(Date().timeIntervalSince(started) < 1)
                #expect(steps < 100_000)
            }
        }
    }
}
