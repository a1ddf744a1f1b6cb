import Dispatch

/// Runs the store's synchronous reads off Swift's cooperative threads, so a slow query does not hold up the server's
/// other requests.
enum Blocking {
    private static let queue = DispatchQueue(label: "fedcat.server.reads", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
