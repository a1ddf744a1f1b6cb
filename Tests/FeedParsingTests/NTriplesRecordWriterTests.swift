import Testing
@testable import FeedParsing

/// `NTriplesRecordWriter` writes the bytes `NTriplesWriter.append` writes and is certain of a line exactly when
/// `NTriplesWriter.readBack` is.
@Suite("N-Triples record writer")
struct NTriplesRecordWriterTests {
    /// Each case of the read-back tests, then all of them as one record (the IRI cache warm), then twice more
    /// through one shared cache.
    @Test func linesAndTriplesAreThoseOfTheGeneralWriter() {
        let cases = NTriplesReadBackTests.cases
        for triple in cases { check([triple]) }
        let cache = NTriplesIRICache()
        for _ in 0..<3 { check(cases, cache: cache) }
        // Grouped by subject, as a record's cut writes them.
        let grouped = Dictionary(grouping: cases, by: { "\($0.subject)" }).values.flatMap { $0 }
        check(grouped, cache: cache)
    }

    /// Random texts of plain, escaped and multi-byte characters, at every length around the eight-byte steps.
    @Test func literalsStepOverPlainBytesExactly() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "漢", "🙂", "~", "!", "{", "#"]
        for length in 0..<40 {
            for _ in 0..<25 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
                check([RDFTriple(NTriplesReadBackTests.s, NTriplesReadBackTests.p, .string(text))])
                var escaped: [UInt8] = []
                let hasNUL = NTriplesWriter.appendLiteralText(text, to: &escaped)
                #expect(escaped == Self.referenceEscape(text), "\(Array(text.utf8))")
                #expect(hasNUL == text.utf8.contains(0))
            }
        }
    }

    /// Random IRIs of plain, escaped and non-ASCII characters: written as `appendIRI` writes them, plain exactly
    /// when `isPlainIRI` says so.
    @Test func irisAreWrittenAndCheckedInOnePass() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "0", "/", ":", "#", "%", "~", ".", "-", " ", "<", ">", "\"", "{", "}", "|", "^", "`", "\\", "\u{7F}",
                      "\u{1}", "é", "漢", "🙂"]
        for length in 0..<40 {
            for _ in 0..<25 {
                var iri = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
                if Bool.random(using: &generator) { iri = "https://ex.org/" + iri }
                var written: [UInt8] = [], expected: [UInt8] = []
                let plain = NTriplesWriter.appendCheckedIRI(iri, to: &written)
                NTriplesWriter.append(.iri(iri), to: &expected)
                #expect(written == expected, "\(iri)")
                #expect(plain == NTriplesWriter.isPlainIRI(iri), "\(iri)")
            }
        }
    }

    /// Writes `triples` through the byte API, blank nodes numbered `b0, b1, …` in order of appearance, and compares
    /// with the general writer and `readBack` on the same triples so relabelled.
    private func check(_ triples: [RDFTriple], cache: NTriplesIRICache = NTriplesIRICache()) {
        var writer = NTriplesRecordWriter(iris: cache)
        var expected: [UInt8] = []
        var numbers: [String: Int] = [:]
        func number(_ label: String) -> Int {
            if let known = numbers[label] { return known }
            numbers[label] = numbers.count
            return numbers.count - 1
        }
        func relabelled(_ term: RDFTerm) -> RDFTerm {
            if case .blank(let label) = term { return .blank("b\(number(label))") }
            return term
        }
        var current: RDFTerm?
        for triple in triples {
            if triple.subject != current {
                switch triple.subject {
                case .blank(let label): writer.begin(blank: number(label))
                case .iri(let iri): withBytes(iri) { writer.begin(iri: $0) }
                case .literal: Issue.record("a literal subject in \(triple)")
                }
                current = triple.subject
            }
            var predicateText: [UInt8] = []
            let plain = withBytes(triple.predicate) { NTriplesWriter.appendCheckedIRI(bytes: $0.assumingMemoryBound(to: UInt8.self), to: &predicateText) }
            var certain = false
            var kind: NTriplesRecordWriter.LiteralBack?
            let object = relabelled(triple.object)
            predicateText.withUnsafeBytes { text in
                let predicate = NTriplesRecordWriter.Predicate(text: text, plain: plain)
                switch object {
                case .iri(let iri): certain = withBytes(iri) { writer.append(predicate, iri: $0) }
                case .blank(let label): certain = writer.append(predicate, blank: Int(label.dropFirst())!)
                case .literal(let lexical, let datatype, let language):
                    kind = withBytes(lexical) { writer.append(predicate, literal: $0, language: language, datatype: datatype) }
                    certain = kind != nil
                }
            }
            let written = RDFTriple(relabelled(triple.subject), triple.predicate, object)
            NTriplesWriter.append(written, to: &expected)
            let back = NTriplesWriter.readBack(written)
            #expect(certain == (back != nil), "\(triple)")
            if let back, case .literal(_, let datatype, let language) = back.object {
                #expect(kind == (language != nil ? .language : datatype != nil ? .datatype : .plain), "\(triple)")
            }
        }
        #expect(writer.bytes == expected, "\(triples)")
    }

    private func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var text = text
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// A literal's text escaped one character at a time, as the N-Triples writer documents it.
    static func referenceEscape(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789ABCDEF".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        return out
    }
}
