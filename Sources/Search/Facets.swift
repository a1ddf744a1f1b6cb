import Foundation
import GRDB

/// A field the results can be counted by.
public enum FacetField: String, CaseIterable, Sendable, Codable {
    case publisher, format, license, theme, source, language, year, keyword

    /// What each matching record counts under (formats in capitals without a leading dot: `.csv` is `CSV`): the FROM additions after `records r` and the value expression.
    var valueSQL: (from: String, value: String) {
        switch self {
        case .publisher: ("", "r.publisher")
        case .source: ("", "r.source_id")
        case .year: ("", "substr(\(SearchEngine.modifiedISO), 1, 4)")
        case .license:
            ("", "coalesce(json_extract(r.record_json, '$.license.spdx'), json_extract(r.record_json, '$.license.label'), json_extract(r.record_json, '$.license.raw'))")
        case .format: (", json_each(r.record_json, '$.distributions') f", FacetField.formatCode("f.value"))
        case .theme: (", json_each(r.record_json, '$.themes') f", "coalesce(json_extract(f.value, '$.label'), json_extract(f.value, '$.uri'))")
        case .language: (", json_each(r.record_json, '$.languages') f", "f.value")
        case .keyword: (", json_each(r.record_json, '$.keywords') f", "f.value")
        }
    }

    /// A distribution's format as one code: the EU file-type code the normaliser found (`CSV` for
    /// `…/file-type/CSV`, whatever the portal wrote), else what was published, in capitals without a leading dot.
    static func formatCode(_ distribution: String) -> String {
        "coalesce(replace(json_extract(\(distribution), '$.fileType'), '\(fileTypePrefix)', ''), "
            + "upper(ltrim(json_extract(\(distribution), '$.format'), '.')))"
    }

    static let fileTypePrefix = "http://publications.europa.eu/resource/authority/file-type/"

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
        let (from, value) = field.valueSQL
        let rows = try Row.fetchAll(db, sql: """
            WITH hits(seq, cluster_id) AS (\(hits))
            SELECT v, count(DISTINCT cluster_id) AS n FROM (
                SELECT \(value) AS v, h.cluster_id FROM hits h JOIN records r ON r.seq = h.seq\(from)
            ) WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY n DESC, v LIMIT \(size)
            """, arguments: arguments)
        return Facet(field: field, values: rows.map { FacetValue(value: $0["v"], count: $0["n"]) })
    }
}
