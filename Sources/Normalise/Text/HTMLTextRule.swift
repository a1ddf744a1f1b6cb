public import CatalogModel

/// Turns HTML in the description and its language variants into plain text (see `HTMLText`), noting each
/// converted field (`description`, `description@en`) with rule `text.html` and the full published text as raw.
/// Plain text and Markdown are left as they are. Runs before `TextRule`, which then trims and drops a
/// description left empty (`<p></p>`).
public struct HTMLTextRule: NormalisationRule {
    public let name = "html-text"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        guard var description = record.description else { return }
        var notes: [FieldNote] = []
        if let plain = HTMLText.plain(description.value) {
            notes.append(FieldNote(field: "description", raw: description.value, value: plain, rule: "text.html"))
            description.value = plain
        }
        for language in description.variants.keys.sorted() {
            guard let value = description.variants[language], let plain = HTMLText.plain(value) else { continue }
            notes.append(FieldNote(field: "description@\(language)", raw: value, value: plain, rule: "text.html"))
            description.variants[language] = plain
        }
        guard !notes.isEmpty else { return }
        record.description = description
        record.notes += notes
    }
}
