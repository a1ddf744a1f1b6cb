import Foundation

/// Runs work on several threads at once, keeping the results in input order.
enum Parallel {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], width: Int,
                                                      _ body: @escaping @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1, width > 1 else { return inputs.map(body) }
        let results = Results<Output>(count: inputs.count)
        let slots = DispatchSemaphore(value: width)
        let group = DispatchGroup()
        for (index, input) in inputs.enumerated() {
            slots.wait()
            group.enter()
            Thread.detachNewThread {
                results.set(index, body(input))
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.values
    }

    /// Results written by several threads.
    private final class Results<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Output?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Output) { lock.withLock { slots[index] = value } }

        var values: [Output] { lock.withLock { slots.map { $0! } } }
    }
}
