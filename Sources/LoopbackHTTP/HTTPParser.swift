/// The head of a request (request line and header fields) as parsed off the wire.
struct RequestHead {
    var method: String
    var target: String
    var version: String
    var headers: [(name: String, value: String)]
    var path: String
    var query: [(name: String, value: String)]

    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first(where: { $0.name.lowercased() == wanted })?.value
    }

    func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Comma-separated tokens of the Connection header(s), lowercased.
    var connectionTokens: [String] {
        headerValues("Connection").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingASCIISpaces().lowercased()
        }
    }
}

enum HeadParse {
    case incomplete
    case complete(RequestHead, consumed: Int)
    case failure(status: Int, message: String)
}

enum HTTPParser {
    static let maxHeadBytes = 64 * 1024

    /// Tries to parse one request head from the start of `buffer`.
    /// Leading blank lines are skipped (RFC 9112 §2.2); bare LF line ends are accepted.
    static func parseHead(_ buffer: [UInt8]) -> HeadParse {
        var start = 0
        while start < buffer.count, buffer[start] == UInt8(ascii: "\r") || buffer[start] == UInt8(ascii: "\n") {
            start += 1
        }
        // Find the end of the head: an empty line.
        var end: Int? = nil
        var i = start
        while i < buffer.count {
            if buffer[i] == UInt8(ascii: "\n") {
                if i + 1 < buffer.count, buffer[i + 1] == UInt8(ascii: "\n") {
                    end = i + 2; break
                }
                if i + 2 < buffer.count, buffer[i + 1] == UInt8(ascii: "\r"), buffer[i + 2] == UInt8(ascii: "\n") {
                    end = i + 3; break
                }
            }
            i += 1
        }
        guard let headEnd = end else {
            if buffer.count - start > maxHeadBytes {
                return .failure(status: 431, message: "request head too large")
            }
            return .incomplete
        }
        if headEnd - start > maxHeadBytes {
            return .failure(status: 431, message: "request head too large")
        }

        // Split into lines, dropping the CR of CRLF.
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = start
        for j in start..<headEnd where buffer[j] == UInt8(ascii: "\n") {
            var lineEnd = j
            if lineEnd > lineStart, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            lines.append(buffer[lineStart..<lineEnd])
            lineStart = j + 1
        }
        // The last line is the empty terminator.
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let requestLine = lines.first else {
            return .failure(status: 400, message: "missing request line")
        }

        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(status: 400, message: "malformed request line")
        }
        guard parts[0].allSatisfy(isTokenChar) else {
            return .failure(status: 400, message: "malformed method")
        }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(status: 400, message: "malformed request target")
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(status: 400, message: "unsupported HTTP version")
        }

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
                return .failure(status: 400, message: "obsolete header line folding")
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(status: 400, message: "header line without colon")
            }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenChar) else {
                return .failure(status: 400, message: "malformed header name")
            }
            var value = line[(colon + 1)...]
            while let f = value.first, f == UInt8(ascii: " ") || f == UInt8(ascii: "\t") { value = value.dropFirst() }
            while let l = value.last, l == UInt8(ascii: " ") || l == UInt8(ascii: "\t") { value = value.dropLast() }
            headers.append((name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }

        guard let parsedTarget = RequestTarget.parse(target) else {
            return .failure(status: 400, message: "malformed request target")
        }
        let head = RequestHead(
            method: method, target: target, version: version, headers: headers,
            path: parsedTarget.path, query: parsedTarget.query)
        return .complete(head, consumed: headEnd)
    }

    static func isTokenChar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(c)
        }
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
