import CatalogModel
import CatalogStore
import Fetch
import Foundation
import Harvesters
import Normalise

/// The harvesting side of a run: fetch, map, normalise, encode and compare, then hand over to the writer.
struct Producer: Sendable {
    let source: SourceConfig
    let known: [String: StoredHashes]
    let normaliser: Normaliser
    let harvestedAt: Date
    let queue: BlockingQueue<Item>

    func run() {
        let result: Result<GatherOutcome, HarvestError>
        do {
            let type: any Harvester.Type
            do { type = try HarvesterRegistry.harvesterType(for: source.kind) } catch {
                throw HarvestError.badSource(sourceID: source.id, reason: error.description)
            }
            let harvester = try type.init(source: source)
            let fetchOptions: FetchOptions
            do { fetchOptions = try FetchOptions.forSource(source) } catch {
                throw HarvestError.badSource(sourceID: source.id, reason: error.description)
            }
            let sink = Sink(producer: self, mapper: type.mapper)
            result = .success(try harvester.gather(using: Fetcher(options: fetchOptions), into: sink))
        } catch let error as HarvestError {
            result = .failure(error)
        } catch {
            result = .failure(.stopped(sourceID: source.id, reason: "\(error)"))
        }
        queue.finish(.finished(result))
    }

    /// Maps each raw record as it arrives and decides whether it changed.
    final class Sink: HarvestSink {
        let producer: Producer
        let mapper: any RecordMapper
        let context: MappingContext

        init(producer: Producer, mapper: any RecordMapper) {
            self.producer = producer
            self.mapper = mapper
            self.context = MappingContext(source: producer.source, harvestedAt: producer.harvestedAt)
        }

        func record(_ raw: RawRecord) throws(HarvestError) {
            let mapped = mapper.map(raw, context: context)
            var issues = mapped.issues
            let item: Item
            if var record = mapped.record {
                let normalised = producer.normaliser.normalise(record)
                record = normalised.0
                issues += normalised.1
                let encoded = EncodedRecord(record)
                let localID = record.provenance.originalID
                let stored = producer.known[localID]
                let change: StagedRecord.Change = stored == nil ? .added : stored!.content == encoded.contentHash ? .unchanged : .updated
                let rawChanged = stored?.payload != raw.payloadHash
                item = .record(StagedRecord(localID: localID, change: change, encoded: change == .unchanged ? nil : encoded,
                                            raw: rawChanged ? raw : nil), issues, skipped: false)
            } else if let localID = raw.localID {
                item = .record(StagedRecord(localID: localID, change: .unchanged, encoded: nil, raw: nil), issues, skipped: true)
            } else {
                item = .unidentified(issues)
            }
            try push(item)
        }

        func issue(_ issue: RecordIssue) {
            _ = producer.queue.push(.issue(issue))
        }

        func page(number: Int, url: String, expectedTotal: Int?) {
            _ = producer.queue.push(.page(number: number, expected: expectedTotal))
        }

        private func push(_ item: Item) throws(HarvestError) {
            guard producer.queue.push(item) else {
                throw .stopped(sourceID: producer.source.id, reason: "the catalogue could not be written")
            }
        }
    }
}
