import Synchronization

/// What a pure function gave for recent short texts, shared by every thread: a harvest publishes the same few
/// licences, media types and publisher names over and over. Texts over 256 bytes are not kept; past 4,096 texts the
/// memory starts again.
final class RecentValues<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])
    private let compute: @Sendable (String) -> Value

    init(_ compute: @escaping @Sendable (String) -> Value) {
        self.compute = compute
    }

    func value(for text: String) -> Value {
        guard text.utf8.count <= 256 else { return compute(text) }
        if let kept = values.withLock({ $0[text] }) { return kept }
        let value = compute(text)
        values.withLock { values in
            if values.count >= 4096 { values.removeAll(keepingCapacity: true) }
            values[text] = value
        }
        return value
    }
}
