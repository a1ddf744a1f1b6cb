import CatalogStore
import Search

/// The search page for people: a form, one entry per dataset (title, publisher, formats, sources, date, snippet),
/// facets as links that narrow the query, and previous/next links.
enum SearchPage {
    static let pageSize = 20
    static let facets: [FacetField] = [.publisher, .format, .source, .license, .theme, .year]

    /// `records` are the canonical records of the hits (for their formats), by id.
    static func render(_ results: SearchResults, records: [String: StoredRecord], page: Int) -> String {
        let query = results.query
        var body = ""
        let shown = results.results.count
        let what = query.isEmpty ? "datasets" : "datasets match <strong>\(HTMLPage.escape(query))</strong>"
        body += "<p class=\"meta\">\(results.totalIsLowerBound ? "at least " : "")\(results.total) \(what)"
        if shown > 0 { body += " · showing \(results.offset + 1)–\(results.offset + shown)" }
        body += "</p>\n<div class=\"layout\">\n<ol class=\"results\">\n"
        for hit in results.results {
            body += "<li><h2><a href=\"\(HTMLPage.escape(HTMLPage.datasetPath(hit.id)))\">\(HTMLPage.escape(hit.title))</a></h2>\n"
            var meta: [String] = []
            if let publisher = hit.publisher { meta.append(HTMLPage.escape(publisher)) }
            if let modified = hit.modified { meta.append("modified " + HTMLPage.escape(String(modified.prefix(10)))) }
            meta.append("in " + hit.sources.map(HTMLPage.escape).joined(separator: ", "))
            body += "<div class=\"meta\">\(meta.joined(separator: " · "))</div>\n"
            let formats = formats(records[hit.id])
            if !formats.isEmpty {
                body += "<div>" + formats.map { "<span class=\"format\">\(HTMLPage.escape($0))</span>" }.joined() + "</div>\n"
            }
            if let snippet = hit.snippet {
                // The engine marks matches [like this]: escape first, then bold the marks.
                let marked = HTMLPage.escape(snippet).replacingOccurrences(of: "[", with: "<b>").replacingOccurrences(of: "]", with: "</b>")
                body += "<p class=\"snippet\">\(marked)</p>\n"
            }
            body += "</li>\n"
        }
        body += "</ol>\n<aside>\n"
        for facet in results.facets ?? [] where !facet.values.isEmpty {
            body += "<h3>\(facet.field.rawValue)</h3>\n<ul>\n"
            for value in facet.values {
                let narrowed = (query.isEmpty ? "" : query + " ") + term(facet.field, value.value)
                body += "<li><a href=\"/?q=\(HTMLPage.queryValue(narrowed))\">\(HTMLPage.escape(value.value))</a> (\(value.count))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "</aside>\n</div>\n<nav class=\"pages\">\n"
        if page > 1 { body += "<a rel=\"prev\" href=\"/?q=\(HTMLPage.queryValue(query))&amp;page=\(page - 1)\">← previous</a>\n" }
        if results.offset + shown < results.total {
            body += "<a rel=\"next\" href=\"/?q=\(HTMLPage.queryValue(query))&amp;page=\(page + 1)\">next →</a>\n"
        }
        body += "</nav>\n"
        return HTMLPage.page(title: query.isEmpty ? "Search" : query, query: query, body: body)
    }

    /// The query term a facet value narrows to.
    static func term(_ field: FacetField, _ value: String) -> String {
        let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "") + "\""
        switch field {
        case .year: return "modified:\(value)"
        default: return "\(field.rawValue):\(quoted)"
        }
    }

    /// A dataset's distinct formats, in order.
    static func formats(_ stored: StoredRecord?) -> [String] {
        var seen = Set<String>()
        return (stored?.record.distributions ?? []).compactMap { distribution in
            let format = distribution.fileType.map { String($0.split(separator: "/").last ?? "") } ?? distribution.format?.uppercased()
            guard let format, !format.isEmpty, seen.insert(format).inserted else { return nil }
            return format
        }
    }
}
