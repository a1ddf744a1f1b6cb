import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Testing

@Suite("Raw payloads kept compressed")
struct PayloadCodecTests {
    private static let ckanPackage: [UInt8] = {
        let resource = #"{"id":"r%d","format":"CSV","url":"https://city.example/files/trees-%d.csv","name":"Trees (CSV) part %d","size":%d}"#
        let resources = (0..<40).map { String(format: resource, $0, $0, $0, 1000 * $0) }.joined(separator: ",")
        return Array(#"{"id":"trees","title":"Trees of the city, with their species","notes":"Every street tree, with ünïcödé.","resources":[\#(resources)]}"#.utf8)
    }()

    @Test func roundTripsAndShrinks() throws {
        let (stored, codec) = PayloadCodec.encode(Self.ckanPackage)
        #expect(codec == PayloadCodec.name)
        #expect(stored.count * 3 < Self.ckanPackage.count)
        #expect(PayloadCodec.decode(stored, codec: codec) == Self.ckanPackage)
    }

    @Test func smallOrIncompressiblePayloadsStayAsFetched() {
        let small = Array(#"{"id":"1"}"#.utf8)
        #expect(PayloadCodec.encode(small).codec == nil)
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = PayloadCodec.encode(noise)
        #expect(encoded.codec == nil && encoded.bytes == noise)
        #expect(PayloadCodec.decode(small, codec: nil) == small)
    }

    @Test func damagedOrUnknownStoredBytesAreRefused() {
        let (stored, codec) = PayloadCodec.encode(Self.ckanPackage)
        #expect(PayloadCodec.decode(Array(stored.prefix(stored.count / 2)), codec: codec) == nil)
        #expect(PayloadCodec.decode([0xFF, 0xFF, 0xFF, 0xFF], codec: codec) == nil)
        #expect(PayloadCodec.decode(stored, codec: "brotli") == nil)
        #expect(PayloadCodec.decode(stored, codec: "deflate") == nil)
    }

    @Test func payloadsStoredWithDeflateBeforeZstandardStillRead() throws {
        let (stored, codec) = PayloadCodec.encode(Self.ckanPackage, method: .deflate)
        #expect(codec == "deflate")
        #expect(stored.count * 3 < Self.ckanPackage.count)
        #expect(PayloadCodec.decode(stored, codec: "deflate") == Self.ckanPackage)
        #expect(PayloadCodec.decode(stored, codec: PayloadCodec.name) == nil)
    }

    @Test func compressingFromManyThreadsAtOnceGivesEachItsOwnPayload() async {
        let payloads = (0..<64).map { n in Array((String(repeating: "tree \(n) of the city; ", count: 40 + n)).utf8) }
        let results = await withTaskGroup(of: (Int, [UInt8]?).self) { group in
            for (n, payload) in payloads.enumerated() {
                group.addTask {
                    let (stored, codec) = PayloadCodec.encode(payload)
                    return (n, PayloadCodec.decode(stored, codec: codec))
                }
            }
            var out: [Int: [UInt8]?] = [:]
            for await (n, decoded) in group { out[n] = decoded }
            return out
        }
        for (n, payload) in payloads.enumerated() { #expect(results[n] == payload) }
    }

    @Test func theStoreKeepsPayloadsCompressedAndShowsThemAsFetched() throws {
        let fixture = try StoreFixture()
        let record = StoreFixture.record("trees", title: "Trees")
        let raw = RawRecord(localID: "trees", payload: Self.ckanPackage, mediaType: "application/json",
                            pageURL: "https://city.example/page", location: "/result/results/0")
        let run = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date()).runID
        try fixture.stage([StagedRecord(localID: "trees", change: .added, encoded: EncodedRecord(record), raw: raw)], run: run)
        _ = try fixture.store.commitRun(runID: run, sourceID: "city", end: RunEnd(listingComplete: true, expected: 1, counters: FetchCounters()),
                                        at: Date())
        let (size, codec) = try fixture.store.read("payload") { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT length(payload), payload_codec FROM raw_records WHERE local_id = 'trees'"))
            return (row[0] as Int, row[1] as String?)
        }
        #expect(codec == PayloadCodec.name)
        #expect(size < Self.ckanPackage.count / 3)
        let stored = try #require(try fixture.store.record("city/trees"))
        #expect(stored.rawPayload == Self.ckanPackage)
        #expect(stored.record.provenance.rawHash == raw.payloadHash)
    }
}
