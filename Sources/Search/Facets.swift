import Foundation
import GRDB

/// A field the results can be counted by.
public enum FacetField: String, CaseIterable, Sendable, Codable {
    case publisher, format, license, theme, source, language, year, keyword

    /// Where a matching record's values for the field are: a column expression over `records r`, or the `record_terms`
    /// rows of a field (formats as the EU file-type code or the published format in capitals without a leading dot:
    /// `.csv` is `CSV`; themes by label, else URI; languages as published), kept by the store beside each record.
    var source: FacetSource {
        switch self {
        case .publisher: .column("r.publisher")
        case .source: .column("r.source_id")
        case .year: .column("substr(\(SearchEngine.modifiedISO), 1, 4)")
        case .license:
            .column("coalesce(r.license_spdx, r.license_label, r.license_raw)")
        case .format: .terms("format")
        case .theme: .terms("theme.facet")
        case .language: .terms("language.facet")
        case .keyword: .terms("keyword")
        }
    }

    /// Reads `publisher,format` into fields, or names the first unknown one.
    public static func list(_ text: String) -> Result<[FacetField], FacetListError> {
        var fields: [FacetField] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let field = FacetField(rawValue: name) else { return .failure(FacetListError(name: name)) }
            if !fields.contains(field) { fields.append(field) }
        }
        return .success(fields)
    }
}

/// Where a facet's values come from.
enum FacetSource {
    /// An expression over the record row `r`.
    case column(String)
    /// The `record_terms` rows of this field.
    case terms(String)
}

/// A facet name that does not exist.
public struct FacetListError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "There is no facet '\(name)'; the facets are \(FacetField.allCases.map(\.rawValue).joined(separator: ", "))."
    }
}

/// One value of a facet and how many datasets (clusters) of the current results have it.
public struct FacetValue: Sendable, Hashable, Codable {
    public var value: String
    public var count: Int
}

/// The most frequent values of one field among the current results.
public struct Facet: Sendable, Hashable, Codable {
    public var field: FacetField
    public var values: [FacetValue]
}

extension Facet {
    /// How many values a facet lists.
    public static let size = 10

    /// Counts `field` over the records `hits` selects (a query returning `seq` and `cluster_id`), each dataset once per value.
    static func count(_ field: FacetField, hits: String, arguments: StatementArguments, in db: Database) throws -> Facet {
        let values = switch field.source {
        case .column(let value): "SELECT \(value) AS v, h.cluster_id FROM hits h JOIN records r ON r.seq = h.seq"
        case .terms(let name): "SELECT t.value AS v, h.cluster_id FROM hits h JOIN record_terms t ON t.seq = h.seq AND t.field = '\(name)'"
        }
        let rows = try Row.fetchAll(db, sql: """
            WITH hits(seq, cluster_id) AS (\(hits))
            SELECT v, count(DISTINCT cluster_id) AS n FROM (\(values)) WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY n DESC, v LIMIT \(size)
            """, arguments: arguments)
        return Facet(field: field, values: rows.map { FacetValue(value: $0["v"], count: $0["n"]) })
    }
}
