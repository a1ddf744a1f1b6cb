import Hummingbird
import FeedParsing

/// Builds responses with a body and its Content-Type.
enum Responses {
    static func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(body.utf8), type: type, status: status)
    }

    static func bytes(_ body: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Compact JSON (`pretty` for people reading it in a browser).
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, pretty: Bool = false) -> Response {
        bytes(JSONWriter.write(value, options: .init(pretty: pretty)), type: "application/json; charset=utf-8", status: status)
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        text(page, type: "text/html; charset=utf-8", status: status)
    }

    /// The JSON error document of `error`.
    static func error(_ error: ServerError) -> Response {
        json(error.json, status: HTTPResponse.Status(code: error.status))
    }
}

extension Request {
    /// The server's URL as the client addressed it (`http://host:port`, the Host a reverse proxy passes on).
    var baseURL: String { "http://\(head.authority ?? "127.0.0.1")" }
}
