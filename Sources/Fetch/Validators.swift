/// What a server said identifies a response's version, for a conditional GET next time.
public struct Validators: Sendable, Hashable, Codable {
    /// The `ETag` header, as sent (weak tags keep their `W/`).
    public var etag: String?
    /// The `Last-Modified` header, as sent.
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// True when there is nothing to send.
    public var isEmpty: Bool { etag == nil && lastModified == nil }

    /// `If-None-Match` and `If-Modified-Since`, for whichever validators are present.
    public var requestHeaders: [(String, String)] {
        var headers: [(String, String)] = []
        if let etag { headers.append(("If-None-Match", etag)) }
        if let lastModified { headers.append(("If-Modified-Since", lastModified)) }
        return headers
    }
}

extension FetchResponse {
    /// The response's ETag and Last-Modified, or nil when it has neither.
    public var validators: Validators? {
        let found = Validators(etag: headers["etag"], lastModified: headers["last-modified"])
        return found.isEmpty ? nil : found
    }

    /// True for 304 Not Modified.
    public var isNotModified: Bool { status == 304 }
}
