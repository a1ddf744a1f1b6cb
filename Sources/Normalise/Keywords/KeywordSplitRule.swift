public import CatalogModel

/// Splits keywords a portal packed into one string, before `KeywordRule` trims and de-duplicates them.
///
/// The rule, chosen to be safe on the corpus:
/// - `;` and `|` always separate (`Information Center; Foods Help Desk`), except the `;` that ends an HTML
///   entity (`Fraud &amp; Abuse`). Commas inside such a keyword stay (`Culture, Sport; Health` → two keywords).
/// - `,` separates only when the keyword is the record's only one (`gtex, annotation, phenotype` from a
///   schema.org `keywords` string): among several keywords, a comma is part of one tag
///   (`Fraud, Waste, & Abuse Prevention`, GeoNetwork's `Culture, Société, Service`). Even then, a comma between
///   digits (`1:50,000`) does not separate, and a list that ends in a conjunction (`A, B, and C`, `A, B & C`)
///   is one phrase.
/// Each split is noted on `keywords` (rule `keyword.split`), the parts joined by ` | `.
public struct KeywordSplitRule: NormalisationRule {
    public let name = "keyword-split"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        guard !record.keywords.isEmpty else { return }
        let only = record.keywords.count { !$0.trimmed.isEmpty } == 1
        guard record.keywords.contains(where: { Self.mightSplit($0, only: only) }) else { return }
        var keywords: [String] = []
        for keyword in record.keywords {
            if let parts = Self.split(keyword, only: only) {
                keywords += parts
                record.note("keywords", raw: keyword, value: parts.joined(separator: " | "), rule: "keyword.split")
            } else {
                keywords.append(keyword)
            }
        }
        record.keywords = keywords
    }

    /// A fast check before the work: does the keyword hold a separator at all?
    static func mightSplit(_ keyword: String, only: Bool) -> Bool {
        keyword.utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "|") || (only && $0 == UInt8(ascii: ",")) }
    }

    /// The keywords packed in `keyword`, trimmed, or nil when it is one keyword. `only`: it is the record's only one.
    static func split(_ keyword: String, only: Bool) -> [String]? {
        guard mightSplit(keyword, only: only) else { return nil }
        let characters = Array(keyword)
        var cuts: [Int] = []
        for (index, character) in characters.enumerated() where character == "|" || (character == ";" && !endsEntity(characters, at: index)) {
            cuts.append(index)
        }
        if cuts.isEmpty, only {
            for (index, character) in characters.enumerated() where character == "," {
                let digitBefore = index > 0 && characters[index - 1].isNumber
                let digitAfter = index + 1 < characters.count && characters[index + 1].isNumber
                if !(digitBefore && digitAfter) { cuts.append(index) }
            }
        }
        guard !cuts.isEmpty else { return nil }
        var parts: [String] = []
        var start = 0
        for cut in cuts + [characters.count] {
            let part = String(characters[start..<cut]).trimmed
            if !part.isEmpty { parts.append(part) }
            start = cut + 1
        }
        guard parts.count > 1 else { return nil }
        if characters[cuts[0]] == ",", parts.dropFirst().contains(where: startsWithConjunction) { return nil }
        return parts
    }

    /// True when the `;` at `index` closes an HTML entity (`&amp;`, `&#233;`).
    private static func endsEntity(_ characters: [Character], at index: Int) -> Bool {
        var position = index - 1
        while position >= 0, characters[position].isLetter || characters[position].isNumber || characters[position] == "#" {
            position -= 1
        }
        return position >= 0 && position < index - 1 && characters[position] == "&"
    }

    /// `& Abuse Prevention`, `and C`, `or C`, `et C`, `und C`.
    private static func startsWithConjunction(_ part: String) -> Bool {
        if part.hasPrefix("&") { return true }
        let first = part.prefix { !$0.isWhitespace }.lowercased()
        return ["and", "or", "et", "ou", "und", "oder", "y", "o", "e"].contains(first) && first.count < part.count
    }
}
