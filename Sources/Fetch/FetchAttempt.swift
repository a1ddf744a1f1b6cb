/// One HTTP attempt as it happened, handed to the `onAttempt` observer.
public struct FetchAttempt: Sendable {
    /// What became of an attempt.
    public enum Outcome: Sendable, Equatable {
        /// A 2xx response was returned to the caller.
        case success
        /// A 304 response was returned to the caller (the validators still hold).
        case notModified
        /// The attempt failed transiently; the next one starts after `after` seconds.
        case retrying(after: Double, reason: String)
        /// The attempt failed and no other follows: an error was thrown or a non-2xx status returned.
        case failed(reason: String)
    }

    /// The URL asked for.
    public var url: String
    /// 1 for the first attempt of a fetch, 2 for the first retry, …
    public var number: Int
    /// The HTTP status, if a response head arrived.
    public var status: Int?
    /// The transport (or limit) error, if the attempt did not complete.
    public var error: String?
    /// Body bytes received, after decompression.
    public var bytes: Int
    /// Body bytes received on the wire, before decompression.
    public var wireBytes: Int
    /// Seconds the attempt took (waiting at the host gate included, the pause before it not).
    public var seconds: Double
    /// What became of the attempt.
    public var outcome: Outcome

    public init(url: String, number: Int, status: Int?, error: String?, bytes: Int, wireBytes: Int,
                seconds: Double, outcome: Outcome) {
        self.url = url
        self.number = number
        self.status = status
        self.error = error
        self.bytes = bytes
        self.wireBytes = wireBytes
        self.seconds = seconds
        self.outcome = outcome
    }
}
