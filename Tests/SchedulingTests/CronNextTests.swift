import Foundation
import Scheduling
import Testing

/// One row of the next-time table: an expression, a zone, a start instant and the runs that must follow it.
struct NextCase: CustomTestStringConvertible, Sendable {
    var name: String
    var expression: String
    var zone: String
    var after: String
    var expected: [String]

    var testDescription: String { "\(name): '\(expression)' in \(zone) after \(after)" }
}

let nextTable: [NextCase] = [
    NextCase(name: "the 31st skips 30-day months and February", expression: "0 0 31 * *", zone: "UTC",
             after: "2025-01-31T00:00:00Z",
             expected: ["2025-03-31T00:00:00Z", "2025-05-31T00:00:00Z", "2025-07-31T00:00:00Z", "2025-08-31T00:00:00Z", "2025-10-31T00:00:00Z"]),
    NextCase(name: "Feb 29 runs only in leap years", expression: "0 12 29 2 *", zone: "UTC", after: "2023-03-01T00:00:00Z",
             expected: ["2024-02-29T12:00:00Z", "2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"]),
    NextCase(name: "2100 is not a leap year", expression: "0 0 29 2 *", zone: "UTC", after: "2096-03-01T00:00:00Z",
             expected: ["2104-02-29T00:00:00Z"]),
    NextCase(name: "every 15 minutes", expression: "*/15 * * * *", zone: "UTC", after: "2025-06-01T10:07:30Z",
             expected: ["2025-06-01T10:15:00Z", "2025-06-01T10:30:00Z", "2025-06-01T10:45:00Z", "2025-06-01T11:00:00Z"]),
    NextCase(name: "a slot equal to the start is not next", expression: "*/15 * * * *", zone: "UTC", after: "2025-06-01T10:15:00Z",
             expected: ["2025-06-01T10:30:00Z"]),
    NextCase(name: "lists and ranges", expression: "5,35 9-11 * * *", zone: "UTC", after: "2025-06-01T09:05:00Z",
             expected: ["2025-06-01T09:35:00Z", "2025-06-01T10:05:00Z", "2025-06-01T10:35:00Z", "2025-06-01T11:05:00Z",
                        "2025-06-01T11:35:00Z", "2025-06-02T09:05:00Z"]),
    NextCase(name: "ranges with steps", expression: "10-40/10 2-8/3 * * *", zone: "UTC", after: "2025-06-01T00:00:00Z",
             expected: ["2025-06-01T02:10:00Z", "2025-06-01T02:20:00Z", "2025-06-01T02:30:00Z", "2025-06-01T02:40:00Z",
                        "2025-06-01T05:10:00Z", "2025-06-01T05:20:00Z"]),
    NextCase(name: "a start with a step runs to the field's end", expression: "50/5 23 * * *", zone: "UTC", after: "2025-06-01T00:00:00Z",
             expected: ["2025-06-01T23:50:00Z", "2025-06-01T23:55:00Z", "2025-06-02T23:50:00Z"]),
    NextCase(name: "day-of-month and day-of-week both restricted: either matches", expression: "0 0 13 * FRI", zone: "UTC",
             after: "2025-06-01T00:00:00Z",
             expected: ["2025-06-06T00:00:00Z", "2025-06-13T00:00:00Z", "2025-06-20T00:00:00Z", "2025-06-27T00:00:00Z",
                        "2025-07-04T00:00:00Z", "2025-07-11T00:00:00Z", "2025-07-13T00:00:00Z", "2025-07-18T00:00:00Z"]),
    NextCase(name: "a day-of-month written with * counts as unrestricted: both must match", expression: "0 0 */2 * MON", zone: "UTC",
             after: "2025-06-01T00:00:00Z",
             expected: ["2025-06-09T00:00:00Z", "2025-06-23T00:00:00Z", "2025-07-07T00:00:00Z", "2025-07-21T00:00:00Z"]),
    NextCase(name: "month and weekday names", expression: "30 8 * jan,JUL Mon-WED", zone: "UTC", after: "2025-01-01T00:00:00Z",
             expected: ["2025-01-01T08:30:00Z", "2025-01-06T08:30:00Z", "2025-01-07T08:30:00Z", "2025-01-08T08:30:00Z"]),
    NextCase(name: "7 is Sunday", expression: "0 0 * * 7", zone: "UTC", after: "2025-06-01T00:00:00Z",
             expected: ["2025-06-08T00:00:00Z", "2025-06-15T00:00:00Z"]),
    NextCase(name: "@hourly", expression: "@hourly", zone: "UTC", after: "2025-06-01T10:59:59Z",
             expected: ["2025-06-01T11:00:00Z", "2025-06-01T12:00:00Z"]),
    NextCase(name: "@daily in Paris is local midnight", expression: "@daily", zone: "Europe/Paris", after: "2025-06-01T12:00:00Z",
             expected: ["2025-06-01T22:00:00Z", "2025-06-02T22:00:00Z"]),
    NextCase(name: "@weekly is Sunday midnight", expression: "@weekly", zone: "UTC", after: "2025-06-02T00:00:00Z",
             expected: ["2025-06-08T00:00:00Z"]),
    NextCase(name: "@monthly", expression: "@monthly", zone: "UTC", after: "2025-01-15T00:00:00Z",
             expected: ["2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"]),
    NextCase(name: "@yearly", expression: "@annually", zone: "UTC", after: "2025-01-01T00:00:00Z",
             expected: ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"]),
    // Europe/London: clocks go forward at 01:00 GMT on 2025-03-30 (01:00-01:59 does not exist) and back at
    // 02:00 BST on 2025-10-26 (01:00-01:59 happens twice).
    NextCase(name: "London: a slot in the skipped hour runs once, right after the gap", expression: "30 1 * * *",
             zone: "Europe/London", after: "2025-03-29T12:00:00Z",
             expected: ["2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z"]),
    NextCase(name: "London: every slot of the skipped hour collapses into one run", expression: "*/15 * * * *",
             zone: "Europe/London", after: "2025-03-30T00:40:00Z",
             expected: ["2025-03-30T00:45:00Z", "2025-03-30T01:00:00Z", "2025-03-30T01:15:00Z", "2025-03-30T01:30:00Z"]),
    NextCase(name: "London: a slot in the repeated hour runs once (first pass)", expression: "30 1 * * *",
             zone: "Europe/London", after: "2025-10-25T12:00:00Z",
             expected: ["2025-10-26T00:30:00Z", "2025-10-27T01:30:00Z"]),
    NextCase(name: "London: the repeated hour's second pass has no runs", expression: "*/20 * * * *",
             zone: "Europe/London", after: "2025-10-25T23:50:00Z",
             expected: ["2025-10-26T00:00:00Z", "2025-10-26T00:20:00Z", "2025-10-26T00:40:00Z", "2025-10-26T02:00:00Z", "2025-10-26T02:20:00Z"]),
    NextCase(name: "London: a start inside the second pass waits for the hour after it", expression: "*/20 * * * *",
             zone: "Europe/London", after: "2025-10-26T01:10:00Z",
             expected: ["2025-10-26T02:00:00Z"]),
    // America/New_York: forward at 02:00 EST on 2025-03-09, back at 02:00 EDT on 2025-11-02.
    NextCase(name: "New York: 02:30 on the spring-forward day runs at 03:00 EDT", expression: "30 2 * * *",
             zone: "America/New_York", after: "2025-03-08T12:00:00Z",
             expected: ["2025-03-09T07:00:00Z", "2025-03-10T06:30:00Z"]),
    NextCase(name: "New York: 01:30 on the fall-back day runs once, in EDT", expression: "30 1 * * *",
             zone: "America/New_York", after: "2025-11-01T12:00:00Z",
             expected: ["2025-11-02T05:30:00Z", "2025-11-03T06:30:00Z"]),
    NextCase(name: "New York: hourly skips the repeated hour's second pass", expression: "0 * * * *",
             zone: "America/New_York", after: "2025-11-02T04:30:00Z",
             expected: ["2025-11-02T05:00:00Z", "2025-11-02T07:00:00Z", "2025-11-02T08:00:00Z"]),
]

@Suite("Cron next-time computation")
struct CronNextTests {
    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test(arguments: nextTable)
    func nextRuns(_ row: NextCase) throws {
        let cron = try CronExpression(row.expression)
        let zone = try #require(TimeZone(identifier: row.zone))
        let runs = cron.nextRuns(after: Self.date(row.after), in: zone, count: row.expected.count)
        #expect(runs == row.expected.map(Self.date), "\(runs.map { ISO8601DateFormatter().string(from: $0) })")
    }
}
