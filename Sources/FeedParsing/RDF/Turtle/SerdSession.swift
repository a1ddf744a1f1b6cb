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
    let env: OpaquePointer
    /// Where statements go: as `RDFTriple`s, or as bytes (no `String` made for a term serd gives in ASCII).
    enum Sink {
        case triples((RDFTriple) -> Void)
        case bytes(RDFByteSink)
    }

    private let sink: Sink
    var hasBase = false
    /// The byte source serd reads (see `FcSerdCursor` in the CSerd shim).
    let cursor: UnsafeMutablePointer<FcSerdCursor>

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
    /// Prefixes the triple being built uses without declaring them.
    var tripleUndeclared: [String] = []
    /// Prefixed names expanded so far (see `SerdCURIECache`).
    var curies = SerdCURIECache()
    /// The last subject read (see `SerdLastSubject`).
    var lastSubject = SerdLastSubject()

    convenience init(syntax: SerdSyntax, statementMode: Bool, baseIRI: String, blankScope: String,
                     sink: @escaping (RDFTriple) -> Void) {
        self.init(syntax: syntax, statementMode: statementMode, baseIRI: baseIRI, blankScope: blankScope, to: .triples(sink))
    }

    init(syntax: SerdSyntax, statementMode: Bool, baseIRI: String, blankScope: String, to sink: Sink) {
        self.statementMode = statementMode
        self.sink = sink
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: FcSerdCursor())
        cursor.pointee.fd = -1
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
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    // MARK: - Feeding

    /// Reads `segments` as one stream; afterwards `failed` and `errors` describe what serd reported.
    func feed(_ segments: [SerdSegment], pageSize: Int = 4096) {
        fc_serd_cursor_start(cursor, -1)
        for segment in segments { fc_serd_cursor_add(cursor, segment.start, segment.count) }
        run(pageSize: pageSize)
    }

    /// Reads an open file as one stream (line mode).
    func feed(fileDescriptor: Int32, pageSize: Int = 1 << 16) {
        fc_serd_cursor_start(cursor, fileDescriptor)
        run(pageSize: pageSize)
    }

    /// True when the read ended with serd stepping past the end of its input.
    var overran: Bool { cursor.pointee.overran != 0 }

    /// True once serd read beyond the end of the current feed: nothing it reports after that is real.
    private var pastEnd = false

    private func run(pageSize: Int) {
        pastEnd = false
        failed = false
        errors.removeAll(keepingCapacity: true)
        lastFailedLine = -1
        _ = fc_serd_read_guarded(reader, cursor, pageSize)
        guard overran else { return }
        // serd ran past the end without saying so first (a long string or IRI cut by the end).
        if statementMode {
            if !failed {
                errors.append(RawError(line: Int.max, column: 0, format: SerdMessages.endInsideToken, message: "",
                                       tolerated: false))
                failed = true
            }
        }
        // Line mode: `SerdRDFReader.finishLines` turns this into the fatal problem.
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
        if failed || pastEnd { return }
        switch sink {
        case .triples(let deliver):
            let s = subjectTerm(subject)
            let p = iri(predicate)
            let o = term(object, datatype: datatype, language: language)
            if let s, let p, let o {
                triples += 1
                deliver(RDFTriple(s, p, o))
                return
            }
        case .bytes(let deliver):
            var delivered = false
            withResourceBytes(subject) { s in
                let p = iri(predicate)
                withTermBytes(object, datatype: datatype, language: language) { o in
                    guard let s, let p, let o else { return }
                    delivered = true
                    deliver(s, p, o)
                }
            }
            if delivered {
                triples += 1
                return
            }
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
        if failed || pastEnd { return }
        let line = Int(error.pointee.line)
        if !statementMode && line == lastFailedLine { return }
        var format = String(cString: error.pointee.fmt)
        let message = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer -> String in
            let length = fc_serd_format_error(error, buffer.baseAddress!, buffer.count)
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: max(0, min(Int(length), buffer.count - 1)))
            return String(decoding: bytes, as: UTF8.self)
        }
        // serd read the end of its input as a character of an IRI: the text ends inside the IRI. Whatever serd
        // reports after this comes from beyond the end.
        if format == "invalid IRI character (escape %%%02X)\n" && message.contains("FFFFFFFF") {
            format = SerdMessages.endInsideIRI
            pastEnd = true
        }
        let tolerated = SerdMessages.isTolerated(format: format)
        let column = Int(error.pointee.col)
        if statementMode {
            errors.append(RawError(line: line, column: column, format: format, message: message, tolerated: tolerated))
            if !tolerated { failed = true }
            return
        }
        // Line mode: serd's positions are the document's. Its column is 1-based on line 1, 0-based after.
        let atEnd = format == SerdMessages.endInsideIRI
        var sentence = SerdMessages.sentence(format: format, message: message, final: atEnd)
        if atEnd {
            // serd reads an IRI across line breaks: only the end of the document stops this one.
            fatal = RDFSyntaxError(line: line, column: line <= 1 ? max(column, 1) : column + 1,
                                   message: sentence + "; the triples before it were kept")
            return
        }
        if !tolerated {
            sentence += SerdMessages.lineSkipped
            lastFailedLine = line
            abandonedLine = (line, problems.count < Self.problemLimit ? problems.count : nil)
        }
        addProblem(RDFSyntaxError(line: line, column: line <= 1 ? max(column, 1) : column + 1, message: sentence))
    }

    fileprivate func base(_ node: UnsafePointer<SerdNode>) {
        if failed || pastEnd { return }
        serd_env_set_base_uri(env, node)
        curies.removeAll()
        lastSubject.forget()
        hasBase = serd_env_get_base_uri(env, nil).pointee.n_bytes > 0
    }

    fileprivate func prefix(_ name: UnsafePointer<SerdNode>, _ uri: UnsafePointer<SerdNode>) {
        if failed || pastEnd { return }
        serd_env_set_prefix(env, name, uri)
        curies.removeAll()
        lastSubject.forget()
    }

    private func setBase(text: String) {
        text.withCString { pointer in
            var node = serd_node_from_string(SERD_URI, UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self))
            serd_env_set_base_uri(env, &node)
        }
        lastSubject.forget()
        hasBase = serd_env_get_base_uri(env, nil).pointee.n_bytes > 0
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
