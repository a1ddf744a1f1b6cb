import FeedParsing

/// Where a GetRecords harvest stands, written as the run's checkpoint: the next `startPosition` (1-based), the
/// page size in use (halved after a failing page), and the counts so far.
struct CSWCursor: Equatable {
    var start = 1
    var pageSize: Int
    var pages = 0
    /// Records listed so far, to compare with `numberOfRecordsMatched`.
    var listed = 0
    var matched: Int?

    init(pageSize: Int) {
        self.pageSize = pageSize
    }

    init?(checkpoint: String?) {
        guard let checkpoint, let value = try? JSONParser.parse(checkpoint),
              let start = value["start"]?.number?.int64.map(Int.init), let size = value["page_size"]?.number?.int64.map(Int.init) else { return nil }
        self.start = start
        pageSize = size
        pages = value["pages"]?.number?.int64.map(Int.init) ?? 0
        listed = value["listed"]?.number?.int64.map(Int.init) ?? 0
        matched = value["matched"]?.number?.int64.map(Int.init)
    }

    var json: String {
        var object: JSONObject = ["start": .number(JSONNumber(start)), "page_size": .number(JSONNumber(pageSize)),
                                  "pages": .number(JSONNumber(pages)), "listed": .number(JSONNumber(listed))]
        if let matched { object["matched"] = .number(JSONNumber(matched)) }
        return JSONWriter.string(.object(object))
    }
}
