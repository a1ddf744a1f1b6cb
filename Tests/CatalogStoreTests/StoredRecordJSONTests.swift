import CatalogModel
@testable import CatalogStore
import Foundation
import GRDB
import Testing

/// The record JSON is stored compressed (a Zstandard BLOB) when that makes it smaller; rows an older fedcat wrote as
/// TEXT are read the same, by Swift and by SQL (`fedcat_json`).
@Suite("Record JSON stored compressed")
struct StoredRecordJSONTests {
    /// A record the size of a CKAN package's: descriptions, several distributions, notes.
    static func fullRecord(_ id: String) -> CatalogRecord {
        var record = StoreFixture.record(id, title: "Street trees \(id)",
                                         description: String(repeating: "Every street tree of the city with its species and height. ", count: 12),
                                         keywords: ["trees", "environment", "urban"])
        record.distributions = (0..<4).map { index in
            var distribution = Distribution(accessURL: "https://files.city.example/trees/\(id)-\(index).csv")
            distribution.title = "Street trees, part \(index)"
            distribution.format = "CSV"
            distribution.mediaType = "text/csv"
            return distribution
        }
        record.license = LicenseRef(raw: "cc-by", spdx: "CC-BY-4.0")
        return record
    }

    func columnTypes(_ store: CatalogStore) throws -> [String: String] {
        try store.read("test") { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT local_id, typeof(record_json) AS t FROM records").map {
                ($0["local_id"] as String, $0["t"] as String)
            })
        }
    }

    @Test func aRecordIsStoredCompressedAndReadBackWithTheHashOfItsJSON() throws {
        let fixture = try StoreFixture()
        let record = Self.fullRecord("1")
        let encoded = EncodedRecord(record)
        let json = RecordJSONBytes.of(record)
        #expect(encoded.json.storedCount * 2 < json.count, "\(encoded.json.storedCount) bytes stored for \(json.count) of JSON")
        #expect(encoded.json.utf8() == json)
        try fixture.harvest([record])
        #expect(try columnTypes(fixture.store) == ["1": "blob"])
        let stored = try #require(try fixture.store.record("city/1"))
        #expect(stored.record.distributions.count == 4)
        #expect(stored.record.license?.spdx == "CC-BY-4.0")
        #expect(stored.record.provenance.contentHash == encoded.contentHash)
        #expect(encoded.contentHash == ContentHash.hex(json))
    }

    @Test func aShortJSONStaysText() throws {
        let short = StoredRecordJSON(utf8: Array(#"{"title":{"value":"T"}}"#.utf8))
        #expect(short.databaseValue == #"{"title":{"value":"T"}}"#.databaseValue)
        #expect(short.utf8() == Array(#"{"title":{"value":"T"}}"#.utf8))
    }

    @Test func bothWaysOfWritingStoreCompressedJSON() throws {
        // A first harvest streamed into the catalogue, then a later one staged and merged at its end.
        let fixture = try StoreFixture()
        let run = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        #expect(run.direct)
        var streamed = Self.fullRecord("1")
        streamed.license = LicenseRef(raw: "odc-by", spdx: "ODC-By-1.0")
        var batch = StageBatch()
        batch.records = [StoreFixture.staged(streamed)]
        batch.checkpoint = "{}"
        try fixture.store.stage(runID: run.runID, sourceID: "city", batch: batch, at: Date(), direct: true)
        #expect(try fixture.store.read("test") { db in try String.fetchOne(db, sql: "SELECT license_spdx || ' ' || license_raw FROM records") }
                == "ODC-By-1.0 odc-by")
        _ = try fixture.store.commitRun(runID: run.runID, sourceID: "city",
                                        end: RunEnd(listingComplete: true, expected: 1, counters: FetchCounters()), at: Date(), direct: true)
        var changed = Self.fullRecord("1")
        changed.title = LocalizedText("Street trees, revised")
        try fixture.harvest([changed, Self.fullRecord("2")])
        #expect(try columnTypes(fixture.store) == ["1": "blob", "2": "blob"])
        // The licence columns the filters read are written both ways too.
        let licences = try fixture.store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT local_id || ' ' || license_spdx || ' ' || license_raw FROM records ORDER BY local_id")
        }
        #expect(licences == ["1 CC-BY-4.0 cc-by", "2 CC-BY-4.0 cc-by"])
        #expect(try fixture.titles() == ["Street trees, revised", "Street trees 2"])
        #expect(try fixture.store.record("city/1")?.record.title.value == "Street trees, revised")
    }

    @Test func sqlReadsTextBlobNullAndDamagedValues() throws {
        let fixture = try StoreFixture()
        let json = RecordJSONBytes.of(Self.fullRecord("1"))
        let stored = StoredRecordJSON(utf8: json)
        try fixture.store.pool.read { (db: Database) throws in
            let text = String(decoding: json, as: UTF8.self)
            #expect(try String.fetchOne(db, sql: "SELECT fedcat_json(?)", arguments: [stored.databaseValue]) == text)
            #expect(try String.fetchOne(db, sql: "SELECT fedcat_json(?)", arguments: [text]) == text)
            #expect(try String.fetchOne(db, sql: "SELECT json_extract(fedcat_json(?), '$.license.spdx')", arguments: [stored.databaseValue])
                    == "CC-BY-4.0")
            #expect(try DatabaseValue.fetchOne(db, sql: "SELECT fedcat_json(NULL)") == .null)
            #expect(try DatabaseValue.fetchOne(db, sql: "SELECT fedcat_json(x'28b52ffd0000')") == .null)
        }
    }

    @Test func aDamagedRowIsReportedByItsID() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([Self.fullRecord("1")])
        try fixture.store.pool.write { db in
            try db.execute(sql: "UPDATE records SET record_json = substr(record_json, 1, 40)")
        }
        #expect {
            _ = try fixture.store.record("city/1")
        } throws: { error in
            "\(error)" == "The stored record 'city/1' could not be read back: its compressed JSON does not decompress (a damaged row)."
        }
    }

    @Test func rowsAnOlderFedcatWroteAsTextReadTheSame() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([Self.fullRecord("1"), Self.fullRecord("2")])
        let before = try #require(try fixture.store.record("city/1"))
        try fixture.store.pool.write { db in
            try db.execute(sql: "UPDATE records SET record_json = fedcat_json(record_json) WHERE local_id = '1'")
        }
        #expect(try columnTypes(fixture.store) == ["1": "text", "2": "blob"])
        let after = try #require(try fixture.store.record("city/1"))
        #expect(after.record == before.record)
        // Found by an identifier, which SQL reads from the JSON.
        #expect(try fixture.store.record("city/name-1")?.record.id == "city/1")
    }
}

/// The JSON `EncodedRecord` hashes and stores: the record with its harvest time and hashes left out.
enum RecordJSONBytes {
    static func of(_ record: CatalogRecord) -> [UInt8] {
        var stable = record
        stable.provenance.harvestedAt = Date(timeIntervalSince1970: 0)
        stable.provenance.contentHash = ""
        stable.provenance.rawHash = ""
        return RecordJSON.encode(stable)
    }
}
