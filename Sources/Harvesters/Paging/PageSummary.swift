import CatalogModel
import Fetch
import FeedParsing

/// What a page held, remembered so an unchanged page need not be parsed: the listing's announced size, the
/// next page when the listing links its pages, and the record ids in order.
struct PageSummary: Sendable, Equatable {
    var count: Int?
    var next: String?
    var ids: [String]
    /// Documents the page links to and a harvester follows (a DCAT catalogue listing per-dataset documents).
    var links: [String]

    init(count: Int? = nil, next: String? = nil, ids: [String], links: [String] = []) {
        self.count = count
        self.next = next
        self.ids = ids
        self.links = links
    }

    /// Reads a summary written by `json`; nil when it is not one.
    init?(json: String) {
        guard let value = try? JSONParser.parse(json), let ids = value["ids"]?.array else { return nil }
        count = value["count"]?.number?.int64.map(Int.init)
        next = value["next"]?.string
        self.ids = ids.compactMap(\.string)
        links = value["links"]?.array?.compactMap(\.string) ?? []
    }

    var json: String {
        var object: JSONObject = ["ids": .array(ids.map(JSONValue.string))]
        if let count { object["count"] = .number(JSONNumber(count)) }
        if let next { object["next"] = .string(next) }
        if !links.isEmpty { object["links"] = .array(links.map(JSONValue.string)) }
        return JSONWriter.string(.object(object))
    }
}
