/// Reads Turtle or TriG text statement by statement through a `SerdSession`, recovering from errors.
///
/// The scanner splits the text into statements; each one is read by serd on its own. When serd abandons a
/// statement, reading resumes after the next `;` of the same statement (the subject is repeated), else with the next
/// statement. TriG graph blocks are opened and closed here and their names dropped, so their statements are read
/// like Turtle ones; Turtle documents that contain graph blocks are read the same way. Works on a whole document
/// or on successive windows of a stream (`process` returns how far it got).
final class SerdTurtleDriver {
    let session: SerdSession
    private var scanner = TurtleStatementScanner()
    private(set) var tracker = TextPositionTracker()
    /// Line and column of each open `{`.
    private var openGraphs: [(line: Int, column: Int)] = []
    private var started = false
    /// The segments of the current feed (kept to reuse their storage).
    private var segments: [SerdSegment] = []
    /// Scratch bytes the reader adds to statements: " ." closes the last statement of a graph block, " "
    /// separates a repeated subject from the rest.
    private let added: UnsafeMutablePointer<UInt8>

    init(session: SerdSession) {
        self.session = session
        added = .allocate(capacity: 3)
        added.initialize(from: [0x20, 0x2E, 0x0A], count: 3)
        segments.reserveCapacity(4)
    }

    deinit {
        added.deallocate()
    }

    /// Reads every complete unit of `bytes`, which start at absolute offset `base`. Returns the index where an
    /// incomplete unit starts (`bytes.count` when everything was read); with `atEOF` everything is read.
    func process(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, atEOF: Bool) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        var position = 0
        if !started {
            if bytes.count < 3 && !atEOF { return 0 }
            started = true
            if bytes.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { position = 3 }
        }
        while true {
            let (unit, next) = scanner.next(in: bytes, from: position, atEOF: atEOF)
            switch unit {
            case .needMore(let from):
                return from
            case .finished:
                return bytes.count
            case .statement(let start, let end, let terminated, let closesGraph, let directive):
                let final = atEOF && end == bytes.count && !terminated && !closesGraph && directive == nil
                read(bytes, base: base, start: start, end: end, closesGraph: closesGraph,
                     directive: directive, final: final)
            case .graphOpen(let headerStart, let headerEnd, let brace):
                tracker.advance(to: base + headerStart, in: bytes, base: base)
                checkGraphHeader(bytes, base: base, start: headerStart, end: headerEnd)
                openGraphs.append(tracker.position(of: base + brace, in: bytes, base: base))
            case .graphClose:
                _ = openGraphs.popLast()
            }
            position = next
        }
    }

    /// Called once after the last `process`: a graph block still open means the document was cut.
    func finish() {
        if let open = openGraphs.first, session.fatal == nil {
            session.fatal = RDFSyntaxError(line: open.line, column: open.column,
                                           message: "the document ends inside the graph block `{` opened here")
        }
    }

    /// Moves the position tracker over bytes the caller is about to drop.
    func forget(upTo index: Int, of bytes: UnsafeBufferPointer<UInt8>, base: Int) {
        tracker.advance(to: base + index, in: bytes, base: base)
    }

    // MARK: - One statement

    private func read(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, start: Int, end: Int, closesGraph: Bool,
                      directive: TurtleStatementScanner.Directive?, final: Bool) {
        let p = bytes.baseAddress!
        let tail = SerdSegment(start: added, count: closesGraph ? 2 : 0, absolute: -1)
        segments.removeAll(keepingCapacity: true)
        segments.append(SerdSegment(start: p + start, count: end - start, absolute: base + start))
        if closesGraph { segments.append(tail) }
        var found: [RDFSyntaxError] = []
        var resumeFloor = start

        while true {
            session.feed(segments, pageSize: min(4096, segments.reduce(1) { $0 + $1.count }))
            var failure: (offset: Int, error: SerdSession.RawError)?
            for error in session.errors {
                let offset = absoluteOffset(of: error, in: segments)
                if error.tolerated {
                    let (line, column) = locate(offset, bytes, base, start)
                    found.append(RDFSyntaxError(line: line, column: column, message: SerdMessages.sentence(
                        format: error.format, message: error.message, final: false)))
                } else {
                    failure = (offset, error)
                }
            }
            guard let failure else { break }
            let (line, column) = locate(failure.offset, bytes, base, start)
            var sentence = SerdMessages.sentence(format: failure.error.format, message: failure.error.message,
                                                 final: final) + near(bytes, failure.offset - base)
            if directive == .sparql && failure.error.format == "unexpected end of statement\n" {
                sentence = "a SPARQL-style PREFIX directive takes no final `.`; it was applied all the same"
            } else if directive == .turtle && failure.error.format == "expected `%c', not `%c'\n" {
                sentence = "the directive is not closed by `.`; it was applied all the same"
            }
            // Resume after the next `;` of this statement, repeating its subject.
            let floor = max(resumeFloor, failure.offset - base)
            if let semicolon = scanner.semicolons.first(where: { $0 >= floor }),
               let subject = subjectRange(p, start, end) {
                let resumed = locate(base + semicolon, bytes, base, start)
                found.append(RDFSyntaxError(line: line, column: column,
                                            message: sentence + "; reading resumed after the `;` on line \(resumed.line)"))
                segments.removeAll(keepingCapacity: true)
                segments.append(SerdSegment(start: p + subject.lowerBound, count: subject.count,
                                            absolute: base + subject.lowerBound))
                segments.append(SerdSegment(start: added, count: 1, absolute: -1))
                segments.append(SerdSegment(start: p + semicolon + 1, count: end - semicolon - 1,
                                            absolute: base + semicolon + 1))
                if closesGraph { segments.append(tail) }
                resumeFloor = semicolon + 1
                continue
            }
            let consequence: String
            if final {
                let opening = locate(base + start, bytes, base, start)
                consequence = opening.line == line
                    ? "; the triples before it were kept"
                    : " (in the statement starting on line \(opening.line)); the triples before it were kept"
            } else if directive != nil {
                consequence = sentence.hasSuffix("all the same") ? "" : "; the directive was skipped"
            } else {
                consequence = "; the rest of the statement was skipped"
            }
            let problem = RDFSyntaxError(line: line, column: column, message: sentence + consequence)
            if final && session.fatal == nil {
                session.fatal = problem
            } else {
                found.append(problem)
            }
            break
        }

        for (prefix, skipped) in session.undeclaredPrefixes {
            let offset = firstUse(of: prefix, in: p, start, end).map { base + $0 } ?? base + start
            let (line, column) = locate(offset, bytes, base, start)
            let triples = skipped == 1 ? "the triple using it was skipped" : "the \(skipped) triples using it were skipped"
            found.append(RDFSyntaxError(line: line, column: column,
                                        message: "the prefix `\(prefix):` is not declared; \(triples)"))
        }
        session.clearStatement()
        if found.count > 1 { found.sort { ($0.line, $0.column) < ($1.line, $1.column) } }
        for problem in found { session.addProblem(problem) }
    }

    /// Line and column of an absolute offset inside the statement that starts at `start`.
    private func locate(_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ base: Int, _ start: Int) -> (line: Int, column: Int) {
        tracker.advance(to: base + start, in: bytes, base: base)
        return tracker.position(of: offset, in: bytes, base: base)
    }

    /// " (near `text`)": the rest of the line from `index`, at most 24 bytes, or "" at the end of a line.
    private func near(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> String {
        guard index >= 0, index < bytes.count else { return "" }
        var end = index
        while end < bytes.count && end - index < 24 && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
        // Do not cut a UTF-8 sequence.
        while end > index && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        let trimmed = text.trimmingSpace
        guard !trimmed.isEmpty else { return "" }
        return " (near `\(trimmed)\(end - index >= 24 ? "…" : "")`)"
    }

    /// The absolute document offset of a serd error position (line and column inside the fed text).
    private func absoluteOffset(of error: SerdSession.RawError, in segments: [SerdSegment]) -> Int {
        // serd counts lines from 1; its column is 1-based on the first line and 0-based after a line break.
        var line = 1
        var fedOffset = 0
        var target: Int?
        if error.line <= 1 { target = max(0, error.column - 1) }
        outer: for segment in segments where target == nil {
            for index in 0..<segment.count where segment.start[index] == 0x0A {
                line += 1
                if line == error.line {
                    target = fedOffset + index + 1 + error.column
                    break outer
                }
            }
            fedOffset += segment.count
        }
        var remaining = target ?? segments.reduce(0) { $0 + $1.count }
        var lastAbsoluteEnd = segments.first?.absolute ?? 0
        for (position, segment) in segments.enumerated() {
            if remaining < segment.count || position == segments.count - 1 {
                if segment.absolute >= 0 { return segment.absolute + min(remaining, segment.count) }
                // Added bytes: point at the neighbouring document text.
                return lastAbsoluteEnd
            }
            remaining -= segment.count
            if segment.absolute >= 0 { lastAbsoluteEnd = segment.absolute + segment.count }
        }
        return lastAbsoluteEnd
    }

    /// The subject token at the start of a statement, when it can be repeated to resume reading: an IRI, a prefixed
    /// name or a blank node label (not `[ … ]` or a collection, whose blank node would be new).
    private func subjectRange(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int>? {
        guard start < end else { return nil }
        var i = start
        switch p[start] {
        case 0x3C: // <
            while i < end && p[i] != 0x3E { i += 1 }
            return i < end ? start..<(i + 1) : nil
        case 0x5B, 0x28, 0x22, 0x27:
            return nil
        default:
            while i < end && !TurtleStatementScanner.isSpace(p[i]) && p[i] != 0x3B && p[i] != 0x3C
                    && p[i] != 0x22 && p[i] != 0x5B && p[i] != 0x28 {
                i += 1
            }
            return i > start ? start..<i : nil
        }
    }

    /// Where `prefix:` is first written as a name in `start..<end` (not inside a longer name).
    private func firstUse(of prefix: String, in p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let needle = Array(prefix.utf8) + [0x3A]
        var i = start
        while i + needle.count <= end {
            if i == start || !TurtleStatementScanner.isNameByte(p[i - 1]) {
                var k = 0
                while k < needle.count && p[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// A graph block's header must be empty, one graph name, or `GRAPH` and a name.
    private func checkGraphHeader(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, start: Int, end: Int) {
        guard end > start, let p = bytes.baseAddress else { return }
        var words: [String] = []
        var i = start
        while i < end {
            while i < end && TurtleStatementScanner.isSpace(p[i]) { i += 1 }
            let wordStart = i
            if i < end && p[i] == 0x3C {
                while i < end && p[i] != 0x3E { i += 1 }
                if i < end { i += 1 }
            } else {
                while i < end && !TurtleStatementScanner.isSpace(p[i]) { i += 1 }
            }
            if i > wordStart {
                words.append(String(decoding: UnsafeBufferPointer(start: p + wordStart, count: i - wordStart),
                                    as: UTF8.self))
            }
        }
        if words.first?.lowercased() == "graph" { words.removeFirst() }
        if words == ["[", "]"] || words.count <= 1 { return }
        let (line, column) = tracker.position(of: base + start, in: bytes, base: base)
        session.addProblem(RDFSyntaxError(line: line, column: column,
                                          message: "the text before `{` is not a graph name; it was skipped"))
    }
}

extension String {
    fileprivate var trimmingSpace: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
