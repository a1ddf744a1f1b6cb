import CLibXML2
@testable import FeedParsing
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one hostile document did.
struct HostileOutcome {
    var events: [XMLEvent] = []
    var error: XMLReadError?
    var seconds: Double = 0
    /// Growth of the process's peak resident set while reading, in bytes (an upper bound:
    /// other tests run concurrently).
    var peakGrowth: Int = 0

    var text: String {
        events.reduce(into: "") { if case .text(let text) = $1 { $0 += text } }
    }

    /// Every string the events carry: text, names and attribute values.
    var everything: String {
        events.reduce(into: "") { result, event in
            switch event {
            case .text(let text): result += text + "\n"
            case .startElement(let name, let attributes, _):
                result += name.qualified + "\n"
                for attribute in attributes { result += attribute.name.qualified + "=" + attribute.value + "\n" }
            case .endElement: break
            }
        }
    }
}

private func peakResidentBytes() -> Int {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024          // kilobytes on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)                 // bytes on macOS
    #endif
}

/// Reads a hostile document to the end, with the prolog scan on (the public initialiser) or
/// off (only the DOCTYPE node check and libxml2's own settings stand guard).
func readHostile(_ bytes: [UInt8], scanMarkup: Bool = true) -> HostileOutcome {
    var outcome = HostileOutcome()
    let peakBefore = peakResidentBytes()
    let start = Date()
    do throws(XMLReadError) {
        let reader = try XMLReader(bytes: bytes, url: nil, options: .init(), scanMarkup: scanMarkup)
        while let event = try reader.next() { outcome.events.append(event) }
    } catch {
        outcome.error = error
    }
    outcome.seconds = Date().timeIntervalSince(start)
    outcome.peakGrowth = peakResidentBytes() - peakBefore
    return outcome
}

/// The first lines of /etc/passwd-like files and the payloads of the entity bombs: none may
/// ever appear in what the reader reports.
private let leakMarkers = ["root:", "daemon:", "/bin/sh", "lollol", "12345678901234567890", "note>", "Tove"]

private func expectNoLeak(_ outcome: HostileOutcome, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let everything = outcome.everything
    for marker in leakMarkers {
        #expect(!everything.contains(marker), "\(label): reported text contains \(marker)", sourceLocation: sourceLocation)
    }
    #expect(outcome.seconds < 1, "\(label) took \(outcome.seconds) s", sourceLocation: sourceLocation)
    #expect(outcome.peakGrowth < 256 << 20, "\(label) grew the peak RSS by \(outcome.peakGrowth >> 20) MB",
            sourceLocation: sourceLocation)
}

private let defaultLimits = XMLMarkupScan.Limits(maxAttributes: 128, maxNamespaces: 128, maxNames: 10_000)

private func scan(_ bytes: [UInt8]) -> XMLMarkupScan.Verdict {
    bytes.withUnsafeBytes { XMLMarkupScan.scan($0, limits: defaultLimits) }
}

private func scan(_ text: String) -> XMLMarkupScan.Verdict { scan(Array(text.utf8)) }

/// One hostile corpus file and what must happen to it.
struct HostileCorpusCase: Sendable, CustomTestStringConvertible {
    let file: String
    /// Why the outcome is right.
    let rationale: String
    /// The error expected with the prolog scan on; nil when the document must read.
    let reason: XMLReadError.Reason?
    let line: Int
    let column: Int
    /// Acceptable errors with the scan off (the DOCTYPE node check alone, or libxml2 failing first).
    let reasonsWithoutScan: [XMLReadError.Reason]?
    /// Events expected when the document reads.
    let events: [XMLEvent]

    var testDescription: String { file }

    static let all: [HostileCorpusCase] = [
        HostileCorpusCase(
            file: "bad/defusedxml_xmlbomb.xml",
            rationale: "billion laughs: entities a..d nested x8 (c expands to 640 bytes, d to 5 KB); any entity declaration is refused before libxml2 sees it",
            reason: .doctypeWithEntities, line: 2, column: 1, reasonsWithoutScan: [.doctypeWithEntities], events: []),
        HostileCorpusCase(
            file: "bad/defusedxml_xmlbomb2.xml",
            rationale: "a single small internal entity used in content: harmless in itself, refused all the same (no entity declarations at all)",
            reason: .doctypeWithEntities, line: 2, column: 1, reasonsWithoutScan: [.doctypeWithEntities], events: []),
        HostileCorpusCase(
            file: "bad/defusedxml_cyclic.xml",
            rationale: "entities a -> b -> a: refused before any expansion could recurse; libxml2 alone reports the loop",
            reason: .doctypeWithEntities, line: 2, column: 1,
            reasonsWithoutScan: [.doctypeWithEntities, .notWellFormed("Detected an entity reference loop")], events: []),
        HostileCorpusCase(
            file: "bad/defusedxml_external.xml",
            rationale: "XXE over http (SYSTEM http://www.w3schools.com/xml/note.xml): refused, nothing fetched (NONET and the deny-all loader besides)",
            reason: .doctypeWithEntities, line: 2, column: 1, reasonsWithoutScan: [.doctypeWithEntities], events: []),
        HostileCorpusCase(
            file: "bad/defusedxml_external_file.xml",
            rationale: "XXE over file:// : refused, no file read",
            reason: .doctypeWithEntities, line: 2, column: 1, reasonsWithoutScan: [.doctypeWithEntities], events: []),
        HostileCorpusCase(
            file: "bad/defusedxml_dtd.xml",
            rationale: "a DOCTYPE naming the external XHTML DTD over http, with no internal subset: allowed, and read WITHOUT loading the DTD (no DTDLOAD, no network), so no default attributes appear",
            reason: nil, line: 0, column: 0, reasonsWithoutScan: nil,
            events: [
                .startElement(XMLName(local: "html"), attributes: [], isEmpty: false),
                .startElement(XMLName(local: "head"), attributes: [], isEmpty: true),
                .endElement(XMLName(local: "head")),
                .startElement(XMLName(local: "body"), attributes: [], isEmpty: false),
                .text("text"),
                .endElement(XMLName(local: "body")),
                .endElement(XMLName(local: "html")),
            ]),
        HostileCorpusCase(
            file: "bad/pyoai_Identify_undefined_entity.xml",
            rationale: "&bogus; with no DOCTYPE at all: a reference to an undeclared entity is a well-formedness error",
            reason: .notWellFormed("Entity 'bogus' not defined"), line: 1, column: 295,
            reasonsWithoutScan: [.notWellFormed("Entity 'bogus' not defined")], events: []),
    ]
}

@Suite("XML security")
struct XMLSecurityTests {
    // MARK: - The hostile corpus files

    @Test("hostile corpus files are refused or read without expanding or fetching anything",
          .enabled(if: XMLCorpus.directory != nil, Comment(rawValue: XMLCorpus.missingMessage)),
          arguments: HostileCorpusCase.all)
    func hostileCorpusFile(_ hostile: HostileCorpusCase) throws {
        let bytes = try XMLCorpus.bytes(hostile.file)
        let outcome = readHostile(bytes)
        expectNoLeak(outcome, hostile.file)
        if let reason = hostile.reason {
            let error = try #require(outcome.error, "\(hostile.file) read, but: \(hostile.rationale)")
            #expect(error.reason == reason, "\(hostile.file): \(error) — expected because: \(hostile.rationale)")
            #expect(error.line == hostile.line && error.column == hostile.column, "\(error)")
            #expect(outcome.events.isEmpty, "nothing may be reported before the refusal")
        } else {
            #expect(outcome.error == nil, "\(hostile.file): \(String(describing: outcome.error))")
            #expect(outcome.events == hostile.events)
        }

        // Second line of defence alone: same verdict.
        let unscanned = readHostile(bytes, scanMarkup: false)
        expectNoLeak(unscanned, hostile.file + " (no prolog scan)")
        if let acceptable = hostile.reasonsWithoutScan {
            let error = try #require(unscanned.error, "\(hostile.file) read without the prolog scan")
            #expect(acceptable.contains(error.reason), "\(hostile.file) without the prolog scan: \(error)")
            #expect(!unscanned.events.contains { if case .text = $0 { return true } else { return false } },
                    "no text may be reported before the refusal")
        } else {
            #expect(unscanned.error == nil && unscanned.events == hostile.events)
        }
    }

    // MARK: - Entity attacks, synthetic

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <lolz a="&lol9;">&lol9;</lolz>
        """

    @Test("billion laughs (3 GB if expanded) is refused at once, by either line of defence")
    func billionLaughs() throws {
        let bytes = Array(Self.billionLaughs.utf8)
        for scan in [true, false] {
            let outcome = readHostile(bytes, scanMarkup: scan)
            expectNoLeak(outcome, "billion laughs, scan \(scan)")
            #expect(outcome.error?.reason == .doctypeWithEntities, "\(String(describing: outcome.error))")
            #expect(outcome.events.isEmpty)
        }
        let scanned = readHostile(bytes)
        #expect(scanned.error?.line == 3 && scanned.error?.column == 2, "the first <!ENTITY")
    }

    @Test("XXE through general and parameter entities is refused and reads no file")
    func externalEntities() throws {
        let attacks = [
            "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
            "<!DOCTYPE r [<!ENTITY x PUBLIC \"-//X//Y\" \"file:///etc/passwd\">]><r a=\"&x;\">&x;</r>",
            "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><r/>",
            "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p; %q;]><r>&e;</r>",
            "<!DOCTYPE r [<!ENTITY % ent \"<!ENTITY x 'y'>\"> %ent;]><r>&x;</r>",
            "<!DOCTYPE r SYSTEM \"x.dtd\" [<!ENTITY x \"declared\">]><r>&x;</r>",
        ]
        for attack in attacks {
            let outcome = readHostile(Array(attack.utf8))
            expectNoLeak(outcome, attack)
            #expect(outcome.error?.reason == .doctypeWithEntities, "\(attack): \(String(describing: outcome.error))")
            #expect(outcome.events.isEmpty)
            // Without the prolog scan libxml2 sometimes fails first (an external entity in an
            // attribute, an unknown parameter entity); either way nothing is read or reported.
            let unscanned = readHostile(Array(attack.utf8), scanMarkup: false)
            expectNoLeak(unscanned, attack + " (no prolog scan)")
            switch unscanned.error?.reason {
            case .doctypeWithEntities?, .notWellFormed?: break
            default: Issue.record("\(attack) without the prolog scan: \(String(describing: unscanned.error))")
            }
            #expect(!unscanned.everything.contains("declared") && !unscanned.events.contains {
                if case .text = $0 { return true } else { return false }
            })
        }
    }

    @Test("an external DTD is allowed but never loaded, whether file:// or http://")
    func externalDTDNotLoaded() throws {
        for doctype in ["<!DOCTYPE r SYSTEM \"file:///etc/passwd\">",
                        "<!DOCTYPE r PUBLIC \"-//X//DTD X//EN\" \"http://127.0.0.1:9/x.dtd\">",
                        "<!DOCTYPE r SYSTEM \"/etc/passwd\" [<!ELEMENT r (#PCDATA)><!NOTATION n SYSTEM \"file:///etc/passwd\">]>"] {
            let outcome = readHostile(Array((doctype + "<r>ok</r>").utf8))
            expectNoLeak(outcome, doctype)
            #expect(outcome.error == nil, "\(doctype): \(String(describing: outcome.error))")
            #expect(outcome.events == [.startElement(XMLName(local: "r"), attributes: [], isEmpty: false), .text("ok"),
                                       .endElement(XMLName(local: "r"))],
                    "\(doctype): \(outcome.events)")
        }
    }

    @Test("references to undeclared entities are errors, after the events before them")
    func undeclaredEntities() throws {
        // With an external DTD libxml2 only warns (the entity might be declared there); the
        // reader refuses the reference itself.
        let withDTD = readHostile(Array("<!DOCTYPE html SYSTEM \"x.dtd\">\n<html><p>a&nbsp;b</p></html>".utf8))
        #expect(withDTD.error?.reason == .notWellFormed("Entity 'nbsp' not defined"))
        #expect(withDTD.error?.line == 2)
        #expect(withDTD.text == "a")
        // In an attribute, and without any DOCTYPE.
        for xml in ["<!DOCTYPE r SYSTEM \"x.dtd\"><r a=\"x&nbsp;\"/>", "<r>&nbsp;</r>", "<r a=\"&nbsp;\"/>"] {
            let outcome = readHostile(Array(xml.utf8))
            #expect(outcome.error?.reason == .notWellFormed("Entity 'nbsp' not defined"), "\(xml): \(String(describing: outcome.error))")
        }
    }

    @Test("outerXML refuses a subtree holding an undeclared entity reference")
    func outerXMLUndeclaredEntity() throws {
        let reader = try XMLReader(bytes: Array("<!DOCTYPE r SYSTEM \"x.dtd\"><r><a>&nbsp;</a></r>".utf8))
        _ = try reader.next()
        _ = try reader.next()
        var caught: XMLReadError?
        do throws(XMLReadError) { _ = try reader.outerXML() } catch { caught = error }
        #expect(caught?.reason == .notWellFormed("Entity 'nbsp' not defined"))
    }

    @Test("XInclude is never processed")
    func xinclude() throws {
        let xml = """
            <r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></r>
            """
        let outcome = readHostile(Array(xml.utf8))
        expectNoLeak(outcome, "xinclude")
        #expect(outcome.error == nil)
        #expect(outcome.events.count == 4, "the include element is reported as an element, not followed")
    }

    @Test("an encoding the byte scan cannot read is refused; without the scan the DOCTYPE check still refuses its entities")
    func utf7Bypass() throws {
        // In UTF-7 "<" can be written "+ADw-": a byte scan sees no <!ENTITY, libxml2 (via ICU) does.
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<!DOCTYPE x [\n+ADw-!ENTITY e \"lollollol\"+AD4-\n]>\n<x>+ACY-e;</x>\n"
        let outcome = readHostile(Array(xml.utf8))
        expectNoLeak(outcome, "UTF-7")
        #expect(outcome.error?.reason == .encoding("Unsupported encoding UTF-7: fedcat reads UTF-8, UTF-16, UTF-32 and ASCII-compatible encodings"))
        let unscanned = readHostile(Array(xml.utf8), scanMarkup: false)
        expectNoLeak(unscanned, "UTF-7 without the scan")
        #expect(unscanned.error?.reason == .doctypeWithEntities, "\(String(describing: unscanned.error))")
        #expect(unscanned.events.isEmpty)
    }

    @Test("encodings whose markup is not ASCII are refused; ASCII-compatible ones are read")
    func encodingAllowList() throws {
        for name in ["UTF-7", "IBM037", "ISO-2022-JP", "HZ-GB-2312", "bogus"] {
            let verdict = scan("<?xml version=\"1.0\" encoding=\"\(name)\"?><a/>")
            guard case .refused(.encoding(let message), 1, 21) = verdict else { Issue.record("\(name): \(verdict)"); continue }
            #expect(message.hasPrefix("Unsupported encoding \(name)"))
        }
        for name in ["UTF-8", "utf8", "ISO-8859-15", "iso_8859-1", "Latin1", "windows-1255", "CP1252", "Shift_JIS", "EUC-JP",
                     "GB18030", "Big5", "KOI8-R", "US-ASCII"] {
            #expect(scan("<?xml version=\"1.0\" encoding=\"\(name)\"?><a/>") == .proceed, "\(name)")
        }
        // EBCDIC detected from the first bytes ("<?xm" in EBCDIC).
        guard case .refused(.encoding, _, _) = scan([0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40]) else { Issue.record("EBCDIC read"); return }
        // A UTF-16 document must not switch to an 8-bit encoding half way.
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>"
        let le: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        guard case .refused(.encoding, _, _) = scan(le) else { Issue.record("UTF-16 declaring UTF-8 read"); return }
    }

    @Test("the byte scan reads UTF-16 and UCS-4 documents")
    func utf16Bomb() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE r [\n<!ENTITY a \"lollol\">]><r>&a;</r>"
        let le: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let be: [UInt8] = xml.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let ucs4 = "<?xml version=\"1.0\" encoding=\"UCS-4\"?>\n<!DOCTYPE r [\n<!ENTITY a \"lollol\">]><r>&a;</r>"
            .unicodeScalars.flatMap { (scalar: Unicode.Scalar) -> [UInt8] in
                let value = scalar.value
                return [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
            }
        for (label, bytes) in [("UTF-16LE", le), ("UTF-16BE", be), ("UCS-4BE", ucs4)] {
            #expect(scan(bytes) == .refused(.doctypeWithEntities, line: 3, column: 1), "\(label)")
            let outcome = readHostile(bytes)
            #expect(outcome.error?.reason == .doctypeWithEntities && outcome.error?.line == 3, "\(label)")
        }
        let many = "<r>" + String(repeating: "<a/>", count: 3) + "<b " + (0..<200).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/></r>"
        let manyLE: [UInt8] = [0xFF, 0xFE] + many.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(scan(manyLE) == .refused(.tooManyAttributes(128), line: 1, column: 16))
    }

    @Test("the byte scan refuses only real entity and attribute-list declarations")
    func prologScanPrecision() throws {
        let allowed = [
            "<!DOCTYPE a [<!-- <!ENTITY x \"no\"> <!ATTLIST a b CDATA \"c\"> -->]><a>x</a>",
            "<!DOCTYPE a [<!ELEMENT a (#PCDATA)><!NOTATION n SYSTEM \"<!ENTITY in a literal\">]><a>x</a>",
            "<!DOCTYPE a [<?pi <!ENTITY x ?>]><a>x</a>",
            "<!DOCTYPE a SYSTEM \"weird[<!ENTITY.dtd\"><a>x</a>",
            "<!-- <!DOCTYPE a [<!ENTITY x \"y\">]> --><a>x</a>",
            "<!DOCTYPE html>\n<a>x</a>",
            "<a><![CDATA[<!DOCTYPE a [<!ENTITY x \"y\">]> <b c=\"1\" c=\"2\">]]></a>",
        ]
        for xml in allowed {
            #expect(scan(xml) == .proceed, "\(xml): \(scan(xml))")
            #expect(xmlError(xml) == nil, "\(xml): \(String(describing: xmlError(xml)))")
        }
        let refused: [(String, XMLReadError.Reason, Int, Int)] = [
            ("<!DOCTYPE a [<!ELEMENT a ANY>\n  <!ENTITY x \"y\">]><a/>", .doctypeWithEntities, 2, 3),
            ("\u{FEFF}<?xml version=\"1.0\"?><!--c--><?pi?><!DOCTYPE a [<!ENTITY x \"y\">]><a/>", .doctypeWithEntities, 1, 49),
            ("<!DOCTYPE a [<!NOTATION n SYSTEM \"]>\"><!ENTITY x \"y\">]><a/>", .doctypeWithEntities, 1, 39),
            ("<!DOCTYPE a [<!ATTLIST a xmlns CDATA \"urn:spoofed\">]><a/>", .doctypeWithAttributeLists, 1, 14),
        ]
        for (xml, reason, line, column) in refused {
            #expect(scan(xml) == .refused(reason, line: line, column: column), "\(xml): \(scan(xml))")
            #expect(xmlError(xml)?.reason == reason, "\(xml)")
        }
    }

    // MARK: - Shapes on which libxml2 2.9 takes quadratic time

    @Test("attribute lists in the DOCTYPE are refused by both lines of defence")
    func attributeLists() throws {
        // 20,000 defaults for <a> and 2,000 <a> tags of 100 attributes: 2 MB that keep
        // libxml2 2.9.14 busy for over five minutes when parsed.
        let dtd = "<!DOCTYPE a [" + (0..<20_000).map { "<!ATTLIST a d\($0) CDATA \"v\">" }.joined() + "]>"
        let tag = "<a " + (0..<100).map { "x\($0)=\"1\"" }.joined(separator: " ") + "/>"
        let attack = Array((dtd + "<a>" + String(repeating: tag, count: 2_000) + "</a>").utf8)
        let outcome = readHostile(attack)
        #expect(outcome.error?.reason == .doctypeWithAttributeLists)
        #expect(outcome.seconds < 1)
        // Namespace spoofing through a defaulted xmlns, checked on the parsed DOCTYPE too.
        let spoof = Array("<!DOCTYPE a [<!ATTLIST a xmlns CDATA \"urn:spoofed\">]><a><b/></a>".utf8)
        #expect(readHostile(spoof).error?.reason == .doctypeWithAttributeLists)
        let unscanned = readHostile(spoof, scanMarkup: false)
        #expect(unscanned.error?.reason == .doctypeWithAttributeLists && unscanned.events.isEmpty)
    }

    @Test("a start tag with too many attributes is refused before libxml2 parses it")
    func tooManyAttributes() throws {
        // 100,000 attributes in one tag (1.1 MB) take libxml2 2.9.14 about 14 s.
        let attack = Array(("<a>\n<b " + (0..<100_000).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/></a>").utf8)
        let outcome = readHostile(attack)
        #expect(outcome.error?.reason == .tooManyAttributes(128))
        #expect(outcome.error?.line == 2 && outcome.error?.column == 1)
        #expect(outcome.seconds < 1)
        #expect(outcome.error?.description == "The XML document has a start tag with too many attributes at line 2, column 1: the limit is 128, namespace declarations included.")
        let limit = "<a " + (0..<128).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>"
        #expect(xmlError(limit) == nil)
        var options = XMLReader.Options()
        options.maxAttributes = 1_000
        #expect(xmlError("<a " + (0..<500).map { "a\($0)='1'" }.joined(separator: "\n ") + "></a>", options: options) == nil)
    }

    @Test("too many namespace declarations in scope are refused")
    func tooManyNamespaces() throws {
        // 250 levels of 250 declarations and 500,000 elements (3 MB): libxml2 2.9.14 needs 13 s.
        let level = { (depth: Int, count: Int) in
            "<e\(depth) " + (0..<count).map { "xmlns:p\(depth)_\($0)=\"urn:\($0)\"" }.joined(separator: " ") + ">"
        }
        let xml = "<r>" + level(0, 100) + level(1, 100) + "<x/></e1></e0></r>"
        let error = try #require(xmlError(xml))
        #expect(error.reason == .tooManyNamespaces(128) && error.column > 100, "\(error)")
        let siblings = "<r>" + level(0, 100) + "</e0>" + level(1, 100) + "</e1></r>"
        #expect(xmlError(siblings) == nil, "declarations go out of scope with their element")
        let empty = "<r " + (0..<100).map { "xmlns:a\($0)=\"u\"" }.joined(separator: " ") + "><x "
            + (0..<100).map { "xmlns:b\($0)=\"u\"" }.joined(separator: " ") + "/></r>"
        #expect(xmlError(empty)?.reason == .tooManyNamespaces(128))
    }

    @Test("too many distinct names are refused")
    func tooManyNames() throws {
        // 400,000 distinct element names (4 MB) take libxml2 2.9.14 about 2.7 s, growing quadratically.
        let attack = Array(("<a>" + (0..<400_000).map { "<n\($0)/>" }.joined() + "</a>").utf8)
        let outcome = readHostile(attack)
        #expect(outcome.error?.reason == .tooManyNames(10_000))
        #expect(outcome.seconds < 1)
        let attributes = "<a>" + (0..<20_000).map { "<x n\($0)=\"1\"/>" }.joined() + "</a>"
        #expect(xmlError(attributes)?.reason == .tooManyNames(10_000))
        let uris = "<a>" + (0..<20_000).map { "<x xmlns=\"urn:\($0)\"/>" }.joined() + "</a>"
        #expect(xmlError(uris)?.reason == .tooManyNames(10_000))
        let repeated = "<a>" + String(repeating: "<x n=\"1\" xmlns=\"urn:1\">t</x>", count: 50_000) + "</a>"
        #expect(xmlError(repeated) == nil, "the same names over and over are fine")
    }

    @Test("the deny-all external entity loader is installed process-wide")
    func denyLoaderInstalled() throws {
        _ = try XMLReader(bytes: Array("<a/>".utf8))
        let loader = try #require(xmlGetExternalEntityLoader())
        let context = try #require(xmlNewParserCtxt())
        defer { xmlFreeParserCtxt(context) }
        #expect(loader("file:///etc/passwd", nil, context) == nil)
        #expect(loader("/etc/passwd", nil, context) == nil)
        #expect(loader("http://127.0.0.1:9/x.dtd", nil, context) == nil)
    }

    @Test("libxml2 runs with the safe options only")
    func safeOptions() {
        let forbidden = XML_PARSE_NOENT.rawValue | XML_PARSE_DTDLOAD.rawValue | XML_PARSE_DTDATTR.rawValue
            | XML_PARSE_DTDVALID.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_XINCLUDE.rawValue
        #expect(UInt32(FC_XML_SAFE_OPTIONS) & forbidden == 0)
        #expect(UInt32(FC_XML_SAFE_OPTIONS) & XML_PARSE_NONET.rawValue != 0)
    }
}
