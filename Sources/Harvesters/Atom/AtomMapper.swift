public import CatalogModel
import FeedParsing
import Foundation

/// Maps an Atom entry or RSS item (stored as its XML element) to a `CatalogRecord`; an INSPIRE dataset is stored
/// as `<fedcat:inspire-dataset>` holding the service feed's entry and the dataset feed, whose entries (one per
/// CRS and format) become the distributions.
///
/// Values stay raw for the normaliser: dates as written, HTML in summaries, rights prose, GeoRSS and GML text.
public struct AtomMapper: RecordMapper {
    public init() {}

    /// Link relations that are about the feed's navigation, not the record's data.
    static let navigation: Set<String> = ["self", "up", "next", "previous", "prev", "first", "last", "search", "edit", "via", "profile", "license"]

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "entry")
        guard raw.payload.count <= FieldLimits.standard.maxPayloadBytes else {
            issues.error("atom.entry.too-large", "the entry at \(raw.location) is \(raw.payload.count) bytes long, over the limit of \(FieldLimits.standard.maxPayloadBytes) bytes for one record; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        let entry: AtomEntry
        var datasetFeed: (title: String?, rights: String?, entries: [AtomEntry])?
        do throws(XMLReadError) {
            (entry, datasetFeed) = try Self.read(raw.payload)
        } catch {
            issues.error("atom.entry.invalid-xml", "the entry at \(raw.location) could not be read: \(error.description) It was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        guard let localID = raw.localID ?? entry.localID else {
            let title = entry.title.map { " titled '\($0)'" } ?? ""
            issues.error("atom.entry.missing-id", "the entry\(title) at \(raw.location) has no id, link or guid; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        let title: String
        if let text = entry.title ?? entry.dc("dc:title").first ?? entry.dc("dcterms:title").first {
            title = text
        } else {
            title = localID
            issues.warning("atom.entry.missing-title", "the entry has no title; its id is used instead.", at: raw.location)
        }
        let landing = landingPage(entry)
        let provenance = Provenance(sourceID: source.id, kind: AtomHarvester.description.kind, originalID: localID,
                                    originalURL: landing, harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(title), provenance: provenance)
        record.identifiers = [Identifier(localID, scheme: entry.id != nil ? "atom" : (entry.guid == localID ? "guid" : "link"))]
        for value in entry.dc("dc:identifier") + entry.dc("dcterms:identifier") where value != localID {
            record.identifiers.append(Identifier(value, scheme: "dc"))
        }
        if let code = entry.inspireCode {
            record.identifiers.append(Identifier(code, scheme: entry.inspireNamespace ?? "inspire_dls"))
            if let namespace = entry.inspireNamespace { record.extras["inspire_dls:spatial_dataset_identifier_namespace"] = namespace }
        }
        if let text = entry.summary ?? entry.content ?? entry.rssDescription ?? entry.dc("dc:description").first
            ?? entry.dc("dcterms:abstract").first ?? entry.dc("dcterms:description").first {
            record.description = LocalizedText(text)
        }
        var crs: [String] = []
        for category in entry.categories {
            if category.term.contains("/def/crs/") || category.term.lowercased().hasPrefix("epsg:") {
                crs.append(category.term)
            } else {
                record.keywords.append(category.label ?? category.term)
            }
        }
        record.keywords += entry.dc("dc:subject") + entry.dc("dcterms:subject")
        if !crs.isEmpty { record.extras["crs"] = crs.joined(separator: " ") }
        if let author = entry.authors.first {
            record.creator = Agent(name: author.name ?? author.email ?? "", email: author.email)
        } else if let creator = entry.dc("dc:creator").first ?? entry.dc("dcterms:creator").first {
            record.creator = Agent(name: creator)
        }
        if let publisher = entry.dc("dc:publisher").first ?? entry.dc("dcterms:publisher").first {
            record.publisher = Agent(name: publisher)
        }
        record.license = license(entry)
        if let issued = entry.published ?? entry.pubDate ?? entry.dc("dcterms:issued").first ?? entry.dc("dc:date").first {
            record.issued = CatalogDate(raw: issued)
        }
        if let modified = entry.updated ?? entry.dc("dcterms:modified").first {
            record.modified = CatalogDate(raw: modified)
        }
        record.spatial = entry.geometries.map { SpatialCoverage(geometry: $0) }
        for label in entry.dc("dc:coverage") + entry.dc("dcterms:spatial") { record.spatial.append(SpatialCoverage(label: label)) }
        record.languages = entry.dc("dc:language") + entry.dc("dcterms:language")
        record.landingPage = landing
        if let format = entry.dc("dc:format").first { record.extras["dc:format"] = format }
        if let type = entry.dc("dc:type").first { record.extras["dc:type"] = type }
        if let datasetFeed {
            // An INSPIRE dataset: its files are the dataset feed's entries; the feed link itself is not a download.
            let feedURL = entry.datasetFeed
            record.extras["inspire_dataset_feed"] = feedURL
            if let title = datasetFeed.title { record.extras["inspire_dataset_feed_title"] = title }
            record.distributions = entry.links.filter { $0.href != feedURL && $0.href != landing && !Self.navigation.contains($0.rel) && $0.type != nil }
                .map { distribution($0, entry: nil) }
            for file in datasetFeed.entries {
                // A file without its own rights inherits the dataset feed's (RFC 4287).
                let licence = (file.rights ?? datasetFeed.rights).map { LicenseRef(raw: $0) }
                record.distributions += files(file).map { var distribution = $0; distribution.license = licence; return distribution }
            }
            if datasetFeed.entries.isEmpty {
                issues.warning("atom.inspire.empty-dataset-feed", "the dataset feed \(feedURL ?? "") lists no files.", at: raw.location)
            }
        } else {
            record.distributions = entry.links.filter { $0.href != landing && !Self.navigation.contains($0.rel) && ($0.type != nil || $0.rel == "enclosure") }
                .map { distribution($0, entry: nil) }
        }
        let at = { (element: String) in "\(raw.location)/\(element)" }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("title"), description: at("summary"), keywords: at("category"),
                                                                         spatial: at("georss"), distributions: at("link"), extra: at),
                                     codePrefix: "atom.entry", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    /// The entry, and for an INSPIRE bundle the dataset feed's title and entries.
    static func read(_ payload: [UInt8]) throws(XMLReadError) -> (AtomEntry, (title: String?, rights: String?, entries: [AtomEntry])?) {
        let reader = try XMLReader(bytes: payload)
        guard case .startElement(let root, _, _)? = try reader.next() else { throw XMLReadError(reason: .empty) }
        guard root.matches(AtomNS.fedcat, "inspire-dataset") else { return (try AtomEntry.read(from: reader), nil) }
        var entry = AtomEntry()
        var title: String?
        var rights: String?
        var files: [AtomEntry] = []
        var depth = 0
        var text = ""
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, _, _):
                if depth == 0 && name.local == "entry" {
                    entry = try AtomEntry.read(from: reader)
                } else if depth == 1 && name.matches(AtomNS.atom, "entry") {
                    files.append(try AtomEntry.read(from: reader))
                } else {
                    depth += 1
                    text = ""
                }
            case .text(let value): text += value
            case .endElement(let name):
                if depth == 2 && name.matches(AtomNS.atom, "title") && title == nil { title = text.trimmed.nonEmpty }
                if depth == 2 && name.matches(AtomNS.atom, "rights") && rights == nil { rights = text.trimmed.nonEmpty }
                depth -= 1
            }
        }
        return (entry, (title, rights, files))
    }

    /// The entry's page: the first alternate link that is not a feed (HTML, or no type), else the RSS link.
    func landingPage(_ entry: AtomEntry) -> String? {
        let page = entry.links.first { link in
            guard link.rel == "alternate" else { return false }
            guard let type = link.type?.lowercased() else { return true }
            return type.contains("html")
        }
        return page?.href ?? entry.rssLink ?? (entry.guid?.hasPrefix("http") == true ? entry.guid : nil)
    }

    /// `atom:rights`, `dc:rights`, `dcterms:license`, or a `rel="license"` link.
    func license(_ entry: AtomEntry) -> LicenseRef? {
        let link = entry.links.first { $0.rel == "license" }?.href
        let text = entry.rights ?? entry.dc("dcterms:license").first ?? entry.dc("dc:rights").first ?? entry.dc("dcterms:rights").first
        guard text != nil || link != nil else { return nil }
        return LicenseRef(raw: text ?? link, uri: link)
    }

    /// The downloadable files of one dataset-feed entry (one per link; `section` links split a large dataset).
    func files(_ file: AtomEntry) -> [Distribution] {
        let links = file.links.filter { !Self.navigation.contains($0.rel) && $0.rel != "describedby" }
        let crs = file.categories.map { $0.label ?? $0.term }
        return links.map { link in
            var distribution = distribution(link, entry: file)
            distribution.downloadURL = link.href
            if links.count > 1 { distribution.id = link.href }
            if !crs.isEmpty { distribution.description = "CRS: " + crs.joined(separator: ", ") }
            return distribution
        }
    }

    func distribution(_ link: AtomLink, entry: AtomEntry?) -> Distribution {
        let title = link.title ?? entry?.title ?? (link.rel == "alternate" ? nil : link.rel)
        var distribution = Distribution(id: entry?.id ?? link.href, title: title, accessURL: link.href)
        distribution.mediaType = link.type
        if link.rel == "enclosure" { distribution.downloadURL = link.href }
        distribution.byteSize = link.length.flatMap { Int64($0) }
        if let updated = entry?.updated { distribution.modified = CatalogDate(raw: updated) }
        return distribution
    }
}
