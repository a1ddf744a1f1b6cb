public import CatalogModel

/// What a run found for one listed record, decided by comparing hashes with what is stored.
public struct StagedRecord: Sendable {
    /// How the record compares with the stored one.
    public enum Change: String, Sendable {
        case added, updated, unchanged
        /// Listed but not usable (an issue says why); the stored version, if any, is kept.
        case skipped
    }

    public var localID: String
    public var change: Change
    /// The record to write (nil when unchanged or skipped).
    public var encoded: EncodedRecord?
    /// The raw payload to keep, as stored (nil when it did not change). Compressed here, on the harvester's thread,
    /// not by the writer; the payload as fetched is not kept, so a record waiting to be written holds it once.
    let kept: KeptPayload?

    /// About what the record will write: its stored JSON and kept payload, in bytes (both as compressed).
    public var bytes: Int { (encoded?.json.storedCount ?? 0) + (kept?.bytes.count ?? 0) }

    /// `dictionary` compresses the payload: the source's, when it has one (`CompressionDictionary`).
    public init(localID: String, change: Change, encoded: EncodedRecord?, raw: RawRecord?,
                dictionary: CompressionDictionary? = nil) {
        self.localID = localID
        self.change = change
        self.encoded = encoded
        kept = raw.map { KeptPayload($0, dictionary: dictionary) }
    }
}

/// A raw payload as `raw_records` keeps it (`PayloadCodec`), with what is stored beside it.
struct KeptPayload: Sendable {
    let bytes: [UInt8]
    let codec: String?
    let payloadHash: String
    let mediaType: String
    let pageURL: String

    init(_ raw: RawRecord, dictionary: CompressionDictionary? = nil) {
        (bytes, codec) = PayloadCodec.encode(raw.payload, dictionary: dictionary)
        payloadHash = raw.payloadHash
        mediaType = raw.mediaType
        pageURL = raw.pageURL
    }
}

/// The hashes stored for a record, to tell changed from unchanged.
public struct StoredHashes: Sendable, Hashable {
    public var content: String
    public var payload: String?
}

/// What a run asked of the network, cumulative over its attempts and resumptions.
public struct FetchCounters: Sendable, Hashable, Codable {
    public var pages = 0
    public var requests = 0
    public var bytes = 0
    public var notModified = 0
    public var retries = 0
    /// Pages skipped because they had not changed (304, or the same body as last time).
    public var unchangedPages = 0

    public init() {}
}

/// One transaction's worth of a run: records, issues, remembered pages and, at a page boundary, the checkpoint.
public struct StageBatch: Sendable {
    public var records: [StagedRecord] = []
    public var issues: [RecordIssue] = []
    public var pages: [PageMemo] = []
    /// The staged records' quality scores, when the run scores as it stages.
    public var quality: [QualityRecordRow] = []
    /// Where to resume after this batch (the harvester's paging state), when the batch ends a page.
    public var checkpoint: String?
    public var counters: FetchCounters?
    /// Dictionaries trained since the last batch, written before its records (which may need them).
    public var dictionaries: [CompressionDictionary] = []

    public init() {}

    public var isEmpty: Bool { records.isEmpty && issues.isEmpty && pages.isEmpty && checkpoint == nil && dictionaries.isEmpty }
}

/// A run that was killed or failed and goes on from its checkpoint.
public struct ResumePoint: Sendable, Hashable {
    public var checkpoint: String
    public var counters: FetchCounters
    /// Records staged before the stop.
    public var staged: Int
}

/// How a run started: a new run, or the resumption of an unfinished one.
public struct RunStart: Sendable, Hashable {
    public var runID: Int64
    public var resumed: ResumePoint?
    /// The run streams its records into the catalogue as it stages them (a source's first harvest), instead of
    /// merging them all when it ends.
    public var direct = false
}

/// Record counts of a run, derived from what it staged.
public struct RunCounts: Sendable, Hashable, Codable {
    public var seen = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0

    public init() {}
}

/// How a listing ended, as the pipeline saw it.
public struct RunEnd: Sendable {
    public var listingComplete: Bool
    public var expected: Int?
    public var counters: FetchCounters
    /// Deletions are held back when they would remove more than this share of the source's records.
    public var maxDeleteFraction: Double

    public init(listingComplete: Bool, expected: Int?, counters: FetchCounters, maxDeleteFraction: Double = 0.5) {
        self.listingComplete = listingComplete
        self.expected = expected
        self.counters = counters
        self.maxDeleteFraction = maxDeleteFraction
    }
}

/// What committing a run did.
public struct RunCommit: Sendable, Hashable {
    public var status: String
    public var counts: RunCounts
    public var deleted: Int
    /// Records that were not in the listing but were kept (listing incomplete or deletions held back).
    public var keptMissing: Int
    /// Why deletions were held back, if they were.
    public var deletionsHeld: String?
    /// Issues recorded for the run, over all its resumptions.
    public var issues: Int
    /// Seconds per step of the merge (`records`, `index`, `keys`, `raw`, `deletions`, `clusters`, `cleanup`).
    public var steps: [String: Double] = [:]
}
