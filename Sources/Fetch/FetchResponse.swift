/// A response as received: status, the headers fedcat uses, and the (decompressed) body.
public struct FetchResponse: Sendable {
    /// The URL asked for.
    public var url: String
    /// The URL answered, after redirects.
    public var effectiveURL: String
    /// The HTTP status (304 for a conditional GET whose validators still hold; the body is then empty).
    public var status: Int
    /// Response headers fedcat reads, keyed by lowercase name (`etag`, `last-modified`, `content-type`, `retry-after`).
    public var headers: [String: String]
    /// The body, decompressed; empty when it was spooled to a file.
    public var body: [UInt8]
    /// The body's file, for a large body of a request made with `spool: true`.
    public var spooled: SpooledBody?
    /// Seconds the transfer took.
    public var seconds: Double

    public init(url: String, effectiveURL: String, status: Int, headers: [String: String], body: [UInt8], seconds: Double,
                spooled: SpooledBody? = nil) {
        self.url = url
        self.effectiveURL = effectiveURL
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds
        self.spooled = spooled
    }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The first `limit` bytes of the body as text, for error messages.
    public func bodyExcerpt(_ limit: Int = 200) -> String {
        let start = spooled?.prefix(limit + 1) ?? Array(body.prefix(limit + 1))
        let text = String(decoding: start.prefix(limit), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
        return start.count > limit ? text + "…" : text
    }
}

import Foundation
