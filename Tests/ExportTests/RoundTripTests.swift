import CatalogModel
import CatalogStore
import Export
import Foundation
import Pipeline
import Testing

/// An export registered as a local source and harvested by the pipeline gives back the same datasets with the
/// same fields.
@Suite struct RoundTripTests {
    /// The fields that must survive, as comparable text.
    /// data.json has one text per field, the one shown: `multilingual` compares every language only for DCAT.
    static func fields(_ r: CatalogRecord, multilingual: Bool) -> [String: String] {
        let all = { (t: LocalizedText) in multilingual ? Set([t.value] + t.variants.values).sorted().joined(separator: "|") : t.value }
        return [
            // Every language's text: which one a reader shows first depends on the language it prefers.
            "title": all(r.title),
            "description": r.description.map(all) ?? "",
            "keywords": r.keywords.sorted().joined(separator: "|"),
            "publisher": r.publisher?.name ?? "",
            // A space is not allowed in a URL: the export writes it percent-encoded, which is the same address.
            "distributions": r.distributions.map { "\($0.downloadURL ?? $0.accessURL ?? "") \($0.fileType ?? $0.format ?? "")" }
                .sorted().joined(separator: "|").replacingOccurrences(of: " ", with: "%20"),
            "issued": r.issued?.iso ?? "",
            "modified": r.modified?.iso ?? "",
        ]
    }

    static func exportedDatasets(_ store: CatalogStore) throws -> [CatalogRecord] {
        var records: [CatalogRecord] = []
        try ExportReader(store: store).datasets { records.append($0.canonical) }
        return records
    }

    static func roundTrip(format: String, kind: String, file: String) throws {
        let original = try FixtureCatalogue.store()
        let path = try FixtureCatalogue.temporaryFile(FixtureCatalogue.export(format, store: original), name: file)
        let again = try FixtureCatalogue.emptyStore()
        let report = try HarvestRunner(store: again).run(SourceConfig(id: "again", kind: kind, url: "file://" + path, options: ["local": "true"]))
        #expect(report.status == "succeeded", "\(report)")
        var harvested: [CatalogRecord] = []
        let ids = try again.read("listing") { db in try String.fetchAll(db, sql: "SELECT id FROM records") }
        for id in ids {
            if let record = try again.record(id)?.record { harvested.append(record) }
        }
        let expected = try exportedDatasets(original)
        #expect(harvested.count == expected.count, "harvested \(harvested.map(\.id))")
        for record in expected {
            let key = record.identifiers.first?.value ?? record.provenance.originalID
            guard let back = harvested.first(where: { $0.identifiers.contains { $0.value == key } || $0.provenance.originalID == key }) else { Issue.record("'\(record.title.value)' did not come back from \(format)"); continue }
            let want = fields(record, multilingual: kind == "dcat"), got = fields(back, multilingual: kind == "dcat")
            // The same licence: the EU authority URI, SPDX id or published URI of one is one of the other's.
            let names = { (l: LicenseRef?) in Set([l?.spdx, l?.euURI, l?.uri].compactMap { $0 }) }
            #expect(names(record.license).isEmpty == names(back.license).isEmpty && (names(record.license).isEmpty || !names(record.license).isDisjoint(with: names(back.license))),
                    "\(format) \(record.id) licence: \(String(describing: record.license)) came back as \(String(describing: back.license))")
            for key in want.keys.sorted() where !(kind == "datajson" && key == "issued" && record.issued?.iso == nil) {
                #expect(got[key] == want[key], "\(format) \(record.id) \(key)")
            }
        }
    }

    @Test func turtleExportHarvestsBackAsDCAT() throws {
        try Self.roundTrip(format: "ttl", kind: "dcat", file: "catalogue.ttl")
    }

    @Test func dataJSONExportHarvestsBackAsDataJSON() throws {
        try Self.roundTrip(format: "datajson", kind: "datajson", file: "data.json")
    }
}

import GRDB
