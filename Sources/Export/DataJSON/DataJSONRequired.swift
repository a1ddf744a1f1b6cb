import CatalogModel

/// The fields DCAT-US 1.1 requires of every dataset (and 3.0 expects), completed from what the dataset's records
/// hold: the canonical record's value, else another record's of the same cluster, else a value derived from the
/// dataset itself. Only the contact e-mail cannot be derived; without one in any record it comes from the export's
/// `contactEmail` (the republisher's desk), else the dataset goes without and the gap is counted.
struct DataJSONRequired {
    var description: String
    var keywords: [String]
    var publisher: String
    var email: String?
    var contactName: String

    init(_ dataset: ExportDataset, fallbackEmail: String?, gaps: ExportGaps?) {
        let records = dataset.records.map(\.record)
        let canonical = dataset.canonical
        // The description: a record's own, else the title (the one text every record has).
        description = records.lazy.compactMap { $0.description?.value }.first { !$0.isEmpty } ?? canonical.title.value
        // Keywords: the canonical record's, else every record's, else their theme labels, else the sources that publish it.
        let own = canonical.keywords.filter { !$0.isEmpty }
        let all = Self.distinct(records.flatMap(\.keywords))
        let themes = Self.distinct(records.flatMap { $0.themes.compactMap { $0.label } })
        keywords = !own.isEmpty ? own : !all.isEmpty ? all : !themes.isEmpty ? themes : Self.distinct(records.map(\.provenance.sourceID))
        publisher = records.lazy.compactMap { $0.publisher?.name }.first { !$0.isEmpty } ?? canonical.provenance.sourceID
        let recorded = records.lazy.compactMap { r in (r.contactPoint?.email ?? r.publisher?.email).flatMap(Self.mailto) }.first
        email = recorded ?? fallbackEmail.flatMap(Self.mailto)
        if email == nil { gaps?.count("contactPoint.hasEmail") }
        contactName = records.lazy.compactMap { $0.contactPoint?.name }.first { !$0.isEmpty } ?? publisher
    }

    /// `mailto:` and the address, when it looks like one.
    static func mailto(_ address: String) -> String? {
        let bare = address.hasPrefix("mailto:") ? String(address.dropFirst(7)) : address
        guard bare.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil else { return nil }
        return "mailto:" + bare
    }

    static func distinct(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
