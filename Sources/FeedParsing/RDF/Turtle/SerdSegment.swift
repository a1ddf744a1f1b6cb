/// A piece of the text handed to serd in one feed, and where it came from.
struct SerdSegment {
    var start: UnsafePointer<UInt8>
    var count: Int
    /// Absolute offset of `start` in the document; -1 for bytes the reader added (a `.` or a space).
    var absolute: Int
}
