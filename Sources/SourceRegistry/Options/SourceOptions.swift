/// Every option a source file may set under `options:`: its type, default, meaning and the kinds that read it.
/// Used to comment written files, to explain a source (`fedcat source show`) and to check files.
public struct SourceOption: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable {
        case integer = "a whole number"
        case number = "a number"
        case boolean = "true or false"
        case text = "a text"
    }

    public var name: String
    public var type: ValueType
    /// The default, as text; nil when the option is unset by default.
    public var defaultValue: String?
    /// What it does, in one line.
    public var meaning: String
    /// The kinds that read it; empty for every kind.
    public var kinds: Set<String>

    public init(_ name: String, _ type: ValueType, _ defaultValue: String?, _ meaning: String, kinds: Set<String> = []) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.meaning = meaning
        self.kinds = kinds
    }

    /// True when `value` has the option's type.
    public func accepts(_ value: String) -> Bool {
        let text = value.trimmingCharacters(in: .whitespaces)
        switch type {
        case .integer: return Int(text) != nil
        case .number: return Double(text) != nil
        case .boolean: return ["true", "false", "yes", "no", "1", "0", "on", "off"].contains(text.lowercased())
        case .text: return true
        }
    }
}

/// The options fedcat knows, kind-specific ones first within each kind, then those of every kind.
public enum SourceOptions {
    /// Options one kind reads: its own, then the fetch and run options of every kind.
    public static func `for`(kind: String) -> [SourceOption] {
        kindSpecific.filter { $0.kinds.contains(kind) } + common
    }

    /// The option `name` as `kind` reads it, or nil when that kind has no such option.
    public static func named(_ name: String, kind: String) -> SourceOption? {
        self.for(kind: kind).first { $0.name == name }
    }

    static let kindSpecific: [SourceOption] = [
        SourceOption("rows", .integer, "100", "CKAN: packages per page, 1-1000", kinds: ["ckan"]),
        SourceOption("fq", .text, nil, "CKAN: a Solr filter added to package_search (fq=...)", kinds: ["ckan"]),
        SourceOption("organization", .text, nil, "CKAN: harvest only this organisation's packages", kinds: ["ckan"]),
        SourceOption("incremental", .boolean, "true", "after a complete run, ask only for what changed since it", kinds: ["ckan", "oaipmh"]),
        SourceOption("domain", .text, nil, "Socrata: the domain to list (default: the URL's host)", kinds: ["socrata"]),
        SourceOption("limit", .integer, "100", "datasets per page (Socrata 1-1000, OpenDataSoft 1-100)", kinds: ["socrata", "opendatasoft"]),
        SourceOption("where", .text, nil, "OpenDataSoft: an ODSQL filter on the catalogue", kinds: ["opendatasoft"]),
        SourceOption("order_by", .text, nil, "OpenDataSoft: the listing order", kinds: ["opendatasoft"]),
        SourceOption("page_size", .integer, "50", "udata: datasets per page, 1-100", kinds: ["udata"]),
        SourceOption("language", .text, "en", "DCAT: the language shown when a title has several", kinds: ["dcat"]),
        SourceOption("follow_links", .boolean, "true", "DCAT: fetch datasets a catalogue lists by IRI without describing them", kinds: ["dcat"]),
        SourceOption("follow_dataset_feeds", .boolean, "true", "Atom: read each INSPIRE dataset feed for its files", kinds: ["atom"]),
        SourceOption("window", .boolean, "false", "Atom: the feed shows only the latest entries, so nothing is deleted", kinds: ["atom"]),
        SourceOption("metadata_prefix", .text, nil, "OAI-PMH: the metadata format (default: DataCite when offered, else oai_dc)", kinds: ["oaipmh"]),
        SourceOption("set", .text, nil, "OAI-PMH: harvest one set", kinds: ["oaipmh"]),
        SourceOption("output_schema", .text, "http://www.isotc211.org/2005/gmd", "CSW: the outputSchema asked for (ISO 19139 or CSW Dublin Core)", kinds: ["csw"]),
        SourceOption("max_records", .integer, "50", "CSW: records per GetRecords page (halved for a page that fails)", kinds: ["csw"]),
        SourceOption("max_pages", .integer, "100000", "pages one listing may read; a longer one is stopped as a loop",
                     kinds: ["ckan", "udata", "dcat", "oaipmh", "csw"]),
        SourceOption("max_pages", .integer, "10000", "pages (and linked documents) one listing may read; a longer one is stopped as a loop",
                     kinds: ["socrata", "opendatasoft", "atom", "schemaorg"]),
        SourceOption("max_file_mb", .integer, "4096", "largest document accepted (a data.json, a DCAT dump); past 16 MB it is kept in a file under $TMPDIR (else /var/tmp) and streamed, not held in memory",
                     kinds: ["datajson", "dcat"]),
    ]

    static let common: [SourceOption] = [
        SourceOption("timeout", .number, "180", "seconds one request may take in all"),
        SourceOption("connect_timeout", .number, "15", "seconds to wait for a connection"),
        SourceOption("low_speed_bytes", .integer, "64", "a transfer slower than this many bytes/s ..."),
        SourceOption("low_speed_seconds", .integer, "30", "... for this long is cut off (a slow-drip server)"),
        SourceOption("run_timeout", .number, "21600", "seconds the whole run may take; then it stops and resumes next time"),
        SourceOption("max_body_mb", .integer, "256", "largest response accepted, after decompression (stops gzip bombs)"),
        SourceOption("max_compressed_mb", .integer, "256", "largest response accepted on the wire"),
        SourceOption("max_redirects", .integer, "5", "redirects followed"),
        SourceOption("retries", .integer, "3", "retries after the first attempt (connection errors, timeouts, 408, 429, 5xx)"),
        SourceOption("retry_delay", .number, "1", "first backoff in seconds; doubles each time, with full jitter ..."),
        SourceOption("retry_max_delay", .number, "60", "... up to this"),
        SourceOption("max_retry_after", .number, "300", "longest Retry-After honoured; longer ones fail the run"),
        SourceOption("max_concurrent", .integer, "2", "requests at once to this source's host"),
        SourceOption("min_delay", .number, "0", "seconds between the starts of two requests to this host"),
        SourceOption("max_delete_fraction", .number, "0.5", "never delete more than this share of a source in one run"),
        SourceOption("date_order", .text, nil, "dmy or mdy: how to read ambiguous dates such as 03/04/2024"),
        SourceOption("local", .boolean, "false", "allow file:// URLs (only for sources you mark local)"),
    ]
}
