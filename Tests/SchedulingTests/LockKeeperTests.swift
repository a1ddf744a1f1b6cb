import CatalogStore
import Foundation
@testable import Scheduling
import Testing

@Suite("Scheduler locks")
struct LockKeeperTests {
    @Test func aHeldLockKeepsBeatingAndIsGivenBack() throws {
        let fixture = try ScheduleFixture()
        let clock = ManualClock(utc("2025-06-01T08:00:00Z"))
        var owner = LockOwner()
        owner.heartbeatEvery = 0.05
        let keeper = LockKeeper(store: fixture.store, owner: owner, clock: clock)
        defer { keeper.stop() }
        #expect(try keeper.acquire("lakeside") == .acquired)
        clock.advance(30)
        var beat = Date.distantPast
        for _ in 0..<100 where beat < clock.now() {
            usleep(20_000)
            beat = try fixture.store.locks()["lakeside"]?.heartbeatAt ?? .distantPast
        }
        #expect(beat == clock.now(), "the heartbeat follows the clock while the lock is held")

        // A second scheduler (another token) sees a live holder; after the release it gets the lock.
        let other = LockKeeper(store: fixture.store, owner: LockOwner(), clock: clock)
        defer { other.stop() }
        guard case .held(let holder) = try other.acquire("lakeside") else {
            Issue.record("a live lock was taken")
            return
        }
        #expect(holder.token == owner.token && holder.pid == getpid())
        keeper.release("lakeside")
        #expect(try other.acquire("lakeside") == .acquired)
        #expect(try fixture.store.locks()["lakeside"]?.token != owner.token)
    }
}
