import CatalogModel
import CatalogStore
import Export
import Foundation
import Testing

/// DCAT-US requires a description, keywords, a publisher and a contact e-mail of every dataset. A record that lacks
/// them takes them from the other records of its dataset, else from itself (its title, its source), and the contact
/// from `--contact-email`; without one the gap is counted and the schema check says what is missing.
@Suite struct DataJSONRequiredTests {
    /// A record with a title and nothing else DCAT-US requires.
    static func bare(_ source: String, _ id: String, title: String, identifier: String) -> CatalogRecord {
        var record = CatalogRecord(id: RecordID.make(source: source, local: id), title: LocalizedText(title),
                                   provenance: Provenance(sourceID: source, kind: "ckan", originalID: id, harvestedAt: FixtureCatalogue.harvestTime))
        record.identifiers = [Identifier(identifier, scheme: "doi")]
        record.modified = CatalogDate(raw: "2024-05-01", iso: "2024-05-01")
        return record
    }

    static func store() throws -> CatalogStore {
        let store = try FixtureCatalogue.emptyStore()
        try FixtureCatalogue.harvest(store, source: "harbour", kind: "ckan",
                                     records: [bare("harbour", "tides", title: "Tide gauges", identifier: "10.5555/tides")], at: FixtureCatalogue.harvestTime)
        // The same dataset (same DOI) on a second portal that knows its contact and keywords.
        var copy = bare("coast", "tides-copy", title: "Tide gauges", identifier: "10.5555/tides")
        copy.contactPoint = Contact(name: "Coastal desk", email: "coast@example.org")
        copy.keywords = ["tides", "sea level"]
        try FixtureCatalogue.harvest(store, source: "coast", kind: "ckan", records: [copy], at: FixtureCatalogue.harvestTime)
        try FixtureCatalogue.harvest(store, source: "lonely", kind: "ckan",
                                     records: [bare("lonely", "wells", title: "Wells", identifier: "10.5555/wells")], at: FixtureCatalogue.harvestTime)
        return store
    }

    static func datasets(_ text: String) throws -> [String: [String: Any]] {
        let catalogue = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let list = try #require(catalogue["dataset"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["title"] as? String ?? "", $0) })
    }

    @Test func missingFieldsComeFromTheDatasetsOtherRecordsThenFromItself() throws {
        let store = try Self.store()
        var reader = try ExportReader(store: store)
        let sink = MemorySink()
        try ExporterRegistry.exporter(for: "datajson").write(reader, to: sink)
        let datasets = try Self.datasets(sink.text)
        let tides = try #require(datasets["Tide gauges"])
        #expect((tides["contactPoint"] as? [String: Any])?["hasEmail"] as? String == "mailto:coast@example.org")
        #expect(tides["keyword"] as? [String] == ["tides", "sea level"])
        #expect(tides["description"] as? String == "Tide gauges")
        let wells = try #require(datasets["Wells"])
        #expect(wells["keyword"] as? [String] == ["lonely"])
        #expect((wells["publisher"] as? [String: Any])?["name"] as? String == "lonely")
        #expect(wells["contactPoint"] == nil)
        #expect(reader.gaps.byField == ["contactPoint.hasEmail": 1])

        reader = try ExportReader(store: store)
        reader.contactEmail = "opendata@aggregator.example"
        let filled = MemorySink()
        try ExporterRegistry.exporter(for: "datajson3").write(reader, to: filled)
        let wells3 = try #require(try Self.datasets(filled.text)["Wells"])
        #expect((wells3["contactPoint"] as? [String: Any])?["hasEmail"] as? String == "mailto:opendata@aggregator.example")
        #expect(reader.gaps.byField.isEmpty)
    }

    @Test func theCompletedCatalogueValidatesAndTheGapIsWhatTheSchemaFlags() throws {
        guard let folder = ToolChecks.validation("dcat-us/1.1/datagov-harvester") else { return }
        let store = try Self.store()
        var reader = try ExportReader(store: store)
        reader.contactEmail = "mailto:opendata@aggregator.example"
        let complete = MemorySink()
        try ExporterRegistry.exporter(for: "datajson").write(reader, to: complete)
        let path = try FixtureCatalogue.temporaryFile(complete.text, name: "data.json")
        guard let valid = try ToolChecks.python(DataJSONValidationTests.v11Script, [path, folder]) else { return }
        #expect(valid.status == 0 && valid.output.hasSuffix("0 errors\n"), "\(valid.output)\(valid.error)")

        let gap = MemorySink()
        try ExporterRegistry.exporter(for: "datajson").write(try ExportReader(store: store), to: gap)
        let gapPath = try FixtureCatalogue.temporaryFile(gap.text, name: "data.json")
        guard let flagged = try ToolChecks.python(DataJSONValidationTests.v11Script, [gapPath, folder]) else { return }
        #expect(flagged.output.hasSuffix("1 errors\n") && flagged.output.contains("contactPoint"), "\(flagged.output)\(flagged.error)")
    }
}
