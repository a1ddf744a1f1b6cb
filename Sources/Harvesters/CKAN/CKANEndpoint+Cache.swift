import Synchronization

extension CKANEndpoint {
    /// The last URL derived, and what it gave: a mapper derives the endpoint of its source for every package.
    private static let last = Mutex<(url: String, endpoint: CKANEndpoint?)?>(nil)

    /// `CKANEndpoint(url:)`, remembered for the next call with the same URL.
    static func cached(url: String) -> CKANEndpoint? {
        if let hit = last.withLock({ last in last.flatMap { $0.url == url ? $0 : nil } }) { return hit.endpoint }
        let endpoint = CKANEndpoint(url: url)
        last.withLock { $0 = (url, endpoint) }
        return endpoint
    }
}
