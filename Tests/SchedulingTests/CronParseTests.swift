import Foundation
import Scheduling
import Testing

@Suite("Cron expressions that cannot be used")
struct CronParseTests {
    @Test(arguments: [
        ("61 * * * *", "The minute field '61' is outside 0-59."),
        ("* 24 * * *", "The hour field '24' is outside 0-23."),
        ("* * 0 * *", "The day-of-month field '0' is outside 1-31."),
        ("* * * 13 *", "The month field '13' is outside 1-12."),
        ("* * * * 8", "The day-of-week field '8' is outside 0-7."),
        ("0 0 * FOO *", "The month field 'FOO' is not a number or a name (JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC)."),
        ("*/0 * * * *", "The minute field '*/0' is not usable: the step '0' must be a whole number above 0."),
        ("30-10 * * * *", "The minute field '30-10' is not usable: the range '30-10' runs backwards."),
        ("1,,2 * * * *", "The minute field '1,,2' is not usable: it has an empty list item."),
        ("0 0 * *", "The cron expression '0 0 * *' has 4 fields; it needs 5 (minute hour day-of-month month day-of-week) or one of @hourly, @daily, @weekly, @monthly, @yearly."),
        ("@reboot", "The cron expression '@reboot' is not one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually."),
        ("0 0 30 2 *", "The cron expression '0 0 30 2 *' never runs: day 30 does not exist in month 2 (at most 29 days)."),
    ])
    func refused(_ expression: String, _ message: String) {
        #expect(throws: CronError.self) { try CronExpression(expression) }
        do { _ = try CronExpression(expression) } catch { #expect(error.description == message) }
    }

    @Test func macrosAndFieldsAgree() throws {
        let zone = TimeZone(identifier: "Europe/London")!
        let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
        for (macro, fields) in [("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"),
                                ("@weekly", "0 0 * * 0"), ("@monthly", "0 0 1 * *"), ("@yearly", "0 0 1 1 *")] {
            #expect(try CronExpression(macro).nextRuns(after: start, in: zone, count: 5)
                    == CronExpression(fields).nextRuns(after: start, in: zone, count: 5), "\(macro)")
        }
    }
}
