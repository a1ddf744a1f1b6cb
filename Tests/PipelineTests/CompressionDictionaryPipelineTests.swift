import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Pipeline
import Testing

@Suite("A source's compression dictionary, through harvests")
struct CompressionDictionaryPipelineTests {
    private static func source(_ portal: TestPortal) -> SourceConfig {
        SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside", options: ["rows": "25"])
    }

    /// Every stored record JSON and payload, by record, with the dictionary each frame names (0 for none).
    private static func frames(_ store: CatalogStore) throws -> [String: (json: UInt32, payload: UInt32)] {
        try store.read("frames") { db in
            var frames: [String: (json: UInt32, payload: UInt32)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.id, r.record_json, p.payload FROM records r JOIN raw_records p USING (source_id, local_id)
                """) {
                let json: Data = (row[1] as Data?) ?? Data()
                let payload: Data = row[2]
                frames[row[0]] = (PayloadCodec.dictionaryID(ofFrame: [UInt8](json)), PayloadCodec.dictionaryID(ofFrame: [UInt8](payload)))
            }
            return frames
        }
    }

    private static func contents(_ store: CatalogStore) throws -> [String] {
        try store.read("contents") { db in
            try String.fetchAll(db, sql: "SELECT id || ' ' || content_hash || ' ' || fedcat_json(record_json) FROM records ORDER BY id")
        }
    }

    @Test func theFirstHarvestTrainsOneAndTheRecordsAfterItUseIt() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let trained = try temporaryStore()
        var runner = HarvestRunner(store: trained)
        runner.dictionarySample = 20
        let report = try runner.run(Self.source(portal))
        #expect(report.added == 120)
        let rows = try trained.read("dictionaries") { db in
            try Row.fetchAll(db, sql: "SELECT id, source_id, samples FROM compression_dictionaries")
        }
        #expect(rows.count == 1)
        let dictionary = try #require(try trained.compressionDictionary(sourceID: "lakeside"))
        #expect(rows.first?["source_id"] == "lakeside")
        #expect((rows.first?["samples"] as Int? ?? 0) >= 20)

        // The first 20 records are compressed before the dictionary exists; the other 100 with it.
        let frames = try Self.frames(trained)
        #expect(frames.count == 120)
        #expect(frames.values.filter { $0.json == dictionary.id }.count == 100)
        #expect(frames.values.filter { $0.payload == dictionary.id }.count == 100)
        #expect(frames.values.filter { $0.json == 0 && $0.payload == 0 }.count == 20)

        // The same records as a harvest without a dictionary stores, in fewer bytes.
        let plain = try temporaryStore()
        var without = HarvestRunner(store: plain)
        without.trainDictionary = false
        _ = try without.run(Self.source(portal))
        #expect(try Self.contents(trained) == Self.contents(plain))
        let record = try #require(try trained.record("lakeside/air-quality-measurements-2022"))
        #expect(record.rawPayload == (try plain.record("lakeside/air-quality-measurements-2022"))?.rawPayload)
        let stored = { (store: CatalogStore) in
            try store.read("bytes") { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT sum(length(record_json)) FROM records) + (SELECT sum(length(payload)) FROM raw_records)") ?? 0
            }
        }
        #expect(try stored(trained) < stored(plain))
        #expect(try plain.compressionDictionary(sourceID: "lakeside") == nil)
    }

    @Test func laterHarvestsKeepTheDictionaryAndPurgingTheSourceRemovesIt() throws {
        let v1 = try sampleFolder(portal: "city", packages: (0..<40).map { ("set-\($0)", "Street trees of district \($0)") })
        let v2 = try sampleFolder(portal: "city", packages: (0..<40).map { ("set-\($0)", "Street trees of district \($0), revised") })
        let portal = try TestPortal(directory: v1)
        let store = try temporaryStore()
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city", options: ["incremental": "false"])
        var runner = HarvestRunner(store: store)
        runner.dictionarySample = 10
        #expect(try runner.run(source).added == 40)
        let dictionary = try #require(try store.compressionDictionary(sourceID: "city"))
        try portal.load(v2)
        let second = try runner.run(source)
        #expect(second.updated == 40)
        let frames = try Self.frames(store)
        #expect(frames.values.allSatisfy { $0.json == dictionary.id && $0.payload == dictionary.id },
                "the merged run compresses every changed record with the source's dictionary")
        #expect(try store.read("count") { try Int.fetchOne($0, sql: "SELECT count(*) FROM compression_dictionaries") } == 1)
        #expect(try store.record("city/id-set-7")?.record.title.value == "Street trees of district 7, revised")

        _ = try store.purge(sourceID: "city")
        #expect(try store.read("count") { try Int.fetchOne($0, sql: "SELECT count(*) FROM compression_dictionaries") } == 0)
    }
}
