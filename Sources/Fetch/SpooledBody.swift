import Foundation

/// A response body kept in a file (see `FetchOptions.spoolAboveBytes`): a file the fetcher wrote, removed when the last
/// reference to it goes, or a local source's own file (`file://`), read where it lies and left alone.
public final class SpooledBody: Sendable {
    /// The file's path.
    public let path: String
    /// Its size in bytes.
    public let count: Int
    /// True for a file the fetcher wrote (removed with the body).
    public let temporary: Bool

    init(path: String, count: Int, temporary: Bool = true) {
        self.path = path
        self.count = count
        self.temporary = temporary
    }

    deinit { if temporary { unlink(path) } }

    /// The first `limit` bytes.
    public func prefix(_ limit: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: limit)) ?? Data())
    }
}
