import Foundation
import Scheduling
import TestSupport
import Testing

/// Random cron expressions in the shapes people write.
enum RandomCron {
    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    static func field(_ range: ClosedRange<Int>, star: Int, names: [String] = [], using rng: inout SeededGenerator) -> String {
        func value(_ n: Int) -> String {
            guard !names.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 else { return String(n) }
            return names[(n - range.lowerBound) % names.count]
        }
        let span = range.upperBound - range.lowerBound
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<star: return "*"
        case 4: return "*/\(Int.random(in: 2...max(2, span / 2), using: &rng))"
        // Ranges always span two values or more: croniter 6 reads a one-value range such as '8-8' as '*' and
        // '1-1/3' as '0,3,6' (a croniter bug, not a difference of rule), so those are not generated.
        case 5:
            let low = Int.random(in: range.lowerBound..<range.upperBound, using: &rng)
            return "\(value(low))-\(value(Int.random(in: (low + 1)...range.upperBound, using: &rng)))"
        case 6:
            let low = Int.random(in: range.lowerBound...(range.lowerBound + span / 2), using: &rng)
            return "\(low)-\(Int.random(in: (low + 1)...range.upperBound, using: &rng))/\(Int.random(in: 2...4, using: &rng))"
        case 7:
            let count = Int.random(in: 2...4, using: &rng)
            return Set((0..<count).map { _ in Int.random(in: range, using: &rng) }).sorted().map(value).joined(separator: ",")
        default: return value(Int.random(in: range, using: &rng))
        }
    }

    static func expression(using rng: inout SeededGenerator) -> String {
        [field(0...59, star: 1, using: &rng), field(0...23, star: 2, using: &rng), field(1...31, star: 4, using: &rng),
         field(1...12, star: 4, names: monthNames, using: &rng), field(0...6, star: 4, names: dayNames, using: &rng)]
            .joined(separator: " ")
    }
}

@Suite("Next times agree with Python's croniter")
struct CroniterCrossCheckTests {
    /// Reads `expression<TAB>zone<TAB>epoch<TAB>day_or` lines; prints the next five epochs (or ERR) per line.
    ///
    /// croniter walks local wall-clock times (a naive datetime) and zoneinfo turns each into an instant by
    /// fedcat's documented rule: a repeated wall time is its first occurrence (fold=0), a skipped one is the
    /// first instant after the gap, and slots that land on the same instant run once. croniter's own
    /// time-zone mode is not used: croniter 6 keeps the start's UTC offset across a daylight-saving change
    /// ('38 15 * 9 *' in Berlin, asked in January, comes out at 14:38 CEST) and moves a skipped 01:30 to 02:30
    /// then drifts by an hour, where cron runs the slot once right after the gap.
    static let script = """
    import sys
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo
    from croniter import croniter

    def instant(wall, zone):
        first = wall.replace(tzinfo=zone, fold=0).timestamp()
        second = wall.replace(tzinfo=zone, fold=1).timestamp()
        if datetime.fromtimestamp(first, zone).replace(tzinfo=None) == wall:
            return int(min(first, second))
        low, high = int(min(first, second)), int(max(first, second))   # in the gap: find the change
        before = datetime.fromtimestamp(low, timezone.utc).astimezone(zone).utcoffset()
        while high - low > 1:
            middle = (low + high) // 2
            if datetime.fromtimestamp(middle, timezone.utc).astimezone(zone).utcoffset() == before:
                low = middle
            else:
                high = middle
        return high

    for line in sys.stdin:
        expression, name, start, day_or = line.rstrip("\\n").split("\\t")
        zone = ZoneInfo(name)
        try:
            wall = datetime.fromtimestamp(int(start), zone).replace(tzinfo=None)
            it = croniter(expression, wall, day_or=(day_or == "1"))
            runs = []
            while len(runs) < 5:
                at = instant(it.get_next(datetime), zone)
                if at > int(start) and (not runs or at > runs[-1]):
                    runs.append(at)
            print(" ".join(str(run) for run in runs))
        except Exception as error:
            print("ERR " + str(error).replace("\\n", " "))
    """

    static let zones = ["UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Europe/Berlin"]

    @Test func thousandRandomExpressionsInSeveralZones() throws {
        guard PythonTools.python != nil else {
            if PythonTools.required { Issue.record(Comment(rawValue: PythonTools.missingMessage)) }
            return
        }
        var rng = SeededGenerator(seed: 20_261_121)
        var cases: [(expression: String, cron: CronExpression, zone: TimeZone, start: Int)] = []
        var refused = 0
        while cases.count < 1000 {
            let text = RandomCron.expression(using: &rng)
            let zone = TimeZone(identifier: Self.zones.randomElement(using: &rng)!)!
            // 2024-01-01 to 2027-12-31, to the second.
            let start = Int.random(in: 1_704_067_200...1_830_297_599, using: &rng)
            guard let cron = try? CronExpression(text) else {
                refused += 1   // e.g. "0 0 31 2 *": fedcat refuses what never runs; croniter gives up searching.
                continue
            }
            cases.append((text, cron, zone, start))
        }
        #expect(refused < 50, "the generator made \(refused) expressions that never run")
        // Vixie cron (which fedcat follows) reads a day field written with '*' (such as '*/2') as unrestricted,
        // so day-of-month AND day-of-week must both match; croniter would OR them. Telling croniter day_or=False
        // for exactly those expressions (neither field a plain '*') compares the same rule instead of excluding them.
        let input = cases.map { item -> String in
            let fields = item.expression.split(separator: " ")
            let vixieAnd = (fields[2].hasPrefix("*") || fields[4].hasPrefix("*")) && fields[2] != "*" && fields[4] != "*"
            let dayOr = !vixieAnd
            return "\(item.expression)\t\(item.zone.identifier)\t\(item.start)\t\(dayOr ? 1 : 0)"
        }.joined(separator: "\n") + "\n"
        let result = try PythonTools.run(script: Self.script, input: Data(input.utf8))
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        try #require(lines.count == cases.count, "croniter answered \(lines.count) lines for \(cases.count) expressions: \(result.error)")

        var compared = 0, croniterGaveUp = 0
        for (item, line) in zip(cases, lines) {
            let ours = item.cron.nextRuns(after: Date(timeIntervalSince1970: TimeInterval(item.start)), in: item.zone, count: 5)
                .map { Int($0.timeIntervalSince1970) }
            if line.hasPrefix("ERR") {
                // croniter gives up on a day-of-month that the chosen months lack (e.g. '30-31' with February)
                // even when the day-of-week can still match; only that case is excused.
                let fields = item.expression.split(separator: " ")
                if line.contains("failed to find next date"), !fields[4].hasPrefix("*"), ours.count == 5 {
                    croniterGaveUp += 1
                } else {
                    Issue.record("croniter refused '\(item.expression)' in \(item.zone.identifier): \(line)")
                }
                continue
            }
            let theirs = line.split(separator: " ").compactMap { Int($0) }
            if ours == theirs {
                compared += 1
            } else {
                Issue.record("'\(item.expression)' in \(item.zone.identifier) after \(item.start): fedcat \(ours), croniter \(theirs)")
            }
        }
        #expect(croniterGaveUp < 10)
        #expect(compared + croniterGaveUp == cases.count)
    }
}
