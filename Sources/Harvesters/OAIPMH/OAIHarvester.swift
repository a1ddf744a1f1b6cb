public import CatalogModel
public import Fetch
import FeedParsing
import Foundation

/// Harvests an OAI-PMH 2.0 repository (Zenodo, arXiv, DSpace, Dataverse, pycsw) with ListRecords, following
/// resumption tokens. The metadata format is the source's `metadata_prefix`, else DataCite when the repository
/// offers it, else `oai_dc`. After a complete run only what changed is asked for (`from=` in the repository's
/// granularity); records whose header says `status="deleted"` are withdrawn.
public struct OAIHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "oaipmh",
        title: "OAI-PMH 2.0",
        summary: "Every record of an OAI-PMH repository through ListRecords (resumptionToken paging; DataCite or oai_dc; from= incremental harvests, deleted records withdrawn).",
        exampleURL: "https://zenodo.org/oai2d")

    public static var mapper: any RecordMapper { OAIMapper() }

    /// The formats fedcat maps, in order of preference.
    static let preferred = ["oai_datacite", "datacite", "oai_dc"]

    public let source: SourceConfig
    /// The base URL, without a query.
    public let baseURL: String
    /// `options.metadata_prefix`: the format to ask for, skipping ListMetadataFormats.
    public let metadataPrefix: String?
    /// `options.set`: the set to harvest.
    public let set: String?
    /// `options.incremental` (default true): ask only for what changed since the last complete run.
    public let incremental: Bool
    /// `options.max_pages`: a listing longer than this is stopped as a loop.
    public let maxPages: Int

    public init(source: SourceConfig) throws(HarvestError) {
        var base = source.url.trimmed
        if let cut = base.firstIndex(where: { $0 == "?" || $0 == "#" }) { base = String(base[..<cut]) }
        let lower = base.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let host = URLComponents(string: base)?.host, !host.isEmpty else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of an OAI-PMH base URL (for example \(Self.description.exampleURL)).")
        }
        do {
            incremental = try source.boolOption("incremental", default: true)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        maxPages = try source.maxPagesOption(default: 100_000)
        let prefix = source.options["metadata_prefix"]?.trimmed
        metadataPrefix = prefix?.isEmpty == false ? prefix : nil
        let set = source.options["set"]?.trimmed
        self.set = set?.isEmpty == false ? set : nil
        self.source = source
        self.baseURL = base
    }

    /// `base?verb=…&…`, every value percent-encoded (tokens hold `|`, `/`, `+`, `=`).
    func url(_ verb: String, _ arguments: [(String, String?)] = []) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = ([("verb", verb)] + arguments.compactMap { name, value in value.map { (name, $0) } })
            .map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }
            .joined(separator: "&")
        return baseURL + "?" + query
    }

    /// `from=` for an incremental harvest: the last complete run's start less an hour, in the repository's granularity.
    static func fromArgument(_ since: Date, secondsGranularity: Bool) -> String {
        let stamp = since.addingTimeInterval(-3600).formatted(.iso8601)
        return secondsGranularity ? stamp : String(stamp.prefix(10))
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor: OAICursor
        if let resumed = OAICursor(checkpoint: context.resumeFrom) {
            cursor = resumed
        } else {
            let identify = try self.identify(using: fetcher, into: sink)
            let prefix: String
            if let metadataPrefix { prefix = metadataPrefix } else { prefix = try chooseFormat(using: fetcher, into: sink) }
            let from = incremental ? context.lastCompleteRun.map { Self.fromArgument($0, secondsGranularity: identify.secondsGranularity) } : nil
            cursor = OAICursor(prefix: prefix, set: set, from: from)
        }
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "oai.paging.duplicate", noun: "record", mediaType: "application/xml")
        var tokens = Set<String>()
        var expected: Int?
        var warnedNamespace = false
        while true {
            let url = cursor.token.map { self.url("ListRecords", [("resumptionToken", $0)]) }
                ?? self.url("ListRecords", [("metadataPrefix", cursor.prefix), ("set", cursor.set), ("from", cursor.from)])
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            let response = try fetch(url, using: fetcher)
            cursor.pages += 1
            if !response.namespaced && !warnedNamespace {
                warnedNamespace = true
                sink.issue(RecordIssue(code: "oai.response.no-namespace", severity: .warning,
                                       message: "Source '\(source.id)': the response to \(url) is not in the OAI-PMH namespace (\(oaiNamespace)); it was read by element names.",
                                       url: url))
            }
            if let error = response.errors.first {
                switch error.code {
                case "noRecordsMatch":
                    try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, checkpoint: nil))
                    return try finish(cursor, handout: handout, context: context, expected: expected, into: sink)
                case "badResumptionToken" where cursor.token != nil && !cursor.restarted:
                    sink.issue(RecordIssue(code: "oai.paging.bad-resumption-token", severity: .warning,
                                           message: "Source '\(source.id)': the repository refused the resumption token at page \(cursor.pages) (\(error.message.isEmpty ? "badResumptionToken" : error.message)); the listing starts again from the first page.",
                                           url: url))
                    cursor.token = nil
                    cursor.restarted = true
                    cursor.listed = 0
                    tokens = []
                    // The records are listed again from the start: not duplicates (the store keeps the first copy).
                    handout = ListingHandout(sourceID: source.id, duplicateCode: "oai.paging.duplicate", noun: "record", mediaType: "application/xml")
                    continue
                default:
                    let text = error.message.isEmpty ? "" : ": \(error.message)"
                    throw .portalError(sourceID: source.id, url: url, message: "OAI-PMH error \(error.code)\(text)")
                }
            }
            guard response.verb == "ListRecords" else {
                throw .badResponse(sourceID: source.id, url: url, reason: "it answers \(response.verb.map { "<\($0)>" } ?? "nothing"), not <ListRecords>.")
            }
            if let total = response.token?.completeListSize { expected = total }
            cursor.listed += response.records.count
            var ids: [String] = []
            var payloads: [(pointer: String, payload: [UInt8], preparsed: (any Sendable)?)] = []
            for entry in response.records {
                guard let id = entry.header.identifier else {
                    sink.issue(RecordIssue(code: "oai.record.missing-identifier", severity: .error,
                                           message: "Source '\(source.id)' (\(url)): the record at \(entry.pointer) has no header <identifier>\(entry.header.deleted ? " (its header says it is deleted)" : ""); it was skipped.",
                                           location: entry.pointer, url: url))
                    continue
                }
                if entry.header.deleted {
                    if cursor.from != nil { cursor.deleted.append(id) }
                    continue
                }
                guard entry.hasMetadata else {
                    sink.issue(RecordIssue(code: "oai.record.missing-metadata", severity: .error,
                                           message: "Source '\(source.id)' (\(url)): record '\(id)' has no <metadata>; it was skipped.",
                                           location: entry.pointer, localID: id, url: url))
                    continue
                }
                ids.append(id)
                payloads.append((entry.pointer, entry.payload, entry.tree))
            }
            try handout.hand(preparsed: payloads, ids: ids, url: url, page: cursor.pages, into: sink)
            let next = response.token?.value ?? ""
            if !next.isEmpty && !tokens.insert(next).inserted {
                throw .paging(sourceID: source.id, url: url, reason: "the repository gave the resumption token '\(next)' a second time; the listing loops.")
            }
            cursor.token = next.isEmpty ? nil : next
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: cursor.from == nil ? expected : nil,
                                     checkpoint: next.isEmpty ? nil : cursor.json))
            if next.isEmpty {
                if let total = expected, cursor.listed < total {
                    sink.issue(RecordIssue(
                        code: "oai.paging.short-listing", severity: .warning,
                        message: "Source '\(source.id)': the repository announced completeListSize=\(total) but the listing ended after \(cursor.listed) records (page \(cursor.pages) has no resumption token); the listing is treated as incomplete and nothing will be deleted.",
                        url: url))
                    return GatherOutcome(complete: false, expectedTotal: cursor.from == nil ? expected : nil, pages: cursor.pages)
                }
                return try finish(cursor, handout: handout, context: context, expected: expected, into: sink)
            }
        }
    }

    /// A complete listing. An incremental one listed only what changed, so every record the catalogue holds that
    /// was neither listed nor deleted is reported unchanged; deleted records are left out and so withdrawn.
    private func finish(_ cursor: OAICursor, handout: ListingHandout, context: GatherContext, expected: Int?,
                        into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        guard cursor.from != nil else { return GatherOutcome(complete: true, expectedTotal: expected, pages: cursor.pages) }
        let deleted = Set(cursor.deleted)
        let kept = context.knownIDs.filter { !deleted.contains($0) && !handout.contains($0) }.sorted()
        if !kept.isEmpty { try sink.unchanged(localIDs: kept) }
        return GatherOutcome(complete: true, expectedTotal: nil, pages: cursor.pages)
    }

    /// Identify: the repository's granularity and deleted-record policy; a problem is an issue, not a stop.
    func identify(using fetcher: Fetcher, into sink: any HarvestSink) throws(HarvestError) -> OAIIdentify {
        let url = self.url("Identify")
        let response = try fetch(url, using: fetcher)
        if let error = response.errors.first {
            throw .portalError(sourceID: source.id, url: url, message: "OAI-PMH error \(error.code): \(error.message)")
        }
        let identify = response.identify
        if let earliest = identify.earliestDatestamp, OAIDates.parse(earliest) == nil {
            sink.issue(RecordIssue(code: "oai.identify.bad-earliest-datestamp", severity: .warning,
                                   message: "Source '\(source.id)': Identify gives earliestDatestamp '\(earliest)', which is not a UTC date; it was ignored.",
                                   url: url))
        }
        if let granularity = identify.granularity, granularity != "YYYY-MM-DD" && granularity != "YYYY-MM-DDThh:mm:ssZ" {
            sink.issue(RecordIssue(code: "oai.identify.bad-granularity", severity: .warning,
                                   message: "Source '\(source.id)': Identify gives granularity '\(granularity)'; days (YYYY-MM-DD) are used for from=.",
                                   url: url))
        }
        return identify
    }

    /// ListMetadataFormats: DataCite when offered, else oai_dc (also when the verb fails).
    func chooseFormat(using fetcher: Fetcher, into sink: any HarvestSink) throws(HarvestError) -> String {
        let url = self.url("ListMetadataFormats")
        let response = try fetch(url, using: fetcher)
        let offered = response.formats.map(\.prefix)
        if let choice = Self.preferred.first(where: offered.contains) { return choice }
        if let byNamespace = response.formats.first(where: { $0.namespace.contains("datacite.org/schema/kernel") }) { return byNamespace.prefix }
        sink.issue(RecordIssue(code: "oai.formats.no-known-format", severity: .warning,
                               message: "Source '\(source.id)': ListMetadataFormats offers \(offered.isEmpty ? "no format" : offered.joined(separator: ", ")), none of \(Self.preferred.joined(separator: ", ")); oai_dc is asked for, as every repository must serve it.",
                               url: url))
        return "oai_dc"
    }

    /// Fetches and reads one response; an HTTP error with an OAI error body gives that error.
    func fetch(_ url: String, using fetcher: Fetcher) throws(HarvestError) -> OAIResponse {
        let response: FetchResponse
        do { response = try fetcher.fetch(url, headers: [("Accept", "text/xml, application/xml")]) } catch {
            throw .fetch(sourceID: source.id, error)
        }
        let parsed: OAIResponse
        do throws(OAIResponseError) { parsed = try OAIResponse.parse(response.body, url: url) } catch {
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
            throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
        }
        if !response.isSuccess && parsed.errors.isEmpty {
            throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
        }
        return parsed
    }
}

/// OAI-PMH UTC datestamps: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`.
enum OAIDates {
    static func parse(_ text: String) -> Date? {
        let value = text.trimmed
        if value.count == 10 { return try? Date(value + "T00:00:00Z", strategy: .iso8601) }
        return try? Date(value, strategy: .iso8601)
    }
}
