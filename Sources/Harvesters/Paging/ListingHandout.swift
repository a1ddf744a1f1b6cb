import CatalogModel
import Fetch
import FeedParsing

/// Hands a listing's records to a sink, skipping a record whose id was already handed over.
struct ListingHandout {
    let sourceID: String
    /// The duplicate issue's code (`ckan.paging.duplicate`) and what a record is called (`package`, `dataset`).
    let duplicateCode: String
    let noun: String
    let mediaType: String
    private(set) var seen = Set<String>()

    init(sourceID: String, duplicateCode: String, noun: String, mediaType: String = "application/json") {
        self.sourceID = sourceID
        self.duplicateCode = duplicateCode
        self.noun = noun
        self.mediaType = mediaType
    }

    /// Emits each record (`ids[i]` is the id of `records[i]`, empty when it has none), or, for an unchanged
    /// page, its ids as unchanged. `page` is nil for a source that is one document.
    mutating func hand(_ records: [(pointer: String, value: JSONValue)]?, ids: [String], url: String, page: Int?,
                       into sink: any HarvestSink) throws(HarvestError) {
        // The parsed value goes along with its bytes, so the mapper does not parse the record again.
        try hand(preparsed: records?.lazy.map { (pointer: $0.pointer, payload: JSONWriter.write($0.value), preparsed: $0.value) },
                 ids: ids, url: url, page: page, into: sink)
    }

    /// The same for records already in their stored form (N-Triples of a DCAT dataset, an XML element).
    mutating func hand(payloads records: (some Sequence<(pointer: String, payload: [UInt8])>)?, ids: [String], url: String, page: Int?,
                       into sink: any HarvestSink) throws(HarvestError) {
        try hand(preparsed: records?.lazy.map { (pointer: $0.pointer, payload: $0.payload, preparsed: nil) }, ids: ids, url: url,
                 page: page, into: sink)
    }

    /// The same with what the harvester already parsed of each record, for its mapper (`RawRecord.preparsed`).
    mutating func hand(preparsed records: (some Sequence<(pointer: String, payload: [UInt8], preparsed: (any Sendable)?)>)?,
                       ids: [String], url: String, page: Int?, into sink: any HarvestSink) throws(HarvestError) {
        guard let records else { return try handUnchanged(ids: ids, into: sink) }
        for (index, record) in records.enumerated() {
            try hand(record, id: ids[index], url: url, page: page, into: sink)
        }
    }

    /// Hands over the ids of an unchanged page's records.
    mutating func handUnchanged(ids: [String], into sink: any HarvestSink) throws(HarvestError) {
        seen.formUnion(ids)
        try sink.unchanged(localIDs: ids.filter { !$0.isEmpty })
    }

    /// Hands one record over; false (and an issue) when its id was already handed over.
    @discardableResult
    mutating func hand(_ record: (pointer: String, payload: [UInt8], preparsed: (any Sendable)?), id: String, url: String, page: Int?,
                       into sink: any HarvestSink) throws(HarvestError) -> Bool {
        if !id.isEmpty && !seen.insert(id).inserted {
            let message = page.map { "\(noun) '\(id)' appears a second time in the listing (page \($0)); the second copy was ignored." }
                ?? "the identifier '\(id)' is used by more than one \(noun); the one at \(record.pointer) was ignored."
            sink.issue(RecordIssue(code: duplicateCode, severity: page == nil ? .warning : .info,
                                   message: "Source '\(sourceID)' (\(url)): \(message)",
                                   location: record.pointer, localID: id, url: url))
            return false
        }
        try sink.record(RawRecord(localID: id.isEmpty ? nil : id, payload: record.payload,
                                  mediaType: mediaType, pageURL: url, location: record.pointer, preparsed: record.preparsed))
        return true
    }

    func contains(_ id: String) -> Bool { seen.contains(id) }
}
