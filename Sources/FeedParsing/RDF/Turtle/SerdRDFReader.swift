internal import CSerd
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turtle, TriG, N-Triples and N-Quads through libserd 0.30, delivering `RDFTriple`s.
///
/// - Prefixed names and relative IRIs, which serd 0.30 hands over unexpanded, are expanded against the document's
///   `@prefix`/`PREFIX` and `@base`/`BASE` declarations, relative IRIs against `baseIRI` first. A triple that uses an
///   undeclared prefix is skipped and reported once per statement and prefix, with where the prefix is written.
/// - Turtle and TriG are read one statement at a time: a statement serd rejects is reported with its line and
///   column and skipped from the error on; reading resumes after the statement's next `;` (the subject is
///   repeated) or with the next statement. A `@prefix` without its `.` still declares the prefix. Graph blocks
///   (TriG, and TriG content in a `.ttl` file) are read with their graph names dropped: graphs are merged.
/// - N-Triples and N-Quads are read line by line: serd skips a bad line and goes on.
/// - serd's lax mode keeps IRIs containing spaces or control characters as written and replaces invalid UTF-8 with
///   U+FFFD; each case is reported as a problem.
/// - A document that ends inside a statement or a graph block keeps the triples before the break and sets `fatal`.
/// - Blank node labels get `blankScope` in front (serd renames labels of the form `_:b1` to `B1` in Turtle and TriG
///   so they never meet the `b1`, `b2`, … it makes for `[]`). Columns count bytes from 1.
/// - Nothing is fetched, ever; nothing throws.
public enum SerdRDFReader {
    /// Parses `bytes` as `syntax` (turtle, trig, ntriples or nquads).
    public static func read(_ bytes: [UInt8], syntax: RDFSyntax, baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        guard let serdSyntax = serdSyntax(syntax) else { return unsupported(syntax) }
        return withoutActuallyEscaping(sink) { sink in
            let session = SerdSession(syntax: serdSyntax, statementMode: isStatementBased(syntax), baseIRI: baseIRI,
                                      blankScope: blankScope, sink: sink)
            bytes.withUnsafeBufferPointer { buffer in
                if session.statementMode {
                    let driver = SerdTurtleDriver(session: session)
                    _ = driver.process(buffer, base: 0, atEOF: true)
                    driver.finish()
                } else if let start = buffer.baseAddress, !buffer.isEmpty {
                    session.cursor.pointee.counts_lines = 1
                    session.feed([SerdSegment(start: start, count: buffer.count, absolute: 0)], pageSize: 1 << 16)
                    finishLines(session)
                }
            }
            return session.report
        }
    }

    /// Parses the file at `path` as `syntax`, streaming it: memory stays flat whatever the file's size (Turtle and
    /// TriG keep one statement in memory at a time, so a single statement of gigabytes would be held whole).
    public static func readFile(path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String,
                                into sink: (RDFTriple) -> Void) -> RDFReadReport {
        readFile(path: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope, windowSize: 1 << 22, into: sink)
    }

    /// `readFile` handing each statement over as bytes (`RDFTermBytes`): a term serd gives in ASCII is never made a
    /// `String`. The statements, problems and report are those of `readFile(path:syntax:baseIRI:blankScope:into:)`.
    public static func readFile(path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String,
                                bytes sink: RDFByteSink) -> RDFReadReport {
        withoutActuallyEscaping(sink) { sink in
            readFile(path: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope, windowSize: 1 << 22, to: .bytes(sink))
        }
    }

    /// `readFile` with the size of the Turtle window chosen (tests use tiny ones to cross window edges).
    static func readFile(path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String, windowSize: Int,
                         into sink: (RDFTriple) -> Void) -> RDFReadReport {
        withoutActuallyEscaping(sink) { sink in
            readFile(path: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope, windowSize: windowSize, to: .triples(sink))
        }
    }

    static func readFile(path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String, windowSize: Int,
                         to sink: SerdSession.Sink) -> RDFReadReport {
        guard let serdSyntax = serdSyntax(syntax) else { return unsupported(syntax) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            return RDFReadReport(fatal: RDFSyntaxError(line: 0, column: 0,
                                                       message: "the file \(path) cannot be opened: \(reason)"))
        }
        defer { close(descriptor) }
        let session = SerdSession(syntax: serdSyntax, statementMode: isStatementBased(syntax), baseIRI: baseIRI,
                                  blankScope: blankScope, to: sink)
        if session.statementMode {
            streamStatements(descriptor, session: session, windowSize: windowSize)
        } else {
            session.cursor.pointee.counts_lines = 1
            session.feed(fileDescriptor: descriptor)
            if session.cursor.pointee.read_error != 0 && session.fatal == nil {
                let reason = String(cString: strerror(session.cursor.pointee.read_error))
                session.fatal = RDFSyntaxError(line: 0, column: 0, message: "reading the file failed: \(reason)")
            }
            finishLines(session)
        }
        return session.report
    }

    // MARK: - Turtle and TriG from a file

    /// Reads the file in windows of `windowSize` bytes (grown when one statement is longer), handing complete
    /// statements to the driver and keeping the unfinished one for the next window.
    private static func streamStatements(_ descriptor: Int32, session: SerdSession, windowSize: Int) {
        let driver = SerdTurtleDriver(session: session)
        var capacity = max(1, windowSize)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var base = 0
        var atEOF = false
        while true {
            while filled < capacity && !atEOF {
                let got = systemRead(descriptor, buffer + filled, capacity - filled)
                if got > 0 {
                    filled += got
                } else if got == 0 {
                    atEOF = true
                } else if errno != EINTR {
                    let reason = String(cString: strerror(errno))
                    if session.fatal == nil {
                        session.fatal = RDFSyntaxError(line: 0, column: 0,
                                                       message: "reading the file failed: \(reason); the rest is missing")
                    }
                    atEOF = true
                }
            }
            let window = UnsafeBufferPointer(start: buffer, count: filled)
            let consumed = driver.process(window, base: base, atEOF: atEOF)
            if atEOF { break }
            if consumed == 0 && filled == capacity {
                // One statement fills the window: grow it.
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
                continue
            }
            driver.forget(upTo: consumed, of: window, base: base)
            let kept = filled - consumed
            if kept > 0 { buffer.update(from: buffer + consumed, count: kept) }
            filled = kept
            base += consumed
        }
        driver.finish()
    }

    // MARK: - Helpers

    /// N-Triples and N-Quads: an error that made serd skip a last line without a line break is the document being
    /// cut off.
    private static func finishLines(_ session: SerdSession) {
        let cursor = session.cursor.pointee
        guard session.fatal == nil, cursor.bytes_read > 0 else { return }
        let lastLine = cursor.line_breaks + 1
        if cursor.last_byte != 0x0A, let abandoned = session.abandonedLine, abandoned.line == lastLine,
           let index = abandoned.problem {
            var problem = session.removeProblem(at: index)
            problem.message = problem.message.replacingLineSkipped()
            session.fatal = problem
        } else if session.overran {
            let sentence = SerdMessages.sentence(format: SerdMessages.endInsideToken, message: "", final: true)
            session.fatal = RDFSyntaxError(line: lastLine, column: 0, message: sentence + "; the triples before it were kept")
        }
    }

    static func isStatementBased(_ syntax: RDFSyntax) -> Bool {
        syntax == .turtle || syntax == .trig
    }

    private static func serdSyntax(_ syntax: RDFSyntax) -> SerdSyntax? {
        switch syntax {
        case .turtle, .trig: return SERD_TURTLE
        case .ntriples: return SERD_NTRIPLES
        case .nquads: return SERD_NQUADS
        case .rdfxml, .jsonld: return nil
        }
    }

    private static func unsupported(_ syntax: RDFSyntax) -> RDFReadReport {
        RDFReadReport(fatal: RDFSyntaxError(line: 0, column: 0,
                                            message: "serd does not read \(syntax.title); use its own reader"))
    }
}

extension String {
    fileprivate func replacingLineSkipped() -> String {
        guard hasSuffix(SerdMessages.lineSkipped) else { return self }
        return String(dropLast(SerdMessages.lineSkipped.count)) + "; the document ends there"
    }
}

/// `read(2)` (the name `read` is taken inside `SerdRDFReader`).
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
