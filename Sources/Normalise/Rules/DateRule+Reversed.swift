import CatalogModel

extension DateRule {
    /// Puts a temporal span that ends before it starts (`2015-12-31` to `2010-01-01`, `2015/2010`) back in order:
    /// start and end are swapped, noted on `temporal[i]` (rule `date.temporal.reversed`, the published ends as raw)
    /// and reported as a warning. Ends are compared at the coarser of their precisions, so `2015-06` to `2015` is
    /// in order; a side that is not a calendar date (unread, a week) is not compared.
    static func order(_ span: inout TemporalCoverage, index: Int, record: CatalogRecord, issues: inout [RecordIssue],
                      notes: inout [FieldNote]) {
        guard let start = span.start, let end = span.end, let startISO = start.iso, let endISO = end.iso,
              let first = CalendarPoint(iso: startISO), let last = CalendarPoint(iso: endISO), last.endsBefore(first) else { return }
        let field = "temporal[\(index)]"
        let raw = start.raw == end.raw ? start.raw : "\(start.raw)/\(end.raw)"
        notes.append(FieldNote(field: field, raw: raw, value: "\(endISO)/\(startISO)", rule: "date.temporal.reversed"))
        issues.append(.normalisation("date.temporal.reversed", .warning, record: record, field: field,
                                     "the period ends (\(endISO)) before it starts (\(startISO)); its start and end were swapped."))
        span.start = end
        span.end = start
    }
}
