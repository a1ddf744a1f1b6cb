public import FeedParsing

/// Why a request could not be answered, with the HTTP status it gets. Descriptions are sentences safe to show a client:
/// no SQL, no file paths, no stack traces.
public enum ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A query parameter is missing, malformed or out of range: 400, naming the parameter.
    case badParameter(name: String, reason: String)
    /// The path is not one of the server's routes, or the thing it names does not exist: 404.
    case notFound(String)
    /// None of the representations the client accepts is offered: 406.
    case notAcceptable(accept: String, offered: [String])
    /// The request body is larger than the server reads: 413.
    case tooLarge(limit: String)
    /// The method is not allowed on this route: 405.
    case methodNotAllowed(method: String, allowed: [String])
    /// Something failed inside; the details went to the log: 500.
    case internalError

    public var status: Int {
        switch self {
        case .badParameter: 400
        case .notFound: 404
        case .methodNotAllowed: 405
        case .notAcceptable: 406
        case .tooLarge: 413
        case .internalError: 500
        }
    }

    /// The parameter a 400 names.
    public var parameter: String? {
        if case .badParameter(let name, _) = self { return name }
        return nil
    }

    public var description: String {
        switch self {
        case .badParameter(let name, let reason):
            return "The parameter '\(name)' \(reason)"
        case .notFound(let what):
            return what
        case .notAcceptable(let accept, let offered):
            return "None of the types in Accept '\(accept)' is offered here; ask for one of \(offered.joined(separator: ", "))."
        case .methodNotAllowed(let method, let allowed):
            return "The method \(method) is not allowed here; use \(allowed.joined(separator: " or "))."
        case .tooLarge(let limit):
            return "The request body is larger than \(limit), the most this server reads."
        case .internalError:
            return "The server could not answer this request because of an internal error; it has been logged."
        }
    }

    /// `{"status": 400, "error": "Bad Request", "message": "…", "parameter": "rows"}`.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("status", .number(JSONNumber(status))), ("error", .string(reason)), ("message", .string(description)),
        ]
        if let parameter { members.append(("parameter", .string(parameter))) }
        return .object(JSONObject(members))
    }

    /// The HTTP reason phrase of the status.
    var reason: String {
        switch status {
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 413: "Content Too Large"
        default: "Internal Server Error"
        }
    }
}
