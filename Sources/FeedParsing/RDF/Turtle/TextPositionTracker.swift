/// Turns absolute byte offsets of a document into 1-based line and column numbers.
///
/// Newlines are counted lazily, only when a position is asked for or before bytes are dropped from a
/// streaming buffer, so a clean document costs nothing. Columns count bytes (1-based), like serd's own.
struct TextPositionTracker {
    /// Absolute offset up to which newlines have been counted.
    private(set) var offset = 0
    /// The line that `offset` is on.
    private(set) var line = 1
    /// Absolute offset where `line` starts.
    private(set) var lineStart = 0

    /// Counts the newlines up to `target` (at most the end of `bytes`), which start at absolute offset `base`.
    /// Offsets before the tracker's current one are ignored: the tracker only moves forward.
    mutating func advance(to target: Int, in bytes: UnsafeBufferPointer<UInt8>, base: Int) {
        let end = min(target, base + bytes.count)
        guard end > offset, let start = bytes.baseAddress else { return }
        var index = offset - base
        let stop = end - base
        while index < stop {
            if index + 8 <= stop && !ByteWord.has(ByteWord.load(start, index), 0x0A) {
                index += 8
                continue
            }
            if start[index] == 0x0A {
                line += 1
                lineStart = base + index + 1
            }
            index += 1
        }
        offset = end
    }

    /// The line and column of the absolute offset `target`, counted from the tracker's position without moving
    /// it. Offsets before the tracker report its own position.
    func position(of target: Int, in bytes: UnsafeBufferPointer<UInt8>, base: Int) -> (line: Int, column: Int) {
        var copy = self
        copy.advance(to: target, in: bytes, base: base)
        let column = max(target, copy.lineStart) - copy.lineStart + 1
        return (copy.line, column)
    }
}
