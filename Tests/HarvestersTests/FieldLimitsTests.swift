import CatalogModel
import FeedParsing
import Foundation
import Testing
@testable import Harvesters

@Suite("Oversized fields")
struct FieldLimitsTests {
    /// A WKT polygon of about `bytes` bytes, in the shape data.json files publish (`POLYGON ((x y, …))`).
    static func polygon(bytes: Int) -> String {
        var points: [String] = []
        var length = 0
        var index = 0
        while length < bytes {
            let point = "-\(70 + index % 10).\(100_000 + index) \(40 + index % 7).\(200_000 + index)"
            points.append(point)
            length += point.utf8.count + 2
            index += 1
        }
        return "POLYGON ((\(points.joined(separator: ", ")), \(points[0])))"
    }

    @Test func aHugeGeometryIsDroppedAndTenThousandDistributionsAreCutWhileThePageGoesOn() throws {
        let distributions = (0..<10_000).map { #"{"@type": "dcat:Distribution", "downloadURL": "https://agency.example/files/\#($0).csv", "mediaType": "text/csv"}"# }
        let text = """
        {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [
          {"identifier": "huge-shape", "title": "Parcels", "spatial": "\(Self.polygon(bytes: 300_000))", "keyword": ["parcels"]},
          {"identifier": "many-files", "title": "Daily files", "distribution": [\(distributions.joined(separator: ","))]},
          {"identifier": "plain", "title": "Plain", "spatial": "-77.1,38.8,-76.9,39.0"}]}
        """
        let (records, all, count) = try DataJSONTests.map(Array(text.utf8))
        // The datasets lack fields DCAT-US requires (`DataJSONChecks`); this test is about sizes.
        let issues = all.filter { $0.code != "datajson.dataset.missing-required" }
        #expect(count == 3)
        #expect(records.map(\.id) == ["agency/huge-shape", "agency/many-files", "agency/plain"])
        #expect(records[0].spatial.isEmpty)
        #expect(records[0].keywords == ["parcels"])
        #expect(records[1].distributions.count == FieldLimits.standard.maxDistributions)
        #expect(records[1].distributions.last?.downloadURL == "https://agency.example/files/999.csv")
        #expect(records[2].spatial.first?.geometry == "-77.1,38.8,-76.9,39.0")
        #expect(issues.map(\.code) == ["datajson.dataset.field-dropped", "datajson.dataset.field-cut"])
        #expect(issues.map(\.location) == ["/dataset/0/spatial", "/dataset/1/distribution"])
        #expect(issues.allSatisfy { $0.severity == .warning })
        #expect(issues[0].message.contains("dataset 'huge-shape'") && issues[0].message.contains("https://agency.example/data.json"))
        #expect(issues[1].message.contains("10000 distributions; the first 1000 were kept"))
    }

    @Test func aFloodOfIssuesOfOneCodeIsCountedNotListed() throws {
        let distributions = (0..<10_000).map { #"{"@type": "dcat:Distribution", "title": "Part \#($0)"}"# }
        let text = #"{"dataset": [{"identifier": "parts", "title": "Parts", "distribution": [\#(distributions.joined(separator: ","))]}]}"#
        let (records, all, _) = try DataJSONTests.map(Array(text.utf8))
        let issues = all.filter { $0.code != "datajson.dataset.missing-required" }
        #expect(records.first?.distributions.count == 1_000)
        let perCode = IssueCollector.maxPerCode
        #expect(issues.map(\.code) == Array(repeating: "datajson.distribution.no-url", count: perCode)
                + ["datajson.dataset.field-cut", "datajson.distribution.no-url"])
        #expect(issues.last?.message.contains("\(10_000 - perCode) more issues like the ones above were not listed") == true)
    }

    @Test func longTextsAreCutAndLongExtrasDropped() throws {
        let package: JSONValue = .object([
            "id": "p1", "title": .string(String(repeating: "Tide gauge ", count: 500)),
            "notes": .string(String(repeating: "Readings every six minutes. ", count: 20_000)),
            "extras": .array([.object(["key": "footprint", "value": .string(String(repeating: "1", count: 70_000))]),
                              .object(["key": "theme_note", "value": "coastal"])]),
        ])
        let raw = RawRecord(localID: "p1", payload: JSONWriter.write(package), mediaType: "application/json",
                            pageURL: "https://portal.example/api/3/action/package_search", location: "/result/results/4")
        let source = SourceConfig(id: "portal", kind: "ckan", url: "https://portal.example")
        let result = CKANMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
        let record = try #require(result.record)
        #expect(record.title.value.count == FieldLimits.standard.maxTitle + 1)
        #expect(record.description?.value.count == FieldLimits.standard.maxDescription + 1)
        #expect(record.extras["footprint"] == nil)
        #expect(record.extras["theme_note"] == "coastal")
        #expect(result.issues.map(\.code) == ["ckan.package.field-cut", "ckan.package.field-cut", "ckan.package.field-dropped"])
        #expect(result.issues.map(\.location) == ["/result/results/4/title", "/result/results/4/notes", "/result/results/4/extras"])
    }

    @Test func aPayloadOverTheLimitIsRefusedUnread() {
        var limits = FieldLimits()
        limits.maxPayloadBytes = 64
        let raw = RawRecord(localID: "big", payload: Array(#"{"identifier": "big", "title": "\#(String(repeating: "x", count: 100))"}"#.utf8),
                            mediaType: "application/json", pageURL: "https://agency.example/data.json", location: "/dataset/7")
        var issues = IssueCollector(sourceID: "agency", url: raw.pageURL, localID: "big", subject: "dataset")
        #expect(issues.object(from: raw, codePrefix: "datajson.dataset", limits: limits) == nil)
        #expect(issues.items.map(\.code) == ["datajson.dataset.too-large"])
        #expect(issues.items.first?.severity == .error)
        #expect(issues.items.first?.location == "/dataset/7")
    }
}
