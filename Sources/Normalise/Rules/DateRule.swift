public import CatalogModel

/// Reads every date of a record into ISO 8601; an unreadable date keeps its raw text and raises a warning.
public struct DateRule: NormalisationRule {
    public let name = "dates"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var issued = record.issued
        var modified = record.modified
        var notes: [FieldNote] = []
        Self.read(&issued, field: "issued", record: record, issues: &issues, notes: &notes)
        Self.read(&modified, field: "modified", record: record, issues: &issues, notes: &notes)
        record.issued = issued
        record.modified = modified
        for index in record.temporal.indices {
            var span = record.temporal[index]
            Self.read(&span.start, field: "temporal[\(index)].start", record: record, issues: &issues, notes: &notes)
            Self.read(&span.end, field: "temporal[\(index)].end", record: record, issues: &issues, notes: &notes)
            record.temporal[index] = span
        }
        record.notes += notes
    }

    /// Fills `date.iso`, or drops an empty date, or reports an unreadable one.
    static func read(_ date: inout CatalogDate?, field: String, record: CatalogRecord, issues: inout [RecordIssue],
                     notes: inout [FieldNote]) {
        guard var value = date else { return }
        guard let raw = TextRule.clean(value.raw) else {
            date = nil
            return
        }
        value.raw = raw
        if let iso = ISODate.normalise(raw) {
            value.iso = iso
            if iso != raw { notes.append(FieldNote(field: field, raw: raw, value: iso, rule: "date.iso8601")) }
        } else {
            issues.append(.normalisation("date.unreadable", .warning, record: record, field: field,
                                         "the date '\(raw)' could not be read; it is kept as published."))
        }
        date = value
    }
}
