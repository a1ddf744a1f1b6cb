/// Writes one record's statements as N-Triples, subject after subject, from terms given as bytes, and tells for each
/// line whether reading it back certainly gives the statement written (`NTriplesWriter.readBack`), without scanning
/// again what repeats: a subject's text is written once for all its statements, a predicate once by the caller
/// (`Predicate`), and the datatype IRIs a document repeats once (kept in an `NTriplesIRICache`, which can serve
/// many records). Blank nodes are `_:b<number>`.
///
/// The bytes are exactly those `NTriplesWriter.append` writes for the same triples.
public struct NTriplesRecordWriter {
    public private(set) var bytes: [UInt8] = []
    private let iris: NTriplesIRICache
    private var subjectText: [UInt8] = []
    private var subjectPlain = false

    public init(capacity: Int = 4096, iris: NTriplesIRICache = NTriplesIRICache()) {
        bytes.reserveCapacity(capacity)
        self.iris = iris
    }
}

extension NTriplesRecordWriter {
    /// What reading back a literal line gives: the literal with its language tag, with its datatype, or plain (a
    /// language tag N-Triples cannot write and `xsd:string` are left out).
    public enum LiteralBack: Sendable {
        case plain, language, datatype
    }

    /// A predicate IRI as N-Triples writes it (`<…>`, `NTriplesWriter.appendCheckedIRI(bytes:to:)`), and whether
    /// it reads back certainly: written once by the caller for all the lines that use it.
    public struct Predicate {
        public var text: UnsafeRawBufferPointer
        public var plain: Bool

        public init(text: UnsafeRawBufferPointer, plain: Bool) {
            self.text = text
            self.plain = plain
        }
    }

    /// The subject of the lines that follow: an IRI, as UTF-8 bytes.
    public mutating func begin(iri: UnsafeRawBufferPointer) {
        subjectText.removeAll(keepingCapacity: true)
        subjectPlain = NTriplesWriter.appendCheckedIRI(bytes: iri.assumingMemoryBound(to: UInt8.self), to: &subjectText)
    }

    /// The subject of the lines that follow: the blank node `_:b<number>`.
    public mutating func begin(blank number: Int) {
        subjectText.removeAll(keepingCapacity: true)
        Self.appendBlank(number, to: &subjectText)
        subjectPlain = true
    }

    /// Appends `subject predicate <iri> .`; true when the line reads back certainly.
    public mutating func append(_ predicate: Predicate, iri: UnsafeRawBufferPointer) -> Bool {
        let certain = startLine(predicate)
        let plain = NTriplesWriter.appendCheckedIRI(bytes: iri.assumingMemoryBound(to: UInt8.self), to: &bytes)
        endLine()
        return certain && plain
    }

    /// Appends `subject predicate _:b<number> .`; true when the line reads back certainly.
    public mutating func append(_ predicate: Predicate, blank number: Int) -> Bool {
        let certain = startLine(predicate)
        Self.appendBlank(number, to: &bytes)
        endLine()
        return certain
    }

    /// Appends `subject predicate "literal"` with its language tag or datatype; returns what reading the line back
    /// gives when that is certain.
    public mutating func append(_ predicate: Predicate, literal: UnsafeRawBufferPointer, language: String?, datatype: String?) -> LiteralBack? {
        var certain = startLine(predicate)
        var back = LiteralBack.plain
        bytes.append(0x22)
        if NTriplesWriter.appendLiteralText(bytes: literal.assumingMemoryBound(to: UInt8.self), to: &bytes) { certain = false }
        bytes.append(0x22)
        if let language, !language.isEmpty, NTriplesWriter.isLanguageTag(language) {
            bytes.append(0x40)
            bytes.append(contentsOf: language.utf8)
            back = .language
        } else if let datatype, datatype != NTriplesWriter.xsdString {
            bytes.append(0x5E)
            bytes.append(0x5E)
            if !iris.append(datatype, to: &bytes) { certain = false }
            back = .datatype
        }
        endLine()
        return certain ? back : nil
    }

    /// Writes the subject and predicate of a line; true when both read back certainly.
    private mutating func startLine(_ predicate: Predicate) -> Bool {
        subjectText.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
        bytes.append(0x20)
        bytes.append(contentsOf: predicate.text)
        bytes.append(0x20)
        return predicate.plain && subjectPlain
    }

    private mutating func endLine() {
        bytes.append(0x20)
        bytes.append(0x2E)
        bytes.append(0x0A)
    }

    private static func appendBlank(_ number: Int, to bytes: inout [UInt8]) {
        bytes.append(0x5F)
        bytes.append(0x3A)
        appendBlankLabel(number, to: &bytes)
    }

    /// Appends the label `b<number>` (what the DCAT cut names a record's blank nodes).
    public static func appendBlankLabel(_ number: Int, to bytes: inout [UInt8]) {
        bytes.append(0x62)
        appendDecimal(number, to: &bytes)
    }

    private static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        if number >= 10 { appendDecimal(number / 10, to: &bytes) }
        bytes.append(0x30 + UInt8(number % 10))
    }
}

/// Predicate and datatype IRIs as N-Triples writes them (`<…>`), and whether each reads back certainly
/// (`NTriplesWriter.isPlainIRI`): a small table by length and the last three bytes, the last IRI of each slot kept.
public final class NTriplesIRICache {
    private struct Entry {
        var iri: String
        var text: [UInt8]
        var plain: Bool
        /// False for a slot not used yet.
        var filled: Bool
    }

    private var entries = [Entry](repeating: Entry(iri: "", text: [], plain: false, filled: false), count: 256)

    public init() {}

    /// Appends `<iri>`; true when reading it back is certain.
    func append(_ iri: String, to bytes: inout [UInt8]) -> Bool {
        let slot = TextSlot.of(iri, in: 256)
        // The table is read in place: a hit copies no entry.
        let hit = entries.withUnsafeBufferPointer { table -> Bool? in
            guard table[slot].filled, RDFGraph.same(table[slot].iri, iri) else { return nil }
            bytes.append(contentsOf: table[slot].text)
            return table[slot].plain
        }
        if let hit { return hit }
        var text: [UInt8] = []
        let plain = NTriplesWriter.appendCheckedIRI(iri, to: &text)
        entries[slot] = Entry(iri: iri, text: text, plain: plain, filled: true)
        bytes.append(contentsOf: text)
        return plain
    }
}
