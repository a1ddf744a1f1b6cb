public import CatalogModel

/// Trims text and turns empty strings into absent values.
public struct TextRule: NormalisationRule {
    public let name = "text"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        record.title.value = Self.clean(record.title.value) ?? record.title.value
        record.title.variants = record.title.variants.compactMapValues(Self.clean)
        if let description = record.description {
            if let value = Self.clean(description.value) {
                record.description = LocalizedText(value, variants: description.variants.compactMapValues(Self.clean))
            } else {
                record.description = nil
            }
        }
        record.landingPage = record.landingPage.flatMap(Self.clean)
        record.version = record.version.flatMap(Self.clean)
        record.languages = record.languages.compactMap(Self.clean)
        if let publisher = record.publisher, Self.clean(publisher.name) == nil { record.publisher = nil }
    }

    /// Trimmed text, or nil when nothing is left.
    public static func clean(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}

import Foundation
