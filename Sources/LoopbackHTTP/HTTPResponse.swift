/// What a handler returns. The server adds `Content-Length`, `Date`,
/// `Server: fedcat-loopback` and, when it closes the connection,
/// `Connection: close`.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Extra header fields. `Content-Length` and `Transfer-Encoding` given
    /// here are ignored: the server always computes Content-Length itself.
    public var headers: [(String, String)]
    public var body: [UInt8]

    // MARK: Fault injection (for fetch tests)

    /// Send the head at once, then the body in pieces of `bytesPerChunk`
    /// bytes, waiting `delay` before each piece (so the whole body takes about
    /// `ceil(body.count / bytesPerChunk) * delay`).
    public var chunkDelay: (bytesPerChunk: Int, delay: Duration)?
    /// Read the request, then close the socket without sending anything.
    public var closeWithoutResponse: Bool
    /// Announce this Content-Length, send fewer body bytes (at most
    /// `min(body.count, value - 1)`), then close the connection.
    public var lieAboutContentLength: Int?

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.chunkDelay = nil
        self.closeWithoutResponse = false
        self.lieAboutContentLength = nil
    }

    /// `Content-Type: application/json;charset=utf-8` (what CKAN sends).
    public static func json(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json;charset=utf-8")], body: bytes)
    }

    public static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        json(Array(text.utf8), status: status)
    }

    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// A plain-text response whose body is "<code> <reason>\n".
    public static func status(_ code: Int) -> HTTPResponse {
        text("\(code) \(reasonPhrase(for: code))\n", status: code)
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first(where: { $0.0.lowercased() == wanted })?.1
    }

    public static func reasonPhrase(for code: Int) -> String {
        switch code {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default:
            switch code {
            case 100..<200: return "Informational"
            case 200..<300: return "Success"
            case 300..<400: return "Redirection"
            case 400..<500: return "Client Error"
            default: return "Server Error"
            }
        }
    }
}
