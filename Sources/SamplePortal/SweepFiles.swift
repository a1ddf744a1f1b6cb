public import Foundation
public import LoopbackHTTP

/// The reliability sweep's server: `/sweep/<kind>/<category>/<name>/<anything>` answers the file
/// `<category>/<name>` of one folder (the third-party corpus) to the first request a harvester of `<kind>` makes,
/// whatever endpoint that kind asks for (`…/api/3/action/package_search`, `?verb=ListRecords`, `?request=GetRecords`).
/// A request for a later page (`start`, `offset`, `page` > 1, `startPosition` > 1, a `resumptionToken`) gets the
/// kind's own "nothing more" answer, so a file that announces more records than it holds ends its listing instead
/// of being served again as page 2. A file of single records is put in the shape of the kind's listing
/// (`SweepShapes`). The Content-Type comes from the category and the file's extension.
public struct SweepFiles: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The answer, 404 for an unknown or unsafe name, or nil when the path is not under `/sweep/`.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.path.hasPrefix("/sweep/") else { return nil }
        let parts = request.path.dropFirst("/sweep/".count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return .status(404) }
        let kind = String(parts[0]), category = String(parts[1]), name = String(parts[2])
        guard !category.isEmpty, !name.isEmpty, !category.hasPrefix("."), !name.hasPrefix("."),
              let data = FileManager.default.contents(atPath: directory.appendingPathComponent(category).appendingPathComponent(name).path)
        else { return .status(404) }
        if let end = Self.endOfListing(kind: kind, request: request) { return end }
        return HTTPResponse(status: 200, headers: [("Content-Type", Self.contentType(category: category, name: name))],
                            body: SweepShapes.shape(kind: kind, body: [UInt8](data)))
    }

    /// The kind's empty last page for a request that asks for a page after the first, else nil.
    static func endOfListing(kind: String, request: HTTPRequest) -> HTTPResponse? {
        func number(_ name: String) -> Int { Int(request.queryValue(name) ?? "") ?? 0 }
        switch kind {
        case "oaipmh" where request.queryValue("resumptionToken") != nil:
            return xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>\
                <request verb="ListRecords">sweep</request><error code="noRecordsMatch">The sweep serves one page.</error></OAI-PMH>
                """)
        case "csw" where number("startPosition") > 1:
            return xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" version="2.0.2">\
                <csw:SearchStatus timestamp="2024-01-01T00:00:00Z"/>\
                <csw:SearchResults numberOfRecordsMatched="0" numberOfRecordsReturned="0" nextRecord="0"/></csw:GetRecordsResponse>
                """)
        case "ckan" where number("start") > 0:
            return .json(#"{"success": true, "result": {"count": 0, "results": []}}"#)
        case "socrata" where number("offset") > 0:
            return .json(#"{"results": [], "resultSetSize": 0}"#)
        case "opendatasoft" where number("offset") > 0:
            return .json(#"{"total_count": 0, "results": []}"#)
        case "udata" where number("page") > 1:
            return .json(#"{"data": [], "page": 2, "page_size": 50, "total": 0, "next_page": null}"#)
        default:
            return nil
        }
    }

    static func xml(_ text: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "text/xml; charset=utf-8")], body: Array(text.utf8))
    }

    /// What a portal of that category would send the file as.
    static func contentType(category: String, name: String) -> String {
        let ext = (name as NSString).pathExtension.lowercased()
        switch (category, ext) {
        case (_, "ttl"): return "text/turtle; charset=utf-8"
        case (_, "nt"): return "application/n-triples"
        case (_, "rdf"): return "application/rdf+xml"
        case (_, "jsonld"): return "application/ld+json"
        case (_, "html"), (_, "htm"): return "text/html; charset=utf-8"
        case ("atom_rss", _), (_, "atom"): return "application/atom+xml"
        case ("oaipmh", _), ("csw", _): return "text/xml; charset=utf-8"
        case (_, "json"): return "application/json"
        case (_, "xml"): return "application/xml"
        default: return "application/octet-stream"
        }
    }
}
