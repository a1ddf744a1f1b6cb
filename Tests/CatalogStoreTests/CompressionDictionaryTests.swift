@testable import CatalogStore
import Foundation
import GRDB
import Testing

@Suite("Compression dictionaries")
struct CompressionDictionaryTests {
    /// Package-like JSON that repeats keys and values from record to record, as a portal's records do.
    static func samples(_ count: Int, from first: Int = 0) -> [[UInt8]] {
        (first..<(first + count)).map { index in
            Array("""
            {"id":"\(UUID().uuidString.lowercased())","name":"dataset-\(index)","title":"Air quality station \(index % 37)",\
            "license_id":"cc-by","license_title":"Creative Commons Attribution","organization":{"name":"city-council",\
            "title":"City Council"},"notes":"Hourly readings of nitrogen dioxide and particulate matter at station \(index).",\
            "resources":[{"format":"CSV","url":"https://data.city.example/dataset/\(index)/readings.csv"}]}
            """.utf8)
        }
    }

    @Test func framesNameTheirDictionaryAndReadBackWithIt() throws {
        let dictionary = try #require(CompressionDictionary.train(Self.samples(200)))
        #expect(dictionary.id >= 32768, "Zstandard's own ids for private dictionaries")
        CompressionDictionaries.register(dictionary)
        // Kept in a catalogue too, as harvests keep theirs, should another test make the process forget it.
        let fixture = try StoreFixture()
        try fixture.store.pool.write { db in try CatalogStore.insert(dictionaries: [dictionary], sourceID: "city", at: Date(), db: db) }
        let payload = Self.samples(1, from: 5000)[0]
        let (with, codec) = PayloadCodec.encode(payload, dictionary: dictionary)
        let (without, _) = PayloadCodec.encode(payload)
        #expect(codec == "zstd")
        #expect(PayloadCodec.dictionaryID(ofFrame: with) == dictionary.id)
        #expect(PayloadCodec.dictionaryID(ofFrame: without) == 0)
        #expect(with.count < without.count)
        #expect(PayloadCodec.decode(with, codec: codec) == payload)
        #expect(PayloadCodec.decode(without, codec: codec) == payload)
    }

    @Test func aFrameWhoseDictionaryNoCatalogueHasDoesNotRead() throws {
        let dictionary = try #require(CompressionDictionary.train(Self.samples(100, from: 90_000)))
        let payload = Self.samples(1, from: 7)[0]
        let (bytes, codec) = PayloadCodec.encode(payload, dictionary: dictionary)
        // Never registered, in no catalogue: as a row copied without its dictionary.
        #expect(PayloadCodec.decode(bytes, codec: codec) == nil)
        let stored = try #require(StoredRecordJSON(Data(bytes).databaseValue))
        #expect(stored.utf8() == nil)
    }

    @Test func onlyDictionaryBytesMakeADictionary() {
        #expect(CompressionDictionary(bytes: Array("not a dictionary".utf8)) == nil)
        #expect(CompressionDictionary(bytes: []) == nil)
        #expect(CompressionDictionary.train(Self.samples(3)) == nil, "too few samples")
    }

    @Test func theTrainerTrainsOnceAfterItsRecords() {
        var trainer = DictionaryTrainer(records: 50)
        var trained: [CompressionDictionary] = []
        for sample in Self.samples(120) {
            if let dictionary = trainer.add([sample, Array(sample.reversed())]) { trained.append(dictionary) }
            if trained.isEmpty { #expect(!trainer.isDone) }
        }
        #expect(trained.count == 1)
        #expect(trained.first?.samples == 100)
        #expect(trainer.isDone)
    }

    @Test func aCatalogueLendsItsDictionariesToFramesThatNeedThem() throws {
        let fixture = try StoreFixture()
        let dictionary = try #require(CompressionDictionary.train(Self.samples(200, from: 40_000)))
        try fixture.store.pool.write { db in
            try CatalogStore.insert(dictionaries: [dictionary], sourceID: "city", at: Date(), db: db)
        }
        let json = Self.samples(1, from: 40_500)[0]
        let stored = StoredRecordJSON(utf8: json, dictionary: dictionary)
        CompressionDictionaries.forgetAll()
        // Read as another process would: the frame names the dictionary, the opened catalogue has it.
        #expect(stored.utf8() == json)
        // And in SQL, through fedcat_json.
        let text = try fixture.store.read("fedcat_json") { db in
            try String.fetchOne(db, sql: "SELECT fedcat_json(?)", arguments: [stored.databaseValue])
        }
        #expect(text == String(decoding: json, as: UTF8.self))
        #expect(try fixture.store.compressionDictionary(sourceID: "city")?.id == dictionary.id)
        #expect(try fixture.store.compressionDictionary(sourceID: "elsewhere") == nil)
    }
}
