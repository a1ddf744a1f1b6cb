/// A growable byte buffer for `XMLSubtreeWriter`, reused by one reader from record to record: appending is a
/// bounds check and a copy, without an array's uniqueness and capacity bookkeeping on every call.
final class XMLByteBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 8192) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Empties the buffer, keeping its memory.
    func reset() { count = 0 }

    /// The first byte (valid up to `count`, until the next append).
    var start: UnsafePointer<UInt8> { UnsafePointer(storage) }

    /// Drops the bytes from `newCount` on.
    func truncate(to newCount: Int) { count = min(count, newCount) }

    /// The bytes written since the last `reset()`, as an array of exactly that size.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }
}
