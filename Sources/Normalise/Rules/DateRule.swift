public import CatalogModel

/// Reads every date of a record into ISO 8601 with `DateReader` (ISO 8601, RFC 822, numeric day/month
/// orders, Unix times, BCE years, ranges…), noting the rule that read each non-ISO value. Besides reading:
/// - placeholders (`N/A`, `9999-12-31`, `1900-01-01` in metadata dates, …) are dropped with a note (value
///   `""`) and an info issue `date.placeholder`;
/// - a range in `issued`/`modified` keeps its start (`date.range`); a range in a temporal start or end is split
///   into the span's start and end;
/// - a repeating interval (`R/P1D`, data.json `accrualPeriodicity` put in `modified`) is removed from the date
///   and, when the record has no frequency, becomes `frequency` (label `R/P1D`; `date.repeating-interval`);
/// - an all-numeric date that reads both ways with no `date_order` keeps its raw text (`date.ambiguous`);
/// - an unreadable date keeps its raw text and raises a warning (`date.unreadable`);
/// - a temporal span that ends before it starts is swapped with a note and a warning (`date.temporal.reversed`);
/// - a temporal span left with neither start nor end is removed.
public struct DateRule: NormalisationRule {
    public let name = "dates"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var issued = record.issued
        var modified = record.modified
        var notes: [FieldNote] = []
        var repeating: [String] = []
        if let found = Self.read(&issued, field: "issued", record: record, issues: &issues, notes: &notes, context: context) {
            repeating.append(found)
        }
        if let found = Self.read(&modified, field: "modified", record: record, issues: &issues, notes: &notes, context: context) {
            repeating.append(found)
        }
        record.issued = issued
        record.modified = modified
        var emptied = false
        for index in record.temporal.indices {
            var span = record.temporal[index]
            repeating += Self.read(&span, index: index, record: record, issues: &issues, notes: &notes, context: context)
            Self.order(&span, index: index, record: record, issues: &issues, notes: &notes)
            if span.start == nil && span.end == nil { emptied = true }
            record.temporal[index] = span
        }
        if emptied { record.temporal.removeAll { $0.start == nil && $0.end == nil } }
        if record.frequency == nil, let interval = repeating.first {
            record.frequency = Concept(label: interval)
            notes.append(FieldNote(field: "frequency", raw: interval, value: interval, rule: "date.repeating-interval"))
        }
        record.notes += notes
    }

    /// Reads one point in time (`issued`, `modified`, a distribution's dates): fills `date.iso`, drops an empty
    /// date or a placeholder, keeps the start of a range, or reports what it could not read.
    /// Returns the repeating interval (`R/P1D`) when that is what the field held; the date is then removed.
    @discardableResult
    static func read(_ date: inout CatalogDate?, field: String, record: CatalogRecord, issues: inout [RecordIssue],
                     notes: inout [FieldNote], context: NormalisationContext = NormalisationContext()) -> String? {
        guard var value = date else { return nil }
        guard let raw = TextRule.clean(value.raw) else {
            // An empty date is no value: dropped with a note (`--explain`), not an issue, since portals leave
            // optional date fields empty by the thousand.
            notes.append(FieldNote(field: field, raw: value.raw, value: "", rule: "date.empty"))
            date = nil
            return nil
        }
        value.raw = raw
        switch DateReader.read(raw, order: context.dateOrder, metadata: true) {
        case .date(let iso, let rule):
            value.iso = iso
            if iso != raw || rule != "date.iso8601" { notes.append(FieldNote(field: field, raw: raw, value: iso, rule: rule)) }
        case .range(let start, let end, let rule):
            // Only a point fits here: the start, or the end of a range open at the start.
            guard let kept = start ?? end else { return unreadable(&date, value, field: field, record: record, issues: &issues) }
            value.iso = kept
            notes.append(FieldNote(field: field, raw: raw, value: kept, rule: rule))
        case .repeating:
            notes.append(FieldNote(field: field, raw: raw, value: "", rule: "date.repeating-interval"))
            date = nil
            return raw
        case .placeholder, .open:
            dropPlaceholder(&date, raw: raw, field: field, record: record, issues: &issues, notes: &notes)
            return nil
        case .ambiguous:
            ambiguous(raw, field: field, record: record, issues: &issues)
        case .unreadable:
            return unreadable(&date, value, field: field, record: record, issues: &issues)
        }
        date = value
        return nil
    }

    /// Reads a temporal span's start and end; a range in the start fills both sides (unless an end was also
    /// published), a range in the end gives its end. Returns the repeating intervals found.
    static func read(_ span: inout TemporalCoverage, index: Int, record: CatalogRecord, issues: inout [RecordIssue],
                     notes: inout [FieldNote], context: NormalisationContext) -> [String] {
        var repeating: [String] = []
        switch readSide(span.start, field: "temporal[\(index)].start", record: record, issues: &issues, notes: &notes,
                        repeating: &repeating, context: context) {
        case .kept(let date):
            span.start = date
        case .range(let start, let end):
            span.start = start
            if span.end == nil {
                span.end = end
                return repeating
            }
        }
        switch readSide(span.end, field: "temporal[\(index)].end", record: record, issues: &issues, notes: &notes,
                        repeating: &repeating, context: context) {
        case .kept(let date): span.end = date
        case .range(let start, let end): span.end = end ?? start
        }
        return repeating
    }

    private enum SideOutcome {
        case kept(CatalogDate?)
        case range(start: CatalogDate?, end: CatalogDate?)
    }

    private static func readSide(_ date: CatalogDate?, field: String, record: CatalogRecord, issues: inout [RecordIssue],
                                 notes: inout [FieldNote], repeating: inout [String], context: NormalisationContext) -> SideOutcome {
        guard var value = date else { return .kept(nil) }
        guard let raw = TextRule.clean(value.raw) else { return .kept(nil) }
        value.raw = raw
        var result: CatalogDate? = value
        switch DateReader.read(raw, order: context.dateOrder, metadata: false) {
        case .date(let iso, let rule):
            value.iso = iso
            result = value
            if iso != raw || rule != "date.iso8601" { notes.append(FieldNote(field: field, raw: raw, value: iso, rule: rule)) }
        case .range(let start, let end, let rule):
            // Both sides keep the published range as their raw text.
            notes.append(FieldNote(field: field, raw: raw, value: "\(start ?? "..")/\(end ?? "..")", rule: rule))
            return .range(start: start.map { CatalogDate(raw: raw, iso: $0) }, end: end.map { CatalogDate(raw: raw, iso: $0) })
        case .repeating:
            notes.append(FieldNote(field: field, raw: raw, value: "", rule: "date.repeating-interval"))
            repeating.append(raw)
            result = nil
        case .open:
            notes.append(FieldNote(field: field, raw: raw, value: "", rule: "date.open"))
            result = nil
        case .placeholder:
            dropPlaceholder(&result, raw: raw, field: field, record: record, issues: &issues, notes: &notes)
        case .ambiguous:
            ambiguous(raw, field: field, record: record, issues: &issues)
        case .unreadable:
            _ = unreadable(&result, value, field: field, record: record, issues: &issues)
        }
        return .kept(result)
    }

    private static func dropPlaceholder(_ date: inout CatalogDate?, raw: String, field: String, record: CatalogRecord,
                                        issues: inout [RecordIssue], notes: inout [FieldNote]) {
        notes.append(FieldNote(field: field, raw: raw, value: "", rule: "date.placeholder"))
        issues.append(.normalisation("date.placeholder", .info, record: record, field: field,
                                     "'\(raw)' stands for no date; it was dropped."))
        date = nil
    }

    private static func ambiguous(_ raw: String, field: String, record: CatalogRecord, issues: inout [RecordIssue]) {
        issues.append(.normalisation("date.ambiguous", .warning, record: record, field: field,
                                     "the date '\(raw)' reads both as day/month and month/day; it is kept as published "
                                     + "(set the source option date_order to dmy or mdy)."))
    }

    private static func unreadable(_ date: inout CatalogDate?, _ value: CatalogDate, field: String, record: CatalogRecord,
                                   issues: inout [RecordIssue]) -> String? {
        issues.append(.normalisation("date.unreadable", .warning, record: record, field: field,
                                     "the date '\(value.raw)' could not be read; it is kept as published."))
        date = value
        return nil
    }
}
