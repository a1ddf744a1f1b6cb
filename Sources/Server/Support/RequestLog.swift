import Hummingbird
import FeedParsing
import Foundation

/// The outermost middleware: refuses `..` paths, turns every error into a JSON answer (never SQL text or a stack trace:
/// unexpected errors are logged and answered with a generic sentence), and logs one line per request on stderr:
/// `GET /search?q=water 200 3.1ms`.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let quiet: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        if Self.isTraversal(request.uri.path) {
            response = Responses.error(.notFound("There is nothing at \(Self.shown(request.uri.path)); paths with '..' are refused."))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as ServerError {
                response = Responses.error(error)
            } catch let error as HTTPError where error.status == .notFound {
                response = Responses.error(.notFound("There is nothing at \(Self.shown(request.uri.path)); see / for the search page and the README for the routes."))
            } catch let error as HTTPError where error.status == .methodNotAllowed {
                response = Responses.error(.methodNotAllowed(method: request.method.rawValue, allowed: ["GET"]))
            } catch let error as HTTPError where (400..<500).contains(error.status.code) {
                // Refused by the HTTP layer (a body too large, a malformed request): its status, with a sentence.
                response = Responses.json(["status": .number(JSONNumber(error.status.code)), "error": .string(error.status.reasonPhrase),
                                           "message": .string("The request was refused: \(error.status.reasonPhrase).")],
                                          status: error.status)
            } catch {
                Self.log("fedcat serve: error answering \(request.method.rawValue) \(request.uri.path): \(error)")
                response = Responses.error(.internalError)
            }
        }
        if !quiet {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            Self.log("\(request.method.rawValue) \(request.uri.string) \(response.status.code) \(String(format: "%.1f", ms))ms")
        }
        return response
    }

    /// True when a segment of the path, decoded, is `..` (`/../etc/passwd`, `/datasets/%2e%2e/x`).
    static func isTraversal(_ path: String) -> Bool {
        let decoded = path.removingPercentEncoding ?? path
        return decoded.split(separator: "/").contains("..") || decoded.split(separator: "\\").contains("..")
    }

    /// The path as shown in an error: at most 100 characters.
    static func shown(_ path: String) -> String {
        path.count > 100 ? String(path.prefix(99)) + "…" : path
    }

    static func log(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }
}
