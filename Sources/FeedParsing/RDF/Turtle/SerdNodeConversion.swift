internal import CSerd

/// Turning serd's nodes into fedcat terms: prefixed names are expanded and relative IRIs resolved through the
/// session's `SerdEnv`; a prefix that is not declared is noted in `tripleUndeclared` and gives nil.
extension SerdSession {
    /// The node's text.
    @inline(__always)
    func text(_ node: UnsafePointer<SerdNode>) -> String {
        let value = node.pointee
        guard let bytes = value.buf else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: value.n_bytes), as: UTF8.self)
    }

    /// A statement's subject: the term of the previous statement when the node is the same (serd hands the subject
    /// of every statement of a `;` list again), so it is neither decoded nor resolved again, and the string handed
    /// out is one, which later compares equal by identity.
    func subjectTerm(_ node: UnsafePointer<SerdNode>) -> RDFTerm? {
        let value = node.pointee
        guard let bytes = value.buf else { return resource(node) }
        if let known = lastSubject.term(value.type, bytes, value.n_bytes) { return known }
        let term = resource(node)
        if let term { lastSubject.keep(term, value.type, bytes, value.n_bytes) }
        return term
    }

    /// An IRI or blank node.
    func resource(_ node: UnsafePointer<SerdNode>) -> RDFTerm? {
        if node.pointee.type == SERD_BLANK { return .blank(text(node)) }
        return iri(node).map(RDFTerm.iri)
    }

    /// Any term; a literal's datatype is expanded like an IRI, a language tag wins over a datatype.
    func term(_ node: UnsafePointer<SerdNode>, datatype: UnsafePointer<SerdNode>?,
              language: UnsafePointer<SerdNode>?) -> RDFTerm? {
        guard node.pointee.type == SERD_LITERAL else { return resource(node) }
        let lexical = text(node)
        guard let tag = literalTag(datatype: datatype, language: language) else { return nil }
        return .literal(lexical, datatype: tag.datatype, language: tag.language)
    }

    /// A literal's datatype, expanded like an IRI, or its language tag, which wins; nil when the datatype's prefix
    /// is not declared.
    private func literalTag(datatype: UnsafePointer<SerdNode>?, language: UnsafePointer<SerdNode>?) -> (datatype: String?, language: String?)? {
        var datatypeIRI: String?
        if let datatype, datatype.pointee.buf != nil, datatype.pointee.type != SERD_NOTHING {
            guard let expanded = iri(datatype) else { return nil }
            datatypeIRI = expanded
        }
        if let language, language.pointee.buf != nil, language.pointee.n_bytes > 0 { return (nil, text(language)) }
        return (datatypeIRI, nil)
    }

    /// The IRI a URI or prefixed-name node stands for; nil when its prefix is not declared.
    func iri(_ node: UnsafePointer<SerdNode>) -> String? {
        let value = node.pointee
        switch value.type {
        case SERD_CURIE:
            guard let bytes = value.buf else { return "" }
            let slot = curies.slot(bytes, value.n_bytes)
            if let known = curies.iri(at: slot, bytes, value.n_bytes) { return known }
            var prefix = SerdChunk()
            var suffix = SerdChunk()
            guard serd_env_expand(env, node, &prefix, &suffix) == SERD_SUCCESS else {
                tripleUndeclared.append(prefixName(node))
                return nil
            }
            let iri = Self.concatenate(prefix, suffix)
            curies.keep(iri, at: slot, bytes, value.n_bytes)
            return iri
        case SERD_URI:
            guard let bytes = value.buf else { return "" }
            if hasBase && !Self.hasScheme(bytes, value.n_bytes) {
                var resolved = serd_env_expand_node(env, node)
                defer { serd_node_free(&resolved) }
                if resolved.buf != nil { return text(&resolved) }
            }
            return text(node)
        default:
            return text(node)
        }
    }

    // MARK: - As bytes

    /// Calls `body` with the node's text: serd's own bytes when they are ASCII, else those of the `String` `text(_:)`
    /// makes (which repairs what is not UTF-8), so both kinds of sink see the same text.
    func withNodeText(_ node: UnsafePointer<SerdNode>, _ body: (UnsafeRawBufferPointer) -> Void) {
        let value = node.pointee
        guard let bytes = value.buf, value.n_bytes > 0 else {
            body(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        if Self.isASCII(bytes, value.n_bytes) {
            body(UnsafeRawBufferPointer(start: bytes, count: value.n_bytes))
            return
        }
        var text = text(node)
        text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// `resource(_:)` as bytes; nil (after noting an undeclared prefix) when it gives nil.
    func withResourceBytes(_ node: UnsafePointer<SerdNode>, _ body: (RDFTermBytes?) -> Void) {
        if node.pointee.type == SERD_BLANK {
            withNodeText(node) { body(RDFTermBytes(kind: .blank, text: $0)) }
            return
        }
        withIRIBytes(node) { body($0.map { RDFTermBytes(kind: .iri, text: $0) }) }
    }

    /// `term(_:datatype:language:)` as bytes.
    func withTermBytes(_ node: UnsafePointer<SerdNode>, datatype: UnsafePointer<SerdNode>?, language: UnsafePointer<SerdNode>?,
                       _ body: (RDFTermBytes?) -> Void) {
        guard node.pointee.type == SERD_LITERAL else {
            withResourceBytes(node, body)
            return
        }
        guard let tag = literalTag(datatype: datatype, language: language) else {
            body(nil)
            return
        }
        withNodeText(node) { body(RDFTermBytes(kind: .literal, text: $0, datatype: tag.datatype, language: tag.language)) }
    }

    /// `iri(_:)` as bytes: an absolute IRI is serd's own text, a prefixed name the cached expansion.
    private func withIRIBytes(_ node: UnsafePointer<SerdNode>, _ body: (UnsafeRawBufferPointer?) -> Void) {
        let value = node.pointee
        if value.type == SERD_URI, let bytes = value.buf, hasBase && !Self.hasScheme(bytes, value.n_bytes) {
            var resolved = serd_env_expand_node(env, node)
            defer { serd_node_free(&resolved) }
            if resolved.buf != nil {
                withNodeText(&resolved) { body($0) }
                return
            }
        }
        if value.type == SERD_CURIE {
            guard var expanded = iri(node) else {
                body(nil)
                return
            }
            expanded.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            return
        }
        withNodeText(node) { body($0) }
    }

    /// True when the `count` bytes hold no byte above 0x7F (eight at a time).
    @inline(__always)
    static func isASCII(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if ByteWord.load(bytes, index) & ByteWord.highs != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    private func prefixName(_ node: UnsafePointer<SerdNode>) -> String {
        let value = node.pointee
        guard let bytes = value.buf else { return "" }
        var length = 0
        while length < value.n_bytes && bytes[length] != 0x3A { length += 1 }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    private static func concatenate(_ first: SerdChunk, _ second: SerdChunk) -> String {
        let total = first.len + second.len
        return String(unsafeUninitializedCapacity: total) { out in
            var written = 0
            if let bytes = first.buf, first.len > 0 {
                out.baseAddress!.update(from: bytes, count: first.len)
                written = first.len
            }
            if let bytes = second.buf, second.len > 0 {
                (out.baseAddress! + written).update(from: bytes, count: second.len)
                written += second.len
            }
            return written
        }
    }

    /// True when the IRI text starts with a scheme (`letter (letter | digit | + | - | .)* :`).
    static func hasScheme(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0, Self.isLetter(bytes[0]) else { return false }
        var index = 1
        while index < count {
            let byte = bytes[index]
            if byte == 0x3A { return true }
            if !(isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
                return false
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }
}

/// Prefixed names already expanded, by their text: the names a document repeats (its predicates, classes and
/// datatypes) are expanded once and handed out as one string, which later compares equal by identity. Emptied
/// whenever a prefix is declared, since that can change what a name expands to.
struct SerdCURIECache {
    private struct Entry {
        var name: [UInt8]
        var iri: String
    }

    private var entries = [Entry?](repeating: nil, count: 256)

    /// Where the name `bytes[0..<count]` is kept.
    @inline(__always)
    func slot(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for index in 0..<count { hash = (hash ^ UInt32(bytes[index])) &* 16_777_619 }
        return Int(hash & 255)
    }

    /// The expansion kept at `slot` when it is the one of this name.
    @inline(__always)
    func iri(at slot: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> String? {
        guard let entry = entries[slot], entry.name.count == count else { return nil }
        for index in 0..<count where entry.name[index] != bytes[index] { return nil }
        return entry.iri
    }

    mutating func keep(_ iri: String, at slot: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        entries[slot] = Entry(name: Array(UnsafeBufferPointer(start: bytes, count: count)), iri: iri)
    }

    mutating func removeAll() {
        for index in entries.indices { entries[index] = nil }
    }
}

/// The subject of the last statement with the node text it was read from. Forgotten whenever a prefix or the base
/// is declared, since that can change what the text stands for.
struct SerdLastSubject {
    private var type = SERD_NOTHING
    private var text: [UInt8] = []
    private var held: RDFTerm?

    /// The term read from this node text last time.
    @inline(__always)
    func term(_ type: SerdType, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> RDFTerm? {
        guard let held, type == self.type, count == text.count else { return nil }
        let same = text.withUnsafeBufferPointer { kept -> Bool in
            guard let base = kept.baseAddress else { return count == 0 }
            var index = 0
            while index + 8 <= count {
                if ByteWord.load(base, index) != ByteWord.load(bytes, index) { return false }
                index += 8
            }
            while index < count {
                if base[index] != bytes[index] { return false }
                index += 1
            }
            return true
        }
        return same ? held : nil
    }

    mutating func keep(_ term: RDFTerm, _ type: SerdType, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        self.type = type
        text.removeAll(keepingCapacity: true)
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        held = term
    }

    mutating func forget() {
        held = nil
    }
}
