import CatalogModel
import Foundation
import Testing
@testable import Pipeline

@Suite("Blocking queue between harvester and writer")
struct BlockingQueueTests {
    @Test func deliversInOrderAcrossThreads() {
        let queue = BlockingQueue<Int>(capacity: 4)
        let producer = Thread {
            for value in 0..<1000 { _ = queue.push(value) }
            queue.finish(-1)
        }
        producer.start()
        var received: [Int] = []
        while true {
            let value = queue.pop()
            if value == -1 { break }
            received.append(value)
        }
        #expect(received == Array(0..<1000))
    }

    @Test func keepsNothingItsConsumerTook() {
        // Items are records on their way to the writer: one popped must be freed once its consumer is done with it,
        // not when thousands more have passed.
        final class Payload: Sendable {}
        let queue = BlockingQueue<Payload>(capacity: 4)
        weak var taken: Payload?
        do {
            let payload = Payload()
            taken = payload
            _ = queue.push(payload)
        }
        #expect(taken != nil)
        do { _ = queue.pop() }
        #expect(taken == nil)
    }

    @Test func cancellingStopsTheProducerButTheEndStillArrives() {
        let queue = BlockingQueue<Int>(capacity: 2)
        let accepted = Mutexed(0)
        let producer = Thread {
            for value in 0..<100 where queue.push(value) { accepted.add(1) }
            queue.finish(-1)
        }
        queue.cancel()
        producer.start()
        var last = 0
        repeat { last = queue.pop() } while last != -1
        #expect(queue.isCancelled)
        #expect(accepted.value == 0)
    }
}

/// A counter shared with a thread.
final class Mutexed: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int
    init(_ count: Int) { self.count = count }
    func add(_ n: Int) { lock.withLock { count += n } }
    var value: Int { lock.withLock { count } }
}
