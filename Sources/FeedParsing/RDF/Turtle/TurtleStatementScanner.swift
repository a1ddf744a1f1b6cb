/// Splits Turtle and TriG text into top-level statements without parsing them, so each statement can be handed
/// to serd on its own and a bad one skipped without losing the rest of the document.
///
/// serd 0.30 recovers from an error by skipping to the next line break and parsing on from the middle of the
/// statement, which cascades into one error per line and can invent triples. The scanner knows just enough of the
/// lexical grammar (IRIs, strings, comments, escapes, brackets, the `.` that ends a statement, directives and
/// TriG graph blocks) to find where each statement ends.
struct TurtleStatementScanner {
    /// One piece of the document, with byte indices into the scanned buffer.
    enum Unit: Equatable {
        /// A statement or directive in `start..<end`. `terminated` is false when it ends without its `.`: at the
        /// end of the input, before a `}` closing a graph block (`closesGraph`), or before a directive.
        case statement(start: Int, end: Int, terminated: Bool, closesGraph: Bool, directive: Directive?)
        /// A TriG graph block opens: `header` (the graph name, dropped: graphs are merged) then `{` at `brace`.
        case graphOpen(headerStart: Int, headerEnd: Int, brace: Int)
        /// A `}` closes a graph block.
        case graphClose(at: Int)
        /// The buffer ends inside a unit that starts at `from`: more input is needed.
        case needMore(from: Int)
        /// Only white space and comments are left.
        case finished
    }

    /// The directive a statement is.
    enum Directive: Equatable {
        case turtle      // @prefix, @base
        case sparql      // PREFIX, BASE
    }

    /// How many graph blocks are open.
    private(set) var graphDepth = 0
    /// Indices of the `;` at bracket depth 0 in the last statement returned: where reading can resume after an
    /// error inside the statement.
    private(set) var semicolons: [Int] = []

    /// The next unit at or after `from`, and the index to continue from.
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>, from: Int, atEOF: Bool) -> (unit: Unit, next: Int) {
        guard let p = bytes.baseAddress else { return (.finished, from) }
        let n = bytes.count
        let start = skipSpaceAndComments(p, n, from)
        if start >= n { return atEOF ? (.finished, n) : (.needMore(from: from), from) }

        switch p[start] {
        case 0x7D where graphDepth > 0: // }
            graphDepth -= 1
            return (.graphClose(at: start), start + 1)
        case 0x7B: // { — an unnamed TriG graph
            graphDepth += 1
            return (.graphOpen(headerStart: start, headerEnd: start, brace: start), start + 1)
        default:
            break
        }

        switch directive(p, n, start, atEOF: atEOF) {
        case .incomplete:
            return (.needMore(from: start), start)
        case .found(let end, let terminated, let kind):
            semicolons.removeAll(keepingCapacity: true)
            return (.statement(start: start, end: end, terminated: terminated, closesGraph: false, directive: kind), end)
        case .none:
            return statement(p, n, start, atEOF: atEOF)
        }
    }

    // MARK: - Statements

    private mutating func statement(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int,
                                    atEOF: Bool) -> (unit: Unit, next: Int) {
        semicolons.removeAll(keepingCapacity: true)
        var depth = 0
        var i = start
        let more: (unit: Unit, next: Int) = (.needMore(from: start), start)
        while i < n {
            let byte = p[i]
            if Self.plain[Int(byte)] {
                i += 1
                continue
            }
            switch byte {
            case 0x3C: // <
                i = scanIRI(p, n, i + 1)
                if i >= n && !atEOF { return more }
            case 0x22, 0x27: // " '
                i = scanString(p, n, i, atEOF: atEOF)
                if i < 0 { return more }
            case 0x23: // #
                i = skipComment(p, n, i)
                if i >= n && !atEOF { return more }
            case 0x5C: // \ (an escape in a local name)
                i += 2
                if i > n && !atEOF { return more }
            case 0x5B, 0x28: // [ (
                depth += 1
                i += 1
            case 0x5D, 0x29: // ] )
                if depth > 0 { depth -= 1 }
                i += 1
            case 0x3B: // ;
                if depth == 0 { semicolons.append(i) }
                i += 1
            case 0x2E: // .
                if depth == 0 {
                    if i + 1 >= n && !atEOF { return more }
                    let next: UInt8? = i + 1 < n ? p[i + 1] : nil
                    let previousIsName = i > start && Self.isNameByte(p[i - 1])
                    let nextIsName = next.map(Self.isNameByte) ?? false
                    let nextIsDigit = next.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
                    // `ex:a.b`, `1.5` and `.5` keep their dot; any other dot at depth 0 ends the statement.
                    if !((previousIsName && nextIsName) || (!previousIsName && nextIsDigit)) {
                        return (.statement(start: start, end: i + 1, terminated: true, closesGraph: false,
                                           directive: nil), i + 1)
                    }
                }
                i += 1
            case 0x7B: // {
                if depth == 0 {
                    graphDepth += 1
                    return (.graphOpen(headerStart: start, headerEnd: i, brace: i), i + 1)
                }
                i += 1
            case 0x7D: // }
                if depth == 0 && graphDepth > 0 {
                    return (.statement(start: start, end: i, terminated: false, closesGraph: true, directive: nil), i)
                }
                i += 1
            case 0x0A: // a line starting with PREFIX or BASE starts a new statement
                i += 1
                var j = i
                while j < n && (p[j] == 0x20 || p[j] == 0x09) { j += 1 }
                switch sparqlKeyword(p, n, j, atEOF: atEOF) {
                case .incomplete: return more
                case .found: return (.statement(start: start, end: j, terminated: false, closesGraph: false,
                                                directive: nil), j)
                case .none: i = j
                }
            case 0x40: // @prefix or @base after white space starts a new statement
                if i > start && Self.isSpace(p[i - 1]) {
                    switch turtleKeyword(p, n, i, atEOF: atEOF) {
                    case .incomplete: return more
                    case .found: return (.statement(start: start, end: i, terminated: false, closesGraph: false,
                                                    directive: nil), i)
                    case .none: break
                    }
                }
                i += 1
            default:
                i += 1
            }
        }
        if !atEOF { return more }
        return (.statement(start: start, end: n, terminated: false, closesGraph: false, directive: nil), n)
    }

    // MARK: - Directives

    private enum DirectiveMatch {
        case none
        case incomplete
        case found(end: Int, terminated: Bool, kind: Directive)
    }

    private enum KeywordMatch {
        case none
        case incomplete
        case found(length: Int)
    }

    /// `@prefix p: <iri> .`, `@base <iri> .`, `PREFIX p: <iri>` or `BASE <iri>` at `start`. A directive ends after
    /// its IRI (and the `.` when there is one), so a missing `.` costs only the directive itself.
    private func directive(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int, atEOF: Bool) -> DirectiveMatch {
        var kind = Directive.turtle
        var isPrefix = true
        var i = start
        switch turtleKeyword(p, n, start, atEOF: atEOF) {
        case .incomplete: return .incomplete
        case .found(let length):
            isPrefix = length == 7
            i += length
        case .none:
            switch sparqlKeyword(p, n, start, atEOF: atEOF) {
            case .incomplete: return .incomplete
            case .none: return .none
            case .found(let length):
                kind = .sparql
                isPrefix = length == 6
                i += length
            }
        }
        i = skipSpaceAndComments(p, n, i)
        if i >= n { return atEOF ? .none : .incomplete }
        if isPrefix {
            while i < n && p[i] != 0x3A && !Self.isSpace(p[i]) && p[i] != 0x3C && p[i] != 0x2E { i += 1 }
            if i >= n { return atEOF ? .none : .incomplete }
            guard p[i] == 0x3A else { return .none }
            i = skipSpaceAndComments(p, n, i + 1)
            if i >= n { return atEOF ? .none : .incomplete }
        }
        guard p[i] == 0x3C else { return .none }
        i = scanIRI(p, n, i + 1)
        if i >= n && !atEOF { return .incomplete }
        guard i <= n, i > 0, p[i - 1] == 0x3E else { return .none }
        let afterIRI = i
        let next = skipSpaceAndComments(p, n, i)
        if next >= n && !atEOF { return .incomplete }
        if next < n && p[next] == 0x2E {
            return .found(end: next + 1, terminated: true, kind: kind)
        }
        return .found(end: afterIRI, terminated: kind == .sparql, kind: kind)
    }

    /// `@prefix` or `@base` followed by white space (or `:`-less end).
    private func turtleKeyword(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, atEOF: Bool) -> KeywordMatch {
        guard i < n, p[i] == 0x40 else { return .none }
        let words: [(StaticString, Int)] = [("prefix", 7), ("base", 5)]
        for (word, length) in words {
            switch matchWord(p, n, i + 1, word, caseInsensitive: false, atEOF: atEOF) {
            case .incomplete: return .incomplete
            case .found: return .found(length: length)
            case .none: continue
            }
        }
        return .none
    }

    /// `PREFIX` or `BASE` (any case) followed by white space.
    private func sparqlKeyword(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, atEOF: Bool) -> KeywordMatch {
        guard i < n else { return atEOF ? .none : .incomplete }
        let first = p[i] | 0x20
        guard first == 0x70 || first == 0x62 else { return .none } // p, b
        let words: [(StaticString, Int)] = [("prefix", 6), ("base", 4)]
        for (word, length) in words {
            switch matchWord(p, n, i, word, caseInsensitive: true, atEOF: atEOF) {
            case .incomplete: return .incomplete
            case .found: return .found(length: length)
            case .none: continue
            }
        }
        return .none
    }

    /// `word` at `i`, followed by white space.
    private func matchWord(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ word: StaticString,
                           caseInsensitive: Bool, atEOF: Bool) -> KeywordMatch {
        let length = word.utf8CodeUnitCount
        let letters = word.utf8Start
        for k in 0...length {
            if i + k >= n { return atEOF ? .none : .incomplete }
            let byte = p[i + k]
            if k == length { return Self.isSpace(byte) ? .found(length: length) : .none }
            let wanted = letters[k]
            if byte != wanted && !(caseInsensitive && byte | 0x20 == wanted) { return .none }
        }
        return .none
    }

    // MARK: - Lexical pieces

    /// The index after the `>` closing an IRI whose content starts at `i`; stops before a line break (an
    /// unterminated IRI) or at `n`.
    private func scanIRI(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        var j = i
        while j < n {
            let byte = p[j]
            if byte == 0x3E { return j + 1 }
            if byte == 0x0A { return j }
            j += 1
        }
        return n
    }

    /// The index after the string literal whose opening quote is at `i`; -1 when more input is needed. A short
    /// string stops at a line break (serd reports it); an unterminated long string runs to the end.
    private func scanString(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, atEOF: Bool) -> Int {
        let quote = p[i]
        if i + 2 >= n && !atEOF { return -1 }
        if i + 2 < n && p[i + 1] == quote && p[i + 2] == quote {
            var j = i + 3
            while j < n {
                // Eight bytes without a backslash or the quote are text.
                if j + 8 <= n {
                    let word = ByteWord.load(p, j)
                    if !ByteWord.has(word, 0x5C) && !ByteWord.has(word, quote) {
                        j += 8
                        continue
                    }
                }
                let byte = p[j]
                if byte == 0x5C {
                    j += 2
                } else if byte == quote {
                    if j + 2 >= n { return atEOF ? n : -1 }
                    if p[j + 1] == quote && p[j + 2] == quote { return j + 3 }
                    j += 1
                } else {
                    j += 1
                }
            }
            return atEOF ? n : -1
        }
        var j = i + 1
        while j < n {
            // Eight bytes without a backslash, the quote or a line break are text.
            if j + 8 <= n {
                let word = ByteWord.load(p, j)
                if !ByteWord.has(word, 0x5C) && !ByteWord.has(word, quote) && !ByteWord.has(word, 0x0A) && !ByteWord.has(word, 0x0D) {
                    j += 8
                    continue
                }
            }
            let byte = p[j]
            if byte == 0x5C {
                j += 2
            } else if byte == quote {
                return j + 1
            } else if byte == 0x0A || byte == 0x0D {
                return j
            } else {
                j += 1
            }
        }
        return atEOF ? n : -1
    }

    /// The index of the line break ending the comment at `i` (or `n`).
    private func skipComment(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        var j = i
        while j < n && p[j] != 0x0A && p[j] != 0x0D { j += 1 }
        return j
    }

    /// The first index at or after `i` that is not white space or inside a comment, or `n`.
    private func skipSpaceAndComments(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        var j = i
        while j < n {
            let byte = p[j]
            if Self.isSpace(byte) {
                j += 1
            } else if byte == 0x23 {
                j = skipComment(p, n, j)
            } else {
                return j
            }
        }
        return n
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Bytes that can be part of a prefixed name, blank node label or number around a `.`.
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F || byte == 0x2D || byte == 0x3A || byte == 0x25 || byte >= 0x80
    }

    /// Bytes the statement loop can step over without looking.
    private static let plain: [Bool] = {
        var table = [Bool](repeating: true, count: 256)
        for byte in "<\"'#\\[]();.{}\n@".utf8 { table[Int(byte)] = false }
        return table
    }()
}
