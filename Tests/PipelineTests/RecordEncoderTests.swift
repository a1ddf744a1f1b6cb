import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Harvesters
import Testing
@testable import Pipeline

@Suite("The encoder's thread between harvester and writer")
struct RecordEncoderTests {
    static func prepared(_ n: Int, change: StagedRecord.Change = .added) -> RecordEncoder.Prepared {
        let local = "set-\(n)"
        var record = CatalogRecord(id: RecordID.make(source: "city", local: local), title: LocalizedText("Street trees \(n)"),
                                   provenance: Provenance(sourceID: "city", kind: "ckan", originalID: local, harvestedAt: Date()))
        record.keywords = ["trees", "district \(n % 3)"]
        record.description = LocalizedText(String(repeating: "Every street tree the city planted and keeps, with its species and height. ", count: 4))
        var distribution = Distribution(accessURL: "https://files.example/\(local).csv")
        distribution.format = "CSV"
        record.distributions = [distribution]
        let raw = RawRecord(localID: local, payload: Array("{\"id\":\"\(local)\",\"title\":\"Street trees \(n)\"}".utf8),
                            mediaType: "application/json", pageURL: "https://city.example/api/3/action/package_search",
                            location: "/result/results/\(n)")
        return RecordEncoder.Prepared(record: record, content: EncodedRecord.Content(record), change: change, raw: raw,
                                      rawChanged: change != .unchanged, issues: [])
    }

    static func page(_ number: Int) -> RecordEncoder.Input {
        .item(.page(PageReport(number: number, url: "https://city.example/page/\(number)", expectedTotal: nil), FetchCounters()))
    }

    static let end = RecordEncoder.Input.item(.finished(.success(GatherOutcome(complete: true, expectedTotal: nil, pages: 2)), FetchCounters(), cpu: 1.5, encoderCPU: 0))

    /// Runs an encoder over `chunks` on a thread of its own, as a harvest does, and returns what it handed on.
    static func run(_ chunks: [[RecordEncoder.Input]], scoring: RunScoring? = nil, trainer: DictionaryTrainer? = nil,
                    outputCapacity: Int = 1000) -> [Item] {
        let input = BlockingQueue<[RecordEncoder.Input]>(capacity: 2)
        let output = BlockingQueue<Item>(capacity: outputCapacity)
        let encoder = RecordEncoder(input: input, output: output, scoring: scoring, dictionary: nil, trainer: trainer)
        Thread {
            var encoder = encoder
            encoder.run()
        }.start()
        for chunk in chunks { _ = input.push(chunk) }
        var items: [Item] = []
        while true {
            let item = output.pop()
            items.append(item)
            if case .finished = item { return items }
        }
    }

    @Test func handsEverythingOnInTheHarvestersOrderEncodingOnlyChangedRecords() {
        let chunks: [[RecordEncoder.Input]] = [
            [.record(Self.prepared(0)), .record(Self.prepared(1, change: .unchanged)), Self.page(1)],
            [.item(.unchanged(["set-7", "set-8"])), .record(Self.prepared(2, change: .updated)), Self.page(2)],
            [Self.end],
        ]
        let items = Self.run(chunks, scoring: RunScoring(sourceID: "city", startedAt: Date()))
        let shape = items.map { item -> String in
            switch item {
            case .record(let staged, _, let quality):
                return "\(staged.localID):\(staged.change.rawValue):\(staged.encoded == nil ? "plain" : "encoded"):\(quality == nil ? "unscored" : "scored")"
            case .page(let report, _): return "page \(report.number)"
            case .unchanged(let ids): return "unchanged \(ids.joined(separator: ","))"
            case .issue: return "issue"
            case .dictionary: return "dictionary"
            case .finished: return "finished"
            }
        }
        #expect(shape == [
            "set-0:added:encoded:scored", "set-1:unchanged:plain:unscored", "page 1",
            "unchanged set-7,set-8", "set-2:updated:encoded:scored", "page 2", "finished",
        ])
        // The end carries the harvester's CPU time as it came and the encoder's own.
        guard case .finished(_, _, let harvester, let encoder) = items.last else { Issue.record("no end"); return }
        #expect(harvester == 1.5)
        #expect(encoder > 0)
    }

    @Test func trainsTheDictionaryAndHandsItOnBeforeTheRecordsCompressedWithIt() throws {
        let records = (0..<60).map { RecordEncoder.Input.record(Self.prepared($0)) }
        let items = Self.run([Array(records[..<30]), Array(records[30...]), [Self.end]], trainer: DictionaryTrainer(records: 20))
        let at = try #require(items.firstIndex { if case .dictionary = $0 { return true } else { return false } })
        guard case .dictionary(let dictionary) = items[at] else { return }
        #expect(items.filter { if case .dictionary = $0 { return true } else { return false } }.count == 1)
        // The records sampled (the last of them follows it) were compressed without it; every later record with it.
        for (index, item) in items.enumerated() {
            guard case .record(let staged, _, _) = item, let json = staged.encoded?.json else { continue }
            guard case .blob(let frame) = json.databaseValue.storage else { Issue.record("\(staged.localID) not compressed"); continue }
            let id = PayloadCodec.dictionaryID(ofFrame: [UInt8](frame))
            #expect(id == (index > at + 1 ? dictionary.id : 0), "record \(staged.localID) at \(index)")
        }
    }

    @Test func aWriterThatStopsStopsTheHarvesterAndTheEndStillArrives() {
        let input = BlockingQueue<[RecordEncoder.Input]>(capacity: 1)
        let output = BlockingQueue<Item>(capacity: 1)
        output.cancel()
        let encoder = RecordEncoder(input: input, output: output, scoring: nil, dictionary: nil, trainer: nil)
        Thread {
            var encoder = encoder
            encoder.run()
        }.start()
        // The harvester's pushes fail once the encoder finds the writer gone; its end is still passed on.
        var accepted = 0
        for n in 0..<50 where input.push([.record(Self.prepared(n))]) { accepted += 1 }
        input.finish([Self.end])
        var ended = false
        while !ended { if case .finished = output.pop() { ended = true } }
        #expect(accepted < 50)
        #expect(input.isCancelled)
    }
}
