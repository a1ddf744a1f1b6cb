import Hummingbird
import FeedParsing

/// CKAN's response shapes: `{"help", "success": true, "result"}` and `{"help", "success": false, "error": {"__type",
/// "message", …}}` with CKAN's error types (400 Validation Error naming the field, 404 Not Found Error).
enum CKANEnvelope {
    static func success(_ result: JSONValue, help: String) -> Response {
        Responses.json(.object(["help": .string(help), "success": .bool(true), "result": result]))
    }

    static func failure(_ error: ServerError, help: String) -> Response {
        var members: [(key: String, value: JSONValue)] = [("__type", .string(errorType(error))), ("message", .string(error.description))]
        if let parameter = error.parameter { members.append((parameter, .array([.string(error.description)]))) }
        let body: JSONValue = .object(["help": .string(help), "success": .bool(false), "error": .object(JSONObject(members))])
        return Responses.json(body, status: HTTPResponse.Status(code: error.status))
    }

    /// CKAN's `__type` for an error.
    static func errorType(_ error: ServerError) -> String {
        switch error {
        case .badParameter: "Validation Error"
        case .notFound: "Not Found Error"
        case .methodNotAllowed, .notAcceptable, .tooLarge: "Bad Request"
        case .internalError: "Internal Server Error"
        }
    }
}
