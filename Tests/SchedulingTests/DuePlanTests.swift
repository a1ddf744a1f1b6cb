import CatalogStore
import Foundation
import Scheduling
import Testing

/// A clock the test moves by hand.
final class ManualClock: ScheduleClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    func now() -> Date { lock.withLock { current } }
    func set(_ date: Date) { lock.withLock { current = date } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

@Suite("What is due")
struct DuePlanTests {
    static let london = TimeZone(identifier: "Europe/London")!

    static func schedule(_ cron: String, _ zone: TimeZone = london) throws -> Schedule {
        Schedule(name: "test", cron: try CronExpression(cron), timeZone: zone)
    }

    @Test func aNeverHarvestedSourceIsDueAtOnce() throws {
        #expect(DuePlan.plan(schedule: try Self.schedule("@daily"), state: nil, lastRunStart: nil, now: utc("2025-06-01T12:00:00Z")) == .due(slot: nil))
    }

    @Test func threeDaysLateADailyScheduleRunsExactlyOnce() throws {
        let daily = try Self.schedule("@daily")
        // Last served slot: midnight in London on 1 June (23:00 UTC the day before), run at 23:00:04.
        var state = ScheduleState(sourceID: "lakeside", lastSlot: utc("2025-05-31T23:00:04Z"))
        let now = utc("2025-06-04T09:30:00Z")
        let plan = DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: now)
        #expect(plan == .due(slot: utc("2025-06-01T23:00:00Z")), "the first missed slot is the one served")
        state = state.after(runStartedAt: now, finishedAt: now + 40, error: nil, backoff: .standard)
        // Three slots were missed (2, 3 and 4 June); after one run nothing more is due until the next slot.
        #expect(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: now + 41) == .waiting(next: utc("2025-06-04T23:00:00Z")))
        #expect(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: utc("2025-06-04T22:59:59Z")).isDue == false)
        #expect(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: utc("2025-06-04T23:00:00Z")).isDue)
    }

    @Test func aLateRunDoesNotDriftTheNextSlot() throws {
        // ckanext-harvest #559: "last run + interval" drifted by the run's lateness every day. Cron slots do not.
        let daily = try Self.schedule("0 3 * * *", TimeZone(identifier: "UTC")!)
        var state = ScheduleState(sourceID: "s")
        var start = utc("2025-06-01T03:00:00Z")
        for day in 0..<30 {
            let late = start + 900   // every run starts 15 minutes late and takes 20 minutes
            state = state.after(runStartedAt: late, finishedAt: late + 1200, error: nil, backoff: .standard)
            let next = try #require(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: late + 1200).nextRun(now: late + 1200))
            #expect(next == start + 86_400, "day \(day)")
            start = next
        }
    }

    @Test func aRunStoppedByAShutdownIsResumedAtOnce() throws {
        let daily = try Self.schedule("@daily")
        var state = ScheduleState(sourceID: "s", lastSlot: utc("2025-06-01T23:00:02Z"))
        state.resumePending = true
        #expect(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: utc("2025-06-02T06:00:00Z")) == .due(slot: nil))
        state = state.after(runStartedAt: utc("2025-06-02T06:00:00Z"), finishedAt: utc("2025-06-02T06:01:00Z"), error: nil, backoff: .standard)
        #expect(!state.resumePending)
        #expect(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: utc("2025-06-02T06:02:00Z")) == .waiting(next: utc("2025-06-02T23:00:00Z")))
    }

    @Test func theLastHarvestCountsWhenTheSchedulerNeverRan() throws {
        let hourly = try Self.schedule("@hourly")
        let plan = DuePlan.plan(schedule: hourly, state: nil, lastRunStart: utc("2025-06-01T10:20:00Z"), now: utc("2025-06-01T10:50:00Z"))
        #expect(plan == .waiting(next: utc("2025-06-01T11:00:00Z")))
    }

    @Test(arguments: [(1, 300.0), (2, 600), (3, 1200), (4, 2400), (5, 4800), (8, 38_400), (9, 76_800), (10, 86_400), (60, 86_400)])
    func backoffDoublesUpToItsCap(failures: Int, seconds: Double) {
        #expect(Backoff.standard.delay(afterFailures: failures) == seconds)
    }

    @Test func aFailingSourceBacksOffThenRunsOnceWhenTheWaitEnds() throws {
        let every5 = try Self.schedule("*/5 * * * *", TimeZone(identifier: "UTC")!)
        let clock = ManualClock(utc("2025-06-01T10:00:30Z"))
        var state = ScheduleState(sourceID: "s")
        var waits: [TimeInterval] = []
        for _ in 0..<4 {
            let started = clock.now()
            state = state.after(runStartedAt: started, finishedAt: started + 10, error: "HTTP 500", backoff: .standard)
            let until = try #require(state.backoffUntil)
            waits.append(until.timeIntervalSince(started + 10))
            // Slots pass during the wait without a run.
            clock.set(until - 1)
            #expect(DuePlan.plan(schedule: every5, state: state, lastRunStart: nil, now: clock.now()) == .backingOff(until: until, failures: state.failures))
            clock.set(until)
            #expect(DuePlan.plan(schedule: every5, state: state, lastRunStart: nil, now: clock.now()).isDue)
        }
        #expect(waits == [300, 600, 1200, 2400])
        #expect(state.failures == 4)
        state = state.after(runStartedAt: clock.now(), finishedAt: clock.now() + 5, error: nil, backoff: .standard)
        #expect(state.failures == 0)
        #expect(state.backoffUntil == nil)
        #expect(DuePlan.plan(schedule: every5, state: state, lastRunStart: nil, now: clock.now() + 6).isDue == false)
    }

    @Test func backoffNeverAddsRuns() throws {
        // A daily source that fails waits for its next slot even though its back-off ends sooner.
        let daily = try Self.schedule("0 3 * * *", TimeZone(identifier: "UTC")!)
        let state = ScheduleState(sourceID: "s").after(runStartedAt: utc("2025-06-01T03:00:00Z"), finishedAt: utc("2025-06-01T03:01:00Z"),
                                                       error: "HTTP 503", backoff: .standard)
        #expect(DuePlan.plan(schedule: daily, state: state, lastRunStart: nil, now: utc("2025-06-01T04:00:00Z")) == .waiting(next: utc("2025-06-02T03:00:00Z")))
    }
}
