import CatalogModel
import CatalogStore
import Foundation

/// The second half of the harvesting side, on a thread of its own: takes the records the harvester's thread mapped,
/// normalised and compared, and encodes the changed ones as the writer stores them (match keys, terms, compressed
/// JSON), compresses the payloads, scores the records, trains the source's compression dictionary, then hands
/// everything over to the writer in the order the harvester read it.
///
/// With the writer, that makes three busy threads: on two cores, the system gives each core's time to whichever is
/// ready, where two threads used to wait for each other. At 100,000 generated CKAN packages on a slow day, the
/// harvester's one thread took 29.6–37.1 s of CPU and the writer 19.3–24.4 s, in harvests of 33.8–41.4 s; split, the
/// harvesting side takes about a tenth more CPU in all, but the two cores are busy to the end: a harvest took 0.95 of
/// the time of the one before it, in the median of eight pairs (`fedcat harvest --json`, phases `gather.cpu.*`).
struct RecordEncoder {
    /// What the harvester's thread hands this one.
    enum Input: Sendable {
        /// A record mapped, normalised and compared with the stored one.
        case record(Prepared)
        /// Anything else for the writer, passed on in its place.
        case item(Item)
    }

    /// A mapped record before encoding.
    struct Prepared: Sendable {
        let record: CatalogRecord
        let content: EncodedRecord.Content
        let change: StagedRecord.Change
        let raw: RawRecord
        /// Whether the payload differs from the one stored (only then is it kept again).
        let rawChanged: Bool
        let issues: [RecordIssue]
    }

    let input: BlockingQueue<[Input]>
    let output: BlockingQueue<Item>
    /// Scores each changed record (MQA metrics) while it is in memory; nil when the run is not scored this way.
    let scoring: RunScoring?
    /// The source's compression dictionary, or nil when it has none yet.
    var dictionary: CompressionDictionary?
    /// What trains one on the run's first records when the source has none; nil when none is to be trained.
    var trainer: DictionaryTrainer?

    /// Encodes and passes on until the harvester finishes, then passes its end on with this thread's CPU time. When the
    /// writer stops taking items, the harvester is stopped too (its pushes fail), and what it still sends is dropped.
    mutating func run() {
        let cpu = ThreadCPU.seconds()
        var open = true
        while true {
            for next in input.pop() {
                switch next {
                case .record(let prepared):
                    guard open else { continue }
                    open = encode(prepared)
                case .item(.finished(let result, let counters, let harvester, _)):
                    output.finish(.finished(result, counters, cpu: harvester, encoderCPU: ThreadCPU.seconds() - cpu))
                    return
                case .item(let item):
                    guard open else { continue }
                    open = output.push(item)
                }
                if !open { input.cancel() }
            }
        }
    }

    /// Encodes one record and passes it on; false when the writer takes no more.
    private mutating func encode(_ prepared: Prepared) -> Bool {
        let record = prepared.record
        // An unchanged record is not encoded further: its keys, terms and compressed JSON are those stored. On a
        // page re-read because another record on it changed, that is most records.
        let encoded = prepared.change == .unchanged ? nil
            : EncodedRecord(record, content: prepared.content, dictionary: dictionary)
        // The staged record keeps the payload's stored bytes only, not its parsed form.
        let staged = StagedRecord(localID: record.provenance.originalID, change: prepared.change, encoded: encoded,
                                  raw: prepared.rawChanged ? prepared.raw : nil, dictionary: dictionary)
        if trainer != nil, !sample(raw: prepared.raw, json: prepared.content.bytes) { return false }
        // An unchanged record keeps its score: after the merge it takes its row from the previous run, as the
        // records of unchanged pages do (`completeQualityRows`, which scores every record again when a row is missing).
        let quality = prepared.change == .unchanged ? nil : scoring?.row(record)
        return output.push(.record(staged, prepared.issues, quality))
    }

    /// Samples a record for the source's dictionary; once trained, the dictionary is known to this process, goes to
    /// the writer ahead of the records compressed with it, and compresses the rest of the run. False when the writer
    /// takes no more.
    private mutating func sample(raw: RawRecord, json: [UInt8]) -> Bool {
        guard let trained = trainer?.add([raw.payload, json]) else {
            if trainer?.isDone == true { trainer = nil }
            return true
        }
        trainer = nil
        CompressionDictionaries.register(trained)
        dictionary = trained
        return output.push(.dictionary(trained))
    }
}
