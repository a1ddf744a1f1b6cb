public import Foundation

/// Local wall-clock times in a time zone, and the one instant each stands for.
///
/// The rule across daylight-saving changes: a wall time that occurs twice (the repeated hour when clocks go
/// back) stands for its FIRST occurrence, so a slot in that hour runs once; a wall time that does not exist
/// (the hour skipped when clocks go forward) stands for the first instant after the gap, so the slot runs
/// once, right after the change. Several skipped slots land on that one instant and run once.
struct WallClock: Sendable {
    let timeZone: TimeZone

    /// Seconds since 1970 of a wall time read as if it were UTC.
    static func naive(_ day: CivilDate, hour: Int, minute: Int) -> Int {
        day.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60
    }

    /// The wall time of an instant: its day, and minutes since midnight (seconds dropped).
    func wallTime(of instant: Date) -> (day: CivilDate, minute: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        return (CivilDate(daysSinceEpoch: days), (seconds - days * 86_400) / 60)
    }

    /// The instant a wall time stands for (see the type's rule).
    func instant(_ day: CivilDate, hour: Int, minute: Int) -> Date {
        let naive = Self.naive(day, hour: hour, minute: minute)
        let before = offset(at: naive - 86_400)
        let after = offset(at: naive + 86_400)
        let candidates = Set([before, after]).sorted(by: >)    // the larger offset gives the earlier instant
        for candidate in candidates where offset(at: naive - candidate) == candidate {
            return Date(timeIntervalSince1970: TimeInterval(naive - candidate))
        }
        // In a gap: the change happens between naive - after and naive - before; find the first second after it.
        var low = naive - max(before, after)
        var high = naive - min(before, after)
        let startOffset = offset(at: low)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == startOffset { low = middle } else { high = middle }
        }
        return Date(timeIntervalSince1970: TimeInterval(high))
    }

    private func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

extension CronExpression {
    /// The first run strictly after `instant`, in `timeZone`, or nil when none comes within 30 years
    /// (an expression such as `0 0 29 2 *` with a day-of-week that never coincides).
    public func next(after instant: Date, in timeZone: TimeZone) -> Date? {
        let clock = WallClock(timeZone: timeZone)
        let start = clock.wallTime(of: instant)
        var day = start.day
        let limit = start.day.adding(days: 366 * 30)
        while day < limit {
            guard months.contains(day.month) else {
                day = day.nextMonth
                continue
            }
            if matches(day: day) {
                let fromMinute = day == start.day ? start.minute : 0
                for hour in hours.values where hour >= fromMinute / 60 {
                    for minute in minutes.values where hour * 60 + minute >= fromMinute {
                        let candidate = clock.instant(day, hour: hour, minute: minute)
                        if candidate > instant { return candidate }
                    }
                }
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// The next `count` runs after `instant`.
    public func nextRuns(after instant: Date, in timeZone: TimeZone, count: Int) -> [Date] {
        var runs: [Date] = []
        var from = instant
        while runs.count < count, let run = next(after: from, in: timeZone) {
            runs.append(run)
            from = run
        }
        return runs
    }
}
