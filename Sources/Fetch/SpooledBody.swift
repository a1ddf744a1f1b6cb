import Foundation

/// A response body kept in a file (see `FetchOptions.spoolAboveBytes`); the file is removed when the last reference
/// to it goes.
public final class SpooledBody: Sendable {
    /// The file's path.
    public let path: String
    /// Its size in bytes.
    public let count: Int

    init(path: String, count: Int) {
        self.path = path
        self.count = count
    }

    deinit { unlink(path) }

    /// The first `limit` bytes.
    public func prefix(_ limit: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: limit)) ?? Data())
    }
}
