import CatalogModel
import CatalogStore

/// One dataset for people: its fields, distributions with links, and the other places it is published.
enum DatasetPage {
    static func render(_ stored: StoredRecord) -> String {
        let record = stored.record
        var body = "<h1>\(HTMLPage.escape(record.title.value))</h1>\n"
        if let description = record.description?.value {
            body += "<p>" + HTMLPage.escape(description).replacingOccurrences(of: "\n", with: "<br>") + "</p>\n"
        }
        var rows: [(String, String)] = [("id", HTMLPage.escape(record.id))]
        func add(_ label: String, _ text: String?) {
            if let text, !text.isEmpty { rows.append((label, HTMLPage.escape(text))) }
        }
        add("publisher", record.publisher?.name)
        add("contact", record.contactPoint.map { [$0.name, $0.email].compactMap { $0 }.joined(separator: " · ") })
        add("licence", record.license.map { [$0.spdx ?? $0.raw, $0.title].compactMap { $0 }.joined(separator: " · ") })
        add("issued", record.issued?.display)
        add("modified", record.modified?.display)
        add("frequency", record.frequency.flatMap { $0.label ?? $0.uri })
        add("keywords", record.keywords.joined(separator: ", "))
        add("themes", record.themes.compactMap { $0.label ?? $0.uri }.joined(separator: ", "))
        add("languages", record.languages.joined(separator: ", "))
        if let page = record.landingPage { rows.append(("landing page", link(page))) }
        if let original = record.provenance.originalURL { rows.append(("source page", link(original))) }
        add("harvested from", "\(record.provenance.sourceID) (\(record.provenance.kind))")
        body += "<dl class=\"record\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined(separator: "\n") + "\n</dl>\n"
        if !record.distributions.isEmpty {
            body += "<h2>Distributions (\(record.distributions.count))</h2>\n<ul>\n"
            for distribution in record.distributions {
                let format = distribution.format.map { " <span class=\"format\">\(HTMLPage.escape($0))</span>" } ?? ""
                let title = HTMLPage.escape(distribution.title ?? "(untitled)")
                let url = distribution.downloadURL ?? distribution.accessURL
                body += "<li>" + (url.map { isWeb($0) ? "<a href=\"\(HTMLPage.escape($0))\">\(title)</a>" : title } ?? title) + format + "</li>\n"
            }
            body += "</ul>\n"
        }
        if let cluster = stored.cluster, cluster.members.count > 1 {
            body += "<h2>Also published at</h2>\n<ul>\n"
            for member in cluster.members where member.id != record.id {
                let mark = member.id == cluster.canonicalID ? " (canonical)" : ""
                body += "<li><a href=\"\(HTMLPage.escape(HTMLPage.datasetPath(member.id)))\">\(HTMLPage.escape(member.id))</a>\(mark)</li>\n"
            }
            body += "</ul>\n"
        }
        return HTMLPage.page(title: record.title.value, body: body)
    }

    /// A link, only for http(s) URLs (a `javascript:` URL in a harvested record stays text).
    private static func link(_ url: String) -> String {
        isWeb(url) ? "<a href=\"\(HTMLPage.escape(url))\">\(HTMLPage.escape(url))</a>" : HTMLPage.escape(url)
    }

    private static func isWeb(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
