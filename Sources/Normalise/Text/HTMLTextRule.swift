public import CatalogModel

/// Turns HTML into plain text (see `HTMLText`) wherever catalogues put it:
/// - the description and its language variants, and each distribution's description, keep their paragraphs
///   (ArcGIS Hub's `<DIV STYLE=…>` descriptions, DKAN's `<p>` resource descriptions);
/// - the title and its variants, each distribution's title and each keyword become one line;
/// - character references left in any of them (`Fish &amp; Chips`, `Caf&eacute;`, GCMD keywords escaped twice:
///   `Ocean &gt; Pacific Ocean`) are decoded;
/// - a licence published as HTML (ArcGIS Hub puts its terms of use in data.json's `license`) becomes its text,
///   paragraphs kept, before `LicenceRule` reads it (a URL in the text then names the licence).
///
/// Each converted field (`description@en`, `title`, `keywords`, `distributions[0].description`) is noted with the
/// published text as raw and rule `text.html`, or `text.entities` when it held only character references; plain
/// text and Markdown are left as they are. Runs before `TextRule` and `DistributionRule`, which trim and drop what
/// is left empty (`<p></p>`), and before `KeywordSplitRule`.
public struct HTMLTextRule: NormalisationRule {
    public let name = "html-text"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var notes: [FieldNote] = []
        Self.convert(&record.title, field: "title", using: HTMLText.line, notes: &notes)
        if var description = record.description {
            Self.convert(&description, field: "description", using: HTMLText.convert, notes: &notes)
            record.description = description
        }
        for index in record.keywords.indices {
            Self.convert(&record.keywords[index], field: "keywords", using: HTMLText.line, notes: &notes)
        }
        if var licence = record.license {
            Self.convert(&licence, field: "license", notes: &notes)
            record.license = licence
        }
        for index in record.distributions.indices {
            if var licence = record.distributions[index].license {
                Self.convert(&licence, field: "distributions[\(index)].license", notes: &notes)
                record.distributions[index].license = licence
            }
            Self.convert(&record.distributions[index].title, field: "distributions[\(index)].title", using: HTMLText.line, notes: &notes)
            Self.convert(&record.distributions[index].description, field: "distributions[\(index)].description",
                         using: HTMLText.convert, notes: &notes)
        }
        record.notes += notes
    }

    // The field's name is made only for a note (most texts hold no HTML): `distributions[3].title` costs more to
    // write than the title costs to check.
    private static func convert(_ text: inout LocalizedText, field: @autoclosure () -> String,
                                using conversion: (String) -> HTMLText.Conversion?, notes: inout [FieldNote]) {
        convert(&text.value, field: field(), using: conversion, notes: &notes)
        for language in text.variants.keys.sorted() {
            guard var value = text.variants[language] else { continue }
            convert(&value, field: "\(field())@\(language)", using: conversion, notes: &notes)
            text.variants[language] = value
        }
    }

    /// A licence's published name and title; its URI is left alone (a URI holds no HTML worth converting).
    private static func convert(_ licence: inout LicenseRef, field: @autoclosure () -> String, notes: inout [FieldNote]) {
        Self.convert(&licence.raw, field: field(), using: HTMLText.convert, notes: &notes)
        Self.convert(&licence.title, field: "\(field()).title", using: HTMLText.convert, notes: &notes)
    }

    private static func convert(_ text: inout String?, field: @autoclosure () -> String,
                                using conversion: (String) -> HTMLText.Conversion?, notes: inout [FieldNote]) {
        guard var value = text else { return }
        convert(&value, field: field(), using: conversion, notes: &notes)
        text = value
    }

    private static func convert(_ text: inout String, field: @autoclosure () -> String,
                                using conversion: (String) -> HTMLText.Conversion?, notes: inout [FieldNote]) {
        guard let converted = conversion(text) else { return }
        notes.append(FieldNote(field: field(), raw: text, value: converted.text, rule: converted.rule))
        text = converted.text
    }
}
