public import CatalogModel

/// Repairs UTF-8-read-as-Latin-1 mojibake (`Ã©` → `é`, `â€“` → `–`, `Â ` → ` `) in the title and description
/// and their language variants (see `Mojibake`), noting each repaired field (`title`, `description@fr`) with
/// rule `text.mojibake`.
public struct MojibakeRule: NormalisationRule {
    public let name = "mojibake"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var notes: [FieldNote] = []
        Self.repair(&record.title, field: "title", notes: &notes)
        if var description = record.description {
            Self.repair(&description, field: "description", notes: &notes)
            record.description = description
        }
        record.notes += notes
    }

    private static func repair(_ text: inout LocalizedText, field: String, notes: inout [FieldNote]) {
        if let fixed = Mojibake.repair(text.value) {
            notes.append(FieldNote(field: field, raw: text.value, value: fixed, rule: "text.mojibake"))
            text.value = fixed
        }
        for language in text.variants.keys.sorted() {
            guard let value = text.variants[language], let fixed = Mojibake.repair(value) else { continue }
            notes.append(FieldNote(field: "\(field)@\(language)", raw: value, value: fixed, rule: "text.mojibake"))
            text.variants[language] = fixed
        }
    }
}
