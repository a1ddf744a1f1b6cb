public import CatalogStore
import CatalogModel
public import Fetch
import Foundation
public import Quality

/// Requests every access and download URL of a source once (`--check-links`) and remembers whether each
/// answered, for the MQA accessibility metrics. A URL answers when the server sends a 2xx status (after at most
/// five redirects) to a GET of its first byte (`Range: bytes=0-0`), or starts sending a body larger than asked.
/// Hosts are limited through the shared `HostGate` (two requests at a time per host by default); results are
/// cached for the run, so a URL shared by many distributions is requested once.
public struct LinkChecker: Sendable {
    public let store: CatalogStore
    public var gate: HostGate
    /// Threads requesting at once (each host is still limited by the gate).
    public var width = 8
    public var timeout: Double = 20

    public init(store: CatalogStore, gate: HostGate) {
        self.store = store
        self.gate = gate
    }

    /// Checks the URLs of `sourceID`'s records and returns what answered.
    public func check(sourceID: String) throws(StoreError) -> LinkStatus {
        var urls = Set<String>()
        var after: String?
        while true {
            let batch = try store.recordBatch(sourceID: sourceID, after: after, limit: 1000)
            if batch.records.isEmpty { break }
            after = batch.next
            for distribution in batch.records.flatMap(\.distributions) {
                for url in [distribution.accessURL, distribution.downloadURL].compactMap({ $0 })
                where url.hasPrefix("http://") || url.hasPrefix("https://") {
                    urls.insert(url)
                }
            }
        }
        let answered = check(urls: urls.sorted())
        return LinkStatus { answered.contains($0) }
    }

    /// The URLs among `urls` that answered.
    public func check(urls: [String]) -> Set<String> {
        let results = LockedSet()
        let queue = LockedQueue(urls)
        var options = FetchOptions(userAgent: FedcatVersion.userAgent)
        options.requestTimeout = timeout
        options.connectTimeout = min(timeout, 10)
        options.maxBodyBytes = 64 * 1024
        options.maxCompressedBytes = 64 * 1024
        options.retry.maxAttempts = 1
        let group = DispatchGroup()
        for _ in 0..<max(1, min(width, urls.count)) {
            group.enter()
            Thread.detachNewThread { [gate, options] in
                let fetcher = Fetcher(options: options, gate: gate)
                while let url = queue.next() {
                    if Self.answers(url, fetcher: fetcher) { results.insert(url) }
                }
                group.leave()
            }
        }
        group.wait()
        return results.values
    }

    static func answers(_ url: String, fetcher: Fetcher) -> Bool {
        do {
            let response = try fetcher.get(url, headers: [("Range", "bytes=0-0")])
            return response.isSuccess
        } catch {
            switch error {
            case .bodyTooLarge, .transferTooLarge: return true
            default: return false
            }
        }
    }
}

/// URLs handed out to the checking threads.
private final class LockedQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String]
    private var index = 0

    init(_ items: [String]) { self.items = items }

    func next() -> String? {
        lock.withLock {
            guard index < items.count else { return nil }
            defer { index += 1 }
            return items[index]
        }
    }
}

/// URLs that answered, written by several threads.
private final class LockedSet: @unchecked Sendable {
    private let lock = NSLock()
    private var set = Set<String>()

    func insert(_ value: String) { lock.withLock { _ = set.insert(value) } }

    var values: Set<String> { lock.withLock { set } }
}
