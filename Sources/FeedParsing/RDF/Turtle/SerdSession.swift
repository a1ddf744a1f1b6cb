internal import CSerd

/// One serd reader and its environment for one document: feeds text to serd, expands the nodes serd 0.30 delivers
/// unexpanded (prefixed names, relative IRIs) through a `SerdEnv` that follows the document's `@prefix`/`@base`
/// events, hands finished triples to the sink and collects serd's errors.
///
/// Two modes: `statementMode` (Turtle, TriG) reads one statement per feed and stops listening after the first error
/// that abandons it, because serd's own recovery would go on from the middle of the statement; line mode
/// (N-Triples, N-Quads) reads the whole document in one feed and relies on serd skipping a bad line.
final class SerdSession {
    /// An error as serd reported it: line and column inside the text of the current feed.
    struct RawError {
        var line: Int
        var column: Int
        var format: String
        var message: String
        var tolerated: Bool
    }

    /// How many problems a report lists before it only counts them.
    static let problemLimit = 1000

    let statementMode: Bool
    private var reader: OpaquePointer!
    private let env: OpaquePointer
    private let sink: (RDFTriple) -> Void
    private var hasBase = false
    let cursor: UnsafeMutablePointer<SerdFeedCursor>

    // The report.
    private(set) var triples = 0
    private(set) var problems: [RDFSyntaxError] = []
    private var unlisted = 0
    var fatal: RDFSyntaxError?

    // The current feed.
    /// True once serd reported an error that abandons the statement (statement mode).
    private(set) var failed = false
    private(set) var errors: [RawError] = []
    /// Line of the last abandoning error (line mode), to drop serd's follow-up errors about the same line.
    private var lastFailedLine = -1
    /// Line mode: the last line serd skipped, and the index of its problem when listed.
    private(set) var abandonedLine: (line: Int, problem: Int?)?

    // The current statement: prefixes that were not declared, with how many triples each cost.
    private(set) var undeclaredPrefixes: [(prefix: String, skipped: Int)] = []
    private var tripleUndeclared: [String] = []

    init(syntax: SerdSyntax, statementMode: Bool, baseIRI: String, blankScope: String,
         sink: @escaping (RDFTriple) -> Void) {
        self.statementMode = statementMode
        self.sink = sink
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: SerdFeedCursor())
        env = serd_env_new(nil)
        let handle = Unmanaged.passUnretained(self).toOpaque()
        reader = serd_reader_new(syntax, handle, nil, serdBaseSink, serdPrefixSink, serdStatementSink, nil)
        serd_reader_set_strict(reader, false)
        serd_reader_set_error_sink(reader, serdErrorSink, handle)
        if !blankScope.isEmpty {
            blankScope.withCString { serd_reader_add_blank_prefix(reader, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        }
        if !baseIRI.isEmpty { setBase(text: baseIRI) }
    }

    deinit {
        serd_reader_free(reader)
        serd_env_free(env)
        cursor.pointee.deallocate()
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    // MARK: - Feeding

    /// Reads `segments` as one stream; afterwards `failed` and `errors` describe what serd reported.
    func feed(_ segments: [SerdSegment], pageSize: Int = 4096) {
        cursor.pointee.reset(segments)
        run(pageSize: pageSize)
    }

    /// Reads an open file as one stream (line mode).
    func feed(fileDescriptor: Int32, pageSize: Int = 1 << 16) {
        cursor.pointee.reset(fileDescriptor: fileDescriptor)
        run(pageSize: pageSize)
    }

    private func run(pageSize: Int) {
        failed = false
        errors.removeAll(keepingCapacity: true)
        lastFailedLine = -1
        _ = serd_reader_read_source(reader, serdFeedSource, serdFeedError, UnsafeMutableRawPointer(cursor), nil,
                                    pageSize)
    }

    /// Forgets the undeclared prefixes of the statement just read.
    func clearStatement() {
        undeclaredPrefixes.removeAll(keepingCapacity: true)
    }

    // MARK: - Report

    /// Adds a problem, or counts it once the report lists `problemLimit` of them.
    func addProblem(_ problem: RDFSyntaxError) {
        if problems.count < Self.problemLimit { problems.append(problem) } else { unlisted += 1 }
    }

    var report: RDFReadReport {
        var listed = problems
        if unlisted > 0 {
            listed.append(RDFSyntaxError(line: 0, column: 0,
                                         message: "\(unlisted) further problems were found but not listed"))
        }
        return RDFReadReport(triples: triples, problems: listed, fatal: fatal)
    }

    /// Takes back a listed problem (N-Triples: the error on a truncated last line becomes the fatal one).
    func removeProblem(at index: Int) -> RDFSyntaxError {
        problems.remove(at: index)
    }

    // MARK: - serd events

    fileprivate func statement(_ subject: UnsafePointer<SerdNode>, _ predicate: UnsafePointer<SerdNode>,
                               _ object: UnsafePointer<SerdNode>, _ datatype: UnsafePointer<SerdNode>?,
                               _ language: UnsafePointer<SerdNode>?) {
        if failed { return }
        let s = resource(subject)
        let p = predicateIRI(predicate)
        let o = term(object, datatype: datatype, language: language)
        if let s, let p, let o {
            triples += 1
            sink(RDFTriple(s, p, o))
            return
        }
        // A prefixed name whose prefix is not declared: skip this triple, count it against each such prefix.
        for prefix in Set(tripleUndeclared) {
            if let index = undeclaredPrefixes.firstIndex(where: { $0.prefix == prefix }) {
                undeclaredPrefixes[index].skipped += 1
            } else {
                undeclaredPrefixes.append((prefix, 1))
            }
        }
        tripleUndeclared.removeAll(keepingCapacity: true)
    }

    fileprivate func error(_ error: UnsafePointer<SerdError>) {
        if failed { return }
        let line = Int(error.pointee.line)
        if !statementMode && line == lastFailedLine { return }
        let format = String(cString: error.pointee.fmt)
        let message = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer -> String in
            let length = fc_serd_format_error(error, buffer.baseAddress!, buffer.count)
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: max(0, min(Int(length), buffer.count - 1)))
            return String(decoding: bytes, as: UTF8.self)
        }
        let tolerated = SerdMessages.isTolerated(format: format)
        let column = Int(error.pointee.col)
        if statementMode {
            errors.append(RawError(line: line, column: column, format: format, message: message, tolerated: tolerated))
            if !tolerated { failed = true }
            return
        }
        // Line mode: serd's positions are the document's. Its column is 1-based on line 1, 0-based after.
        var sentence = SerdMessages.sentence(format: format, message: message, final: false)
        if !tolerated {
            sentence += SerdLineMessages.skipped
            lastFailedLine = line
            abandonedLine = (line, problems.count < Self.problemLimit ? problems.count : nil)
        }
        addProblem(RDFSyntaxError(line: line, column: line <= 1 ? max(column, 1) : column + 1, message: sentence))
    }

    fileprivate func base(_ node: UnsafePointer<SerdNode>) {
        if failed { return }
        serd_env_set_base_uri(env, node)
        hasBase = serd_env_get_base_uri(env, nil).pointee.n_bytes > 0
    }

    fileprivate func prefix(_ name: UnsafePointer<SerdNode>, _ uri: UnsafePointer<SerdNode>) {
        if failed { return }
        serd_env_set_prefix(env, name, uri)
    }

    private func setBase(text: String) {
        text.withCString { pointer in
            var node = serd_node_from_string(SERD_URI, UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self))
            serd_env_set_base_uri(env, &node)
        }
        hasBase = serd_env_get_base_uri(env, nil).pointee.n_bytes > 0
    }

    // MARK: - Nodes to terms

    @inline(__always)
    private func text(_ node: UnsafePointer<SerdNode>) -> String {
        let value = node.pointee
        guard let bytes = value.buf else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: value.n_bytes), as: UTF8.self)
    }

    private func resource(_ node: UnsafePointer<SerdNode>) -> RDFTerm? {
        if node.pointee.type == SERD_BLANK { return .blank(text(node)) }
        return iri(node).map(RDFTerm.iri)
    }

    private func term(_ node: UnsafePointer<SerdNode>, datatype: UnsafePointer<SerdNode>?,
                      language: UnsafePointer<SerdNode>?) -> RDFTerm? {
        guard node.pointee.type == SERD_LITERAL else { return resource(node) }
        let lexical = text(node)
        var datatypeIRI: String?
        if let datatype, datatype.pointee.buf != nil, datatype.pointee.type != SERD_NOTHING {
            guard let expanded = iri(datatype) else { return nil }
            datatypeIRI = expanded
        }
        var languageTag: String?
        if let language, language.pointee.buf != nil, language.pointee.n_bytes > 0 {
            languageTag = text(language)
            datatypeIRI = nil
        }
        return .literal(lexical, datatype: datatypeIRI, language: languageTag)
    }

    private func predicateIRI(_ node: UnsafePointer<SerdNode>) -> String? {
        iri(node)
    }

    private func iri(_ node: UnsafePointer<SerdNode>) -> String? {
        let value = node.pointee
        switch value.type {
        case SERD_CURIE:
            var prefix = SerdChunk()
            var suffix = SerdChunk()
            guard serd_env_expand(env, node, &prefix, &suffix) == SERD_SUCCESS else {
                tripleUndeclared.append(prefixName(node))
                return nil
            }
            return Self.concatenate(prefix, suffix)
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

// MARK: - C callbacks

@inline(__always)
private func session(_ handle: UnsafeMutableRawPointer?) -> SerdSession {
    Unmanaged<SerdSession>.fromOpaque(handle!).takeUnretainedValue()
}

private let serdStatementSink: SerdStatementSink = { handle, _, _, subject, predicate, object, datatype, language in
    session(handle).statement(subject, predicate, object, datatype, language)
    return SERD_SUCCESS
}

private let serdBaseSink: SerdBaseSink = { handle, uri in
    session(handle).base(uri)
    return SERD_SUCCESS
}

private let serdPrefixSink: SerdPrefixSink = { handle, name, uri in
    session(handle).prefix(name, uri)
    return SERD_SUCCESS
}

private let serdErrorSink: SerdErrorSink = { handle, error in
    session(handle).error(error)
    return SERD_SUCCESS
}

private let serdFeedSource: SerdSource = { buffer, _, count, stream in
    let cursor = stream.assumingMemoryBound(to: SerdFeedCursor.self)
    return cursor.pointee.read(into: buffer.assumingMemoryBound(to: UInt8.self), capacity: count)
}

private let serdFeedError: SerdStreamErrorFunc = { stream in
    stream.assumingMemoryBound(to: SerdFeedCursor.self).pointee.readError == 0 ? 0 : 1
}
