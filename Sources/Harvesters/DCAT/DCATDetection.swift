import FeedParsing

/// Recognises a DCAT catalogue in RDF (Turtle, RDF/XML, JSON-LD, N-Triples, TriG, N-Quads): by Content-Type
/// or the first bytes, with DCAT terms in it, read through the DCAT harvester's own page reader (which also
/// finds hydra paging). Probes ckanext-dcat's `/catalog.ttl` last.
struct DCATDetection: DocumentDetector {
    let kind = "dcat"
    let name = "DCAT"
    let accept = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"

    static let namespace = "http://www.w3.org/ns/dcat#"

    func probePaths(for look: FirstLook) -> [String] { ["/catalog.ttl"] }

    func registeredURL(probed: String, look: FirstLook) -> String { probed }

    /// What a DCAT document is, or nil when it is not RDF or holds no DCAT terms.
    func describe(_ look: FirstLook) -> String? {
        guard !look.isHTML, look.response.isSuccess else { return nil }
        let text = look.text
        // DCAT terms: the namespace (any syntax), or JSON-LD (whose context, bundled or inline, may name them).
        guard text.contains(Self.namespace) || (look.json != nil && text.contains("\"@context\"")) else { return nil }
        guard let page = try? DCATPage.read(look.response.body, contentType: look.mediaType, url: look.url, blankScope: "detect") else {
            return nil
        }
        let syntax = page.syntax.syntax.title
        let type = look.mediaType.map { " (\($0))" } ?? ""
        var said = "\(syntax)\(type) with \(page.records.count) DCAT record\(page.records.count == 1 ? "" : "s")"
        // A vocabulary, context or shape file names the terms but describes no dataset.
        if page.records.isEmpty && page.links.isEmpty { return nil }
        if !page.links.isEmpty { said += " and \(page.links.count) linked dataset\(page.links.count == 1 ? "" : "s")" }
        if let total = page.total { said += ", hydra:totalItems \(total)" }
        if page.next != nil { said += ", hydra paging (a next page)" }
        return said
    }
}
