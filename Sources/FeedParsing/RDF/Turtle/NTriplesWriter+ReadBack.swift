extension NTriplesWriter {
    /// The triple an N-Triples reader (`NTriplesReader`, any base IRI, no blank scope) gives back for the line
    /// `append(_:to:)` writes for `triple`, when that is certain without reading the line; nil otherwise.
    ///
    /// Certain means every term is written without escapes a reader could read differently: IRIs absolute and of
    /// printable ASCII that needs no escape, blank labels `[A-Za-z][A-Za-z0-9]*`, literals without U+0000. What the
    /// writer changes is applied: `^^xsd:string` is dropped, a language tag wins over a datatype, a language tag
    /// it cannot write is dropped. Lets a mapper use the triples a record was written from instead of parsing
    /// the record's N-Triples again.
    public static func readBack(_ triple: RDFTriple) -> RDFTriple? {
        guard isPlainResource(triple.subject), isPlainIRI(triple.predicate) else { return nil }
        switch triple.object {
        case .iri, .blank:
            return isPlainResource(triple.object) ? triple : nil
        case .literal(let lexical, let datatype, let language):
            guard !hasNUL(lexical) else { return nil }
            let object: RDFTerm
            if let language, !language.isEmpty, isLanguageTag(language) {
                object = .literal(lexical, datatype: nil, language: language)
            } else if let datatype, datatype != xsdString {
                guard isPlainIRI(datatype) else { return nil }
                object = .literal(lexical, datatype: datatype, language: nil)
            } else {
                object = .literal(lexical, datatype: nil, language: nil)
            }
            return RDFTriple(triple.subject, triple.predicate, object)
        }
    }

    private static func hasNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains(0) }
    }

    static func isPlainResource(_ term: RDFTerm) -> Bool {
        switch term {
        case .iri(let iri): return isPlainIRI(iri)
        case .blank(let label): return isPlainLabel(label)
        case .literal: return false
        }
    }

    /// `letter (letter | digit | + | - | .)* :` at the start of `bytes`.
    static func startsWithScheme(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if byte == 0x3A && index > 0 { return true }
            guard letter || (index > 0 && ((byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E)) else {
                return false
            }
            index += 1
        }
        return false
    }

    /// A scheme (`letter (letter | digit | + | - | .)* :`), then bytes 0x21–0x7E other than ``<>"{}|^`\``.
    static func isPlainIRI(_ iri: String) -> Bool {
        var text = iri
        return text.withUTF8 { bytes in
            var index = 0
            // The scheme.
            while true {
                guard index < bytes.count else { return false }
                let byte = bytes[index]
                let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                if byte == 0x3A && index > 0 { break }
                guard letter || (index > 0 && ((byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E)) else {
                    return false
                }
                index += 1
            }
            // The rest: bit `byte % 64` of the mask for `byte / 64` is set for the bytes written escaped.
            while index < bytes.count {
                let byte = bytes[index]
                guard byte < 0x80 else { return false }
                let mask = byte < 0x40 ? escapedBelow64 : escapedFrom64
                if mask & (1 << UInt64(byte & 0x3F)) != 0 { return false }
                index += 1
            }
            return true
        }
    }

    /// Bytes 0x00–0x3F an IRI is written with escaped: controls, space, `"`, `<`, `>`.
    private static let escapedBelow64: UInt64 = 0x0000_0001_FFFF_FFFF | 1 << 0x22 | 1 << 0x3C | 1 << 0x3E
    /// Bytes 0x40–0x7F escaped (by their value minus 64): `\`, `^`, `` ` ``, `{`, `|`, `}`, DEL.
    private static let escapedFrom64: UInt64 = 1 << (0x5C - 64) | 1 << (0x5E - 64) | 1 << (0x60 - 64) | 1 << (0x7B - 64)
        | 1 << (0x7C - 64) | 1 << (0x7D - 64) | 1 << (0x7F - 64)

    /// `[A-Za-z][A-Za-z0-9]*`.
    static func isPlainLabel(_ label: String) -> Bool {
        var first = true
        for byte in label.utf8 {
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            guard letter || (!first && byte >= 0x30 && byte <= 0x39) else { return false }
            first = false
        }
        return !first
    }
}
