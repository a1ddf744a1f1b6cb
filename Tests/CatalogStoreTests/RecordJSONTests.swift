import CatalogModel
@testable import FeedParsing
import Foundation
import Testing
@testable import CatalogStore

@Suite("Stored record JSON")
struct RecordJSONTests {
    /// A record with every field set, including text that needs escaping.
    static func fullRecord() -> CatalogRecord {
        var r = CatalogRecord(id: "city/1", title: LocalizedText("Qualité \"de\" l'air\n", variants: ["fr": "Qualité", "en": "Air"]),
                              provenance: Provenance(sourceID: "city", kind: "ckan", originalID: "1", originalURL: "https://c.example/dataset/1",
                                                     harvestedAt: Date(timeIntervalSince1970: 1_700_000_123), contentHash: "abc", rawHash: "def"))
        r.identifiers = [Identifier("1", scheme: "ckan-id"), Identifier("doi:10.1/x")]
        r.description = LocalizedText("Tab\there, backslash \\ and emoji 🌳")
        r.keywords = ["air", "NO₂"]
        r.themes = [Concept(uri: "http://x.example/ENVI", label: "Environment", scheme: "eu"), Concept(label: "Health")]
        r.publisher = Agent(name: "City", uri: "https://c.example/org", identifier: "city", email: "a@c.example", homepage: "https://c.example")
        r.publisher?.matchKey = "city"
        r.note("license", raw: "cc-by", value: "CC-BY-4.0", rule: "licence.ckan-id")
        r.creator = Agent(name: "Team")
        r.contactPoint = Contact(name: "Desk", email: "d@c.example", phone: "+1", url: "https://c.example/contact")
        r.license = LicenseRef(raw: "cc-by", title: "CC BY", uri: "https://creativecommons.org/licenses/by/4.0/", spdx: "CC-BY-4.0")
        r.license?.euURI = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
        r.license?.label = "Creative Commons Attribution 4.0 International"
        r.accessRights = Concept(uri: "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
        r.issued = CatalogDate(raw: "2019", iso: "2019")
        r.modified = CatalogDate(raw: "yesterday")
        r.temporal = [TemporalCoverage(start: CatalogDate(raw: "2020-01-01", iso: "2020-01-01")), TemporalCoverage(end: CatalogDate(raw: "2021"))]
        r.spatial = [SpatialCoverage(geometry: #"{"type":"Point","coordinates":[1,2]}"#, label: "Centre", uri: "https://geo.example/1")]
        r.spatial[0].bbox = BoundingBox(west: -1.5, south: 50.25, east: 2, north: 51.125)
        r.languages = ["en", "fr"]
        r.landingPage = "https://c.example/air"
        r.frequency = Concept(label: "monthly")
        r.version = "2.0"
        var d = Distribution(id: "r1", title: "CSV", accessURL: "https://c.example/a.csv")
        d.description = "All readings"
        d.downloadURL = "https://c.example/a.csv"
        d.format = "CSV"
        d.mediaType = "text/csv"
        d.fileType = "http://publications.europa.eu/resource/authority/file-type/CSV"
        d.byteSize = 10_004_794_304
        d.license = LicenseRef(raw: "cc-by")
        d.issued = CatalogDate(raw: "2020-01-01", iso: "2020-01-01")
        d.modified = CatalogDate(raw: "2020-02-01")
        r.distributions = [d, Distribution()]
        r.extras = ["custom": "value", "ünïcode": "✓"]
        return r
    }

    @Test func decodesBackToTheSameRecord() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for record in [Self.fullRecord(), CatalogRecord(id: "a/b", title: LocalizedText("Bare"),
                                                        provenance: Provenance(sourceID: "a", kind: "ckan", originalID: "b", harvestedAt: Date(timeIntervalSince1970: 0)))] {
            let bytes = RecordJSON.encode(record)
            let decoded = try decoder.decode(CatalogRecord.self, from: Data(bytes))
            #expect(decoded == record)
        }
    }

    @Test func agreesWithJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let record = Self.fullRecord()
        let ours = try JSONParser.parse(RecordJSON.encode(record))
        let foundation = try JSONParser.parse([UInt8](encoder.encode(record)))
        #expect(ours == foundation)
    }

    /// Objects are built in key order, so the writer has nothing to sort (the extras and language variants, which
    /// are dictionaries, excepted); the written bytes are the same either way.
    @Test func objectsAreBuiltInKeyOrder() {
        func check(_ value: JSONValue, at path: String) {
            switch value {
            case .object(let object):
                if !path.hasSuffix("/extras") && !path.hasSuffix("/variants") {
                    #expect(JSONOutput.isSorted(object.members), "\(path): \(object.members.map(\.key))")
                }
                for member in object.members { check(member.value, at: path + "/" + member.key) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { check(element, at: "\(path)/\(index)") }
            default:
                break
            }
        }
        check(RecordJSONTree.value(Self.fullRecord()), at: "")
    }

    /// The direct writer gives the bytes of the tree written with sorted keys, for records with every field, none, and
    /// the dictionaries in several orders; content hashes of stored records depend on it.
    @Test func theDirectWriterWritesTheTreesBytes() {
        func tree(_ record: CatalogRecord) -> [UInt8] { JSONWriter.write(RecordJSONTree.value(record), options: .init(sortedKeys: true)) }
        var records = [Self.fullRecord(),
                       CatalogRecord(id: "a/b", title: LocalizedText("Bare"),
                                     provenance: Provenance(sourceID: "a", kind: "ckan", originalID: "b", harvestedAt: Date(timeIntervalSince1970: 0)))]
        var many = Self.fullRecord()
        many.extras = Dictionary(uniqueKeysWithValues: (0..<40).map { ("k\($0 * 7 % 40)\u{e9}", "v\($0)\t") } + [("Z", "upper"), ("", "empty")])
        many.title = LocalizedText("T", variants: ["de": "D", "en": "E", "fr": "F", "en-GB": "G", "zh": "汉"])
        many.spatial[0].bbox = BoundingBox(west: 1e20, south: -0.1, east: 1e-7, north: 43008)
        many.distributions[0].byteSize = -1
        records.append(many)
        var empty = Self.fullRecord()
        empty.distributions = []
        empty.extras = [:]
        empty.title = LocalizedText("")
        records.append(empty)
        for record in records { #expect(RecordJSON.encode(record) == tree(record)) }
    }

    @Test func equalRecordsGiveEqualHashesAndHarvestTimeDoesNotCount() {
        var later = Self.fullRecord()
        later.provenance.harvestedAt = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(EncodedRecord(later).contentHash == EncodedRecord(Self.fullRecord()).contentHash)
        var changed = Self.fullRecord()
        changed.keywords.append("pm10")
        #expect(EncodedRecord(changed).contentHash != EncodedRecord(Self.fullRecord()).contentHash)
    }
}
