/// Terms, triples and problems for the parser.
extension RDFXMLParser {
    // MARK: - Terms

    @inline(__always)
    mutating func emit(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        sink(RDFTriple(subject, predicate, object))
        report.triples += 1
    }

    mutating func freshBlank() -> RDFTerm {
        defer { blankCounter += 1 }
        return .blank(blankScope + "b" + String(blankCounter))
    }

    mutating func namedBlank(_ nodeID: String) -> RDFTerm? {
        guard RDFXMLVocabulary.isNCName(nodeID) else {
            problem("the rdf:nodeID `\(nodeID)` is not an XML name (letters, digits, `_`, `-`, `.`, not starting with a digit); the element is skipped")
            return nil
        }
        return .blank(blankScope + "n" + nodeID)
    }

    mutating func resolve(_ reference: String, base: Base?, what: String) -> String? {
        if let base { return base.resolver.resolve(reference) }
        if let iri = IRIResolver.resolve(reference, against: nil) { return iri }
        problem("the \(what) value `\(reference)` is a relative IRI and there is no base IRI to resolve it against; the element is skipped")
        return nil
    }

    mutating func resolveID(_ id: String, base: Base?) -> String? {
        guard RDFXMLVocabulary.isNCName(id) else {
            problem("the rdf:ID `\(id)` is not an XML name (letters, digits, `_`, `-`, `.`, not starting with a digit); the element is skipped")
            return nil
        }
        guard let iri = resolve("#" + id, base: base, what: "rdf:ID") else { return nil }
        if !usedIDs.insert(iri).inserted {
            problem("the rdf:ID `\(id)` is used a second time with the same base, so two things get the IRI `\(iri)`")
        }
        return iri
    }

    // MARK: - Problems

    mutating func problem(_ message: String) {
        if report.problems.count < Self.problemLimit {
            report.problems.append(RDFSyntaxError(line: reader.line, column: 0, message: message))
        } else if report.problems.count == Self.problemLimit {
            report.problems.append(RDFSyntaxError(line: reader.line, column: 0,
                                                  message: "more than \(Self.problemLimit) problems; the rest are not listed"))
        }
    }

    /// A property element in messages: its predicate IRI.
    func describe(_ frame: Frame) -> String { "<\(frame.predicate)>" }

    /// `namespace + local`, from a small cache: the reader hands out the same strings for the same
    /// names, so a hit costs two identity comparisons.
    @inline(__always)
    mutating func predicate(_ namespace: String, _ local: String) -> String {
        let slot = (local.utf8.count &* 31 &+ namespace.utf8.count &+ Int(local.utf8.first ?? 0)) & 63
        if let entry = predicateCache[slot], entry.local == local, entry.namespace == namespace { return entry.iri }
        let iri = namespace + local
        predicateCache[slot] = (namespace, local, iri)
        return iri
    }

    static func place(_ kind: Kind) -> String {
        switch kind {
        case .rdf: return "directly inside rdf:RDF"
        case .node: return "in a node element, between its property elements"
        case .resourceProperty: return "beside the node element inside a property element"
        case .parseTypeResource: return "in an rdf:parseType=\"Resource\" element, between its property elements"
        case .collection: return "in an rdf:parseType=\"Collection\" element, between its node elements"
        case .outside, .property, .literal: return "here"
        }
    }

    static func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingXMLWhitespace
        return trimmed.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
    }
}

extension String {
    /// Without leading and trailing XML whitespace.
    fileprivate var trimmingXMLWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
