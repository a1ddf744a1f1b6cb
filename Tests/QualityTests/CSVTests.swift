import Quality
import Testing

@Suite("Issues as CSV")
struct CSVTests {
    @Test func fieldsAreQuotedAsRFC4180Says() {
        let issues = [
            PublisherIssue(code: "quality.licence", severity: "warning", record: "trees", location: "license",
                           message: "The dataset has no licence (dct:license).", url: "https://city.example/dataset/trees"),
            PublisherIssue(code: "date.unreadable", severity: "info", record: "a,b", location: nil,
                           message: "Said \"soon\"\nthen nothing", url: nil),
        ]
        #expect(PublisherIssue.csv(issues) == "code,severity,record,location,message,url\r\n"
                + "quality.licence,warning,trees,license,The dataset has no licence (dct:license).,https://city.example/dataset/trees\r\n"
                + "date.unreadable,info,\"a,b\",,\"Said \"\"soon\"\"\nthen nothing\",\r\n")
    }
}
