#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a piece of the text handed to serd came from.
struct SerdSegment {
    var start: UnsafePointer<UInt8>
    var count: Int
    /// Absolute offset of `start` in the document; -1 for bytes the reader added (a `.` or a repeated subject).
    var absolute: Int
}

/// The byte source behind one `serd_reader_read_source` call: a few segments of memory, or a file descriptor.
///
/// serd 0.30 loops forever when it recovers from an error at the end of a NUL-terminated string, so every read goes
/// through this stream source, whose end serd sees as a real end of file. NUL bytes (which serd would take as the
/// end of a string or skip silently) are handed over as 0xFF, so serd reports them as invalid UTF-8 and replaces
/// them with U+FFFD.
struct SerdFeedCursor {
    static let capacity = 4
    private(set) var segments: UnsafeMutablePointer<SerdSegment>
    private(set) var segmentCount = 0
    private var index = 0
    private var offsetInSegment = 0
    /// A file to read instead of segments, or -1.
    var fileDescriptor: Int32 = -1
    /// Set when reading the file failed (errno).
    private(set) var readError: Int32 = 0
    /// When true, line breaks passing through are counted (N-Triples needs to know its last line).
    var countsLines = false
    private(set) var lineBreaks = 0
    private(set) var lastByte: UInt8 = 0x0A
    private(set) var bytesRead = 0

    init() {
        segments = .allocate(capacity: Self.capacity)
    }

    func deallocate() {
        segments.deallocate()
    }

    /// Starts a new read over `parts` (at most four).
    mutating func reset(_ parts: [SerdSegment]) {
        precondition(parts.count <= Self.capacity, "a serd feed has at most four segments")
        for (position, part) in parts.enumerated() { segments[position] = part }
        segmentCount = parts.count
        index = 0
        offsetInSegment = 0
        fileDescriptor = -1
        readError = 0
        bytesRead = 0
        lineBreaks = 0
        lastByte = 0x0A
    }

    /// Starts a new read over an open file.
    mutating func reset(fileDescriptor: Int32) {
        segmentCount = 0
        index = 0
        offsetInSegment = 0
        self.fileDescriptor = fileDescriptor
        readError = 0
        bytesRead = 0
        lineBreaks = 0
        lastByte = 0x0A
    }

    /// Fills `out` with up to `capacity` bytes; 0 at the end.
    mutating func read(into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        var written = 0
        if fileDescriptor >= 0 {
            while written < capacity {
                let got = systemRead(fileDescriptor, out + written, capacity - written)
                if got > 0 {
                    written += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    readError = errno
                    break
                }
            }
        } else {
            while written < capacity && index < segmentCount {
                let segment = segments[index]
                let take = min(capacity - written, segment.count - offsetInSegment)
                if take > 0 {
                    (out + written).update(from: segment.start + offsetInSegment, count: take)
                    written += take
                    offsetInSegment += take
                }
                if offsetInSegment >= segment.count {
                    index += 1
                    offsetInSegment = 0
                }
            }
        }
        guard written > 0 else { return 0 }
        replaceNULs(out, written)
        if countsLines { countLineBreaks(out, written) }
        bytesRead += written
        return written
    }

    private func replaceNULs(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) {
        var from = UnsafeMutableRawPointer(bytes)
        var left = count
        while left > 0, let hit = memchr(from, 0, left) {
            hit.storeBytes(of: 0xFF, as: UInt8.self)
            let skipped = hit - from + 1
            from = hit + 1
            left -= skipped
        }
    }

    private mutating func countLineBreaks(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) {
        var from = UnsafeMutableRawPointer(bytes)
        var left = count
        while left > 0, let hit = memchr(from, 0x0A, left) {
            lineBreaks += 1
            let skipped = hit - from + 1
            from = hit + 1
            left -= skipped
        }
        lastByte = bytes[count - 1]
    }
}

/// `read(2)`, named apart from the methods called `read`.
@inline(__always)
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
    #else
    return Darwin.read(descriptor, buffer, count)
    #endif
}
