import Testing
@testable import Normalise

@Suite("ISO 8601 dates")
struct ISODateTests {
    @Test("reads every precision and writes it back canonically", arguments: [
        ("2019", "2019"),
        ("2019-03", "2019-03"),
        ("2019-03-04", "2019-03-04"),
        ("2019-03-04T10:21", "2019-03-04T10:21"),
        ("2012-05-10T21:04", "2012-05-10T21:04"),
        ("2019-03-04T10:21:33", "2019-03-04T10:21:33"),
        ("2017-08-08T16:50:26.263353", "2017-08-08T16:50:26"),
        ("2019-06-27 12:41:27", "2019-06-27T12:41:27"),
        ("2019-03-04T10:21:33Z", "2019-03-04T10:21:33Z"),
        ("2019-03-04T10:21:33.5+02:00", "2019-03-04T08:21:33Z"),
        ("2019-12-31T23:30:00-03:30", "2020-01-01T03:00:00Z"),
        ("2020-01-01T01:00:00+0200", "2019-12-31T23:00:00Z"),
        ("2020-02-29", "2020-02-29"),
    ])
    func reads(input: String, expected: String) {
        #expect(ISODate.normalise(input) == expected)
    }

    @Test("refuses what is not an ISO date", arguments: [
        "", "06/05/2009", "2019-13-01", "2019-02-30", "2021-02-29", "R/P1D", "yesterday", "2019-03-04T25:00",
        "20190304", "2019-3-4", "2019-03-04T10:21:33+15:00", "2019-03-04T10:21:33 UTC",
    ])
    func refuses(input: String) {
        #expect(ISODate.normalise(input) == nil)
    }
}
