import Foundation

/// Where `JSONStream` reads a document from, a chunk at a time.
public protocol JSONByteSource {
    /// Fills the start of `buffer`; returns how many bytes were read, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(JSONStreamError) -> Int
    /// Starts again from the first byte (to locate an error by line and column); false when it cannot.
    mutating func rewind() -> Bool
}

/// A document already in memory.
public struct JSONMemorySource: JSONByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(JSONStreamError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        offset += count
        return count
    }

    public mutating func rewind() -> Bool {
        offset = 0
        return true
    }
}

/// A document in a file, read with `read(2)`; the descriptor is closed when the last copy goes.
public struct JSONFileSource: JSONByteSource {
    private final class Descriptor {
        let value: Int32
        init(_ value: Int32) { self.value = value }
        deinit { close(value) }
    }

    private let descriptor: Descriptor
    public let path: String

    public init(path: String) throws(JSONStreamError) {
        let value = open(path, O_RDONLY | O_CLOEXEC)
        guard value >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        self.descriptor = Descriptor(value)
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(JSONStreamError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Foundation.read(descriptor.value, base, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        }
    }

    public mutating func rewind() -> Bool {
        lseek(descriptor.value, 0, SEEK_SET) == 0
    }
}
