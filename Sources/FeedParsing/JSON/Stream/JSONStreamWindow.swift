/// The part of a document `JSONStream` holds: bytes from `keep` on, addressed by their offset in the whole document,
/// so that offsets stay valid when the window moves.
final class JSONStreamWindow<Source: JSONByteSource> {
    private(set) var source: Source
    private var storage: UnsafeMutableRawBufferPointer
    /// The document offset of `storage[0]`.
    private(set) var base = 0
    /// One past the last document offset read.
    private(set) var limit = 0
    private(set) var atEnd = false
    /// The first offset still needed; `fill` may drop everything before it.
    var keep = 0
    private let chunkBytes: Int

    init(source: Source, chunkBytes: Int) {
        self.source = source
        self.chunkBytes = max(chunkBytes, 64)
        storage = .allocate(byteCount: self.chunkBytes * 2, alignment: 8)
    }

    deinit { storage.deallocate() }

    /// The byte at document offset `offset` (which must be in `keep..<limit`).
    @inline(__always) subscript(offset: Int) -> UInt8 {
        storage.load(fromByteOffset: offset - base, as: UInt8.self)
    }

    /// The window's bytes, for scanning: index `i` is document offset `base + i`; valid until the next `fill`.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: limit - base)
    }

    /// Calls `body` with the bytes of `range` (document offsets within the window).
    func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws(JSONStreamError) -> T) throws(JSONStreamError) -> T {
        try body(UnsafeRawBufferPointer(rebasing: storage[(range.lowerBound - base)..<(range.upperBound - base)]))
    }

    /// Reads another chunk, first dropping the bytes before `keep` (and growing the window when what is kept
    /// fills it); false at the end of the document.
    func fill() throws(JSONStreamError) -> Bool {
        guard !atEnd else { return false }
        let kept = limit - keep
        if keep > base {
            if kept > 0 { storage.baseAddress!.copyMemory(from: storage.baseAddress! + (keep - base), byteCount: kept) }
            base = keep
        }
        if storage.count - kept < chunkBytes {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(storage.count * 2, kept + chunkBytes), alignment: 8)
            if kept > 0 { grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: kept) }
            storage.deallocate()
            storage = grown
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[kept..<min(storage.count, kept + chunkBytes)]))
        if count == 0 {
            atEnd = true
            return false
        }
        limit += count
        return true
    }

    /// Line and column (1-based, columns in Unicode scalars) of document offset `offset`, found by reading the
    /// document again from its start; (0, 0) when the source cannot start again.
    func position(of offset: Int) -> (line: Int, column: Int) {
        Self.position(of: offset, reading: source)
    }

    static func position(of offset: Int, reading source: Source) -> (line: Int, column: Int) {
        var reader = source
        guard reader.rewind() else { return (0, 0) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { chunk.deallocate() }
        var line = 1, column = 1, read = 0
        while read < offset {
            guard let count = try? reader.read(into: chunk), count > 0 else { break }
            for index in 0..<min(count, offset - read) {
                let byte = chunk[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 && !(read + index < 3 && Self.isBOM(byte, at: read + index)) {
                    column += 1
                }
            }
            read += count
        }
        return (line, column)
    }

    private static func isBOM(_ byte: UInt8, at offset: Int) -> Bool {
        [0xEF, 0xBB, 0xBF][offset] == byte
    }
}
