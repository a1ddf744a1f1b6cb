import CatalogModel
import FeedParsing
import Foundation
import Testing
import TestSupport
@testable import Harvesters

@Suite("CKAN JSON inside strings")
struct CKANEmbeddedJSONTests {
    static let source = SourceConfig(id: "alpine", kind: "ckan", url: "https://alpine.example")

    static func map(_ package: String, location: String = "/result") throws -> MappingResult {
        let raw = RawRecord(localID: nil, payload: Array(package.utf8), mediaType: "application/json",
                            pageURL: "https://alpine.example/api/3/action/package_show?id=x", location: location)
        return CKANMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
    }

    /// The shape EnviDat publishes: scheming composite fields saved as JSON text.
    @Test func compositeFieldsWrittenAsTextAreDecoded() throws {
        let package = #"""
        {"id": "5f2a", "name": "snow-depth", "title": "Snow depth at the pass",
         "author": "[{\"affiliation\": \"Snow Institute\", \"email\": \"ana@snow.example\", \"given_name\": \"Ana\", \"identifier\": \" 0000-0002-1825-0097\", \"name\": \"Berg\"}, {\"given_name\": \"Luc\", \"name\": \"Roth\", \"email\": \"\"}]",
         "maintainer": "{\"affiliation\": \"Snow Institute\", \"email\": \"data@snow.example\", \"given_name\": \"\", \"identifier\": \"\", \"name\": \"Data desk \"}",
         "date": "[{\"date\": \"2021-03-01\", \"date_type\": \"created\", \"end_date\": \"\"}, {\"date\": \"2019-11-01\", \"date_type\": \"collected\", \"end_date\": \"2020-04-30\"}]",
         "publication": "{\"publication_year\": \"2021\", \"publisher\": \"Alpine Data\"}",
         "spatial": "{\"type\": \"Point\", \"coordinates\": [9.83, 46.8]}",
         "metadata_created": "2021-03-05T10:00:00", "metadata_modified": "2022-01-01T00:00:00",
         "extras": [{"key": "dataset-reference-date", "value": "[{\"type\": \"revision\", \"value\": \"2021-09-09T00:00:00\"}]"}],
         "resources": [{"id": "r1", "name": "depth.csv", "url": "https://alpine.example/depth.csv", "format": "CSV",
                        "resource_size": "{\"size_value\":\"180.5\",\"size_units\":\"kb\"}", "restricted": "{\"level\": \"public\", \"allowed_users\": \"\"}"},
                       {"id": "r2", "name": "big.zip", "url": "https://alpine.example/big.zip", "size": 10004794304,
                        "resource_size": "{\"size_units\":\"kb\",\"size_value\":\"\"}"}]}
        """#
        let result = try Self.map(package)
        let record = try #require(result.record)
        #expect(result.issues.isEmpty)
        #expect(record.creator == Agent(name: "Ana Berg", identifier: "0000-0002-1825-0097", email: "ana@snow.example"))
        #expect(record.extras["creators"] == "Ana Berg; Luc Roth")
        #expect(record.contactPoint == Contact(name: "Data desk", email: "data@snow.example"))
        #expect(record.issued?.raw == "2021-03-01")
        #expect(record.modified?.raw == "2021-09-09T00:00:00")
        #expect(record.temporal == [TemporalCoverage(start: CatalogDate(raw: "2019-11-01"), end: CatalogDate(raw: "2020-04-30"))])
        #expect(record.spatial.first?.geometry == #"{"type": "Point", "coordinates": [9.83, 46.8]}"#)
        #expect(record.distributions.map(\.byteSize) == [184_832, 10_004_794_304])
    }

    @Test func contactListsAndPublishersInStringsAndISOParties() throws {
        let package = #"""
        {"id": "p2", "title": "Tide gauges",
         "contact_points": "[{\"fn\": \"Harbour office\", \"hasEmail\": \"mailto:tides@harbour.example\"}]",
         "publisher": "{\"name\": \"Harbour Authority\", \"uri\": \"https://harbour.example/org\"}",
         "author": "[]", "maintainer": "{\"name\": \"\", \"email\": \"\"}",
         "extras": [{"key": "responsible-party", "value": "[{\"name\": \"Survey Office\", \"roles\": [\"owner\", \"custodian\"]}]"}]}
        """#
        let record = try #require(try Self.map(package).record)
        #expect(record.contactPoint == Contact(name: "Harbour office", email: "tides@harbour.example"))
        #expect(record.publisher == Agent(name: "Harbour Authority", uri: "https://harbour.example/org"))
        #expect(record.creator == nil)
        let party = try #require(try Self.map(#"{"id": "p3", "title": "T", "extras": [{"key": "responsible-party", "value": "[{\"name\": \"Survey Office\", \"roles\": [\"owner\"]}]"}]}"#).record)
        #expect(party.publisher?.name == "Survey Office")
    }

    @Test func theEnviDatRecordingsMapTheirAuthorsAndDates() throws {
        guard Corpus.directory != nil else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        let show = try JSONParser.parse(try Corpus.bytes("ckan/envidat_package_show.json"))
        let result = try Self.map(JSONWriter.string(try #require(show["result"])))
        let record = try #require(result.record)
        #expect(record.creator.map { !$0.name.contains("{") } == true)
        #expect(record.contactPoint?.email == "data@slf.ch")
        #expect(record.contactPoint?.name == "Avalanche Warning Service SLF")
        #expect(record.temporal.contains { $0.start?.raw == "2023-06-09" })
        #expect(record.distributions.allSatisfy { $0.byteSize != nil })
        let search = try JSONParser.parse(try Corpus.bytes("ckan/envidat_package_search.json"))
        for (index, package) in (search["result"]?["results"]?.array ?? []).enumerated() {
            let mapped = try #require(try Self.map(JSONWriter.string(package), location: "/result/results/\(index)").record)
            #expect(mapped.creator.map { !$0.name.hasPrefix("[") } == true)
            #expect(mapped.contactPoint?.email?.contains("@") == true)
            #expect(mapped.issued?.raw.hasPrefix("20") == true)
        }
    }
}
