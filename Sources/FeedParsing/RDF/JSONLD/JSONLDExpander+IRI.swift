/// IRI expansion (JSON-LD 1.1 processing algorithms, section 5.2), with the well-known prefix fallback.
extension JSONLDExpander {
    /// Expands `value` to an IRI, blank node identifier or keyword; nil when it maps to nothing (a term
    /// defined as null, or a keyword-like `@foo`).
    ///
    /// - Parameters:
    ///   - vocab: terms and `@vocab` apply (property names, `@type` values).
    ///   - documentRelative: relative references resolve against the base (`@id` values).
    ///   - define: during context processing, defines a term of the local context on first use.
    func expandIRI(_ value: String, in context: JSONLDActiveContext, vocab: Bool, documentRelative: Bool,
                   define: ((String) -> Void)? = nil) -> String? {
        if value.utf8.first == UInt8(ascii: "@") {
            if JSONLDKeyword(rawValue: value) != nil { return value }
            if Self.hasKeywordForm(value) { return nil }
        }
        if let define { define(value) }
        // A term can only matter for a document-relative value when it aliases a keyword; skip the lookup
        // for the common case of an IRI.
        if vocab || !value.utf8.contains(UInt8(ascii: ":")), let term = context.terms[value] {
            if let iri = term.iri, iri.utf8.first == UInt8(ascii: "@") { return iri }
            if vocab { return term.iri }
        }
        if let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")), colon != value.utf8.startIndex {
            if Self.hasAuthority(value.utf8[value.utf8.index(after: colon)...]) { return value }
            let suffix = value[value.index(after: colon)...]
            if suffix.hasPrefix("//") { return value }
            let prefix = String(value[..<colon])
            if prefix == "_" { return value }
            if let define { define(prefix) }
            if let term = context.terms[prefix], let iri = term.iri, term.isPrefix {
                return iri + suffix
            }
            if context.terms[prefix] == nil, let namespace = JSONLDWellKnownPrefixes.namespaces[prefix] {
                problems.addOnce(key: "prefix " + prefix,
                    "The prefix `\(prefix):` is not defined in the context; `\(value)` at \(path.display) was read "
                    + "with the well-known namespace <\(namespace)>.")
                return namespace + suffix
            }
            if JSONLDIRI.isAbsolute(value) { return value }
        }
        if vocab, let vocabIRI = context.vocab { return vocabIRI + value }
        if documentRelative { return JSONLDIRI.resolve(value, against: context.base) }
        return value
    }

    /// Vocabulary-relative expansion of `@type` values and `@vocab`-coerced strings, memoised per context.
    func expandVocab(_ value: String, in context: JSONLDActiveContext) -> String? {
        if let cached = context.vocabCache[value] { return cached }
        let expanded = expandIRI(value, in: context, vocab: true, documentRelative: true)
        context.vocabCache[value] = expanded
        return expanded
    }

    /// True when the bytes after a colon are `//` followed by an ASCII byte or nothing: then the characters after
    /// the colon begin with `//` too (no combining mark can join the colon or the slashes), which the general path
    /// finds only through a slower comparison of characters. False leaves the answer to that path.
    @inline(__always)
    static func hasAuthority(_ rest: Substring.UTF8View) -> Bool {
        var bytes = rest.makeIterator()
        guard bytes.next() == UInt8(ascii: "/"), bytes.next() == UInt8(ascii: "/") else { return false }
        guard let following = bytes.next() else { return true }
        return following < 0x80
    }

    /// True for `@` followed by ASCII letters only: a form reserved for future keywords, ignored.
    static func hasKeywordForm(_ value: String) -> Bool {
        var bytes = value.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "@") else { return false }
        var count = 0
        while let byte = bytes.next() {
            guard (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") else { return false }
            count += 1
        }
        return count > 0
    }
}
