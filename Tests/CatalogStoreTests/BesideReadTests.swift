import CatalogStore
import Foundation
import GRDB
import Synchronization
import Testing

/// A read on another connection beside the caller's: one at a time per catalogue, its value or error handed back.
@Suite("Reads beside a read")
struct BesideReadTests {
    @Test func oneSideReadAtATimeGivesItsValueOrError() throws {
        let store = try CatalogStore(path: try StoreFixture.temporaryPath("b.db"))
        let release = DispatchSemaphore(value: 0)
        let first = try #require(store.readBeside("waiting") { db in
            release.wait()
            return try Int.fetchOne(db, sql: "SELECT 40 + 2") ?? 0
        })
        // The first still runs: a second is declined, and its caller reads inline.
        #expect(store.readBeside("declined") { _ in 1 } == nil)
        release.signal()
        #expect(try first.wait() == 42)
        #expect(try first.wait() == 42, "waiting again gives the same value")
        let failing = try #require(store.readBeside("reading a missing table") { db in try Int.fetchOne(db, sql: "SELECT x FROM nowhere") ?? 0 })
        #expect(throws: StoreError.self) { try failing.wait() }
        do {
            _ = try failing.wait()
        } catch {
            #expect(error.description.contains("reading a missing table"))
        }
    }

    @Test func readsBesideReadsThatHoldEveryConnectionStillFinish() throws {
        let store = try CatalogStore(path: try StoreFixture.temporaryPath("c.db"))
        // Twenty threads reading at once (more than the pool's connections), each holding its connection while it
        // waits for a side read of its own, or reading inline when another side read runs.
        let results = Mutex<[Int]>([])
        let group = DispatchGroup()
        for i in 0..<20 {
            group.enter()
            Thread.detachNewThread {
                let value = try? store.read("holding") { db -> Int in
                    let side = store.readBeside("beside") { db in
                        usleep(2_000)
                        return try Int.fetchOne(db, sql: "SELECT ?", arguments: [i]) ?? -1
                    }
                    usleep(1_000)
                    return try side?.wait() ?? Int.fetchOne(db, sql: "SELECT ?", arguments: [i]) ?? -1
                }
                results.withLock { $0.append(value ?? -1) }
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success, "no reader waits for ever")
        #expect(results.withLock { $0.sorted() } == Array(0..<20))
    }
}
