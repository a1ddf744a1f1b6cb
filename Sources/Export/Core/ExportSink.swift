public import Foundation

/// Where an exporter writes its bytes, in order. Writers call `write` many times with small pieces; a sink buffers.
public protocol ExportSink: AnyObject {
    func write(_ text: String) throws(ExportError)
    /// Writes what is buffered; the exporter calls it once at the end.
    func flush() throws(ExportError)
}

/// A sink that writes to a file handle (a file or standard output) through a 256 KiB buffer, so memory stays
/// the same whatever the size of the export.
public final class FileSink: ExportSink {
    private let handle: FileHandle
    private let name: String
    private var buffer: [UInt8] = []
    private static let capacity = 256 * 1024

    /// `name` names the destination in errors (a path, or "standard output").
    public init(handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
        buffer.reserveCapacity(Self.capacity + 4096)
    }

    /// Creates (or truncates) the file at `path`; a missing folder is named in the error.
    public convenience init(path: String) throws(ExportError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .missingFolder(path: folder)
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path: path, reason: "the file could not be created")
        }
        self.init(handle: handle, name: path)
    }

    public func write(_ text: String) throws(ExportError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { try flush() }
    }

    public func flush() throws(ExportError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw .cannotWrite(path: name, reason: error.localizedDescription) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A sink that keeps everything in memory: for tests, and for servers that answer one page at a time.
public final class MemorySink: ExportSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ text: String) throws(ExportError) { bytes.append(contentsOf: text.utf8) }
    public func flush() throws(ExportError) {}

    /// What was written, as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
