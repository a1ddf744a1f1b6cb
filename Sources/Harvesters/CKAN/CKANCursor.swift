import FeedParsing

/// Where a CKAN listing stands: the next `start` and the pages read. Written as the run's checkpoint.
struct CKANCursor: Equatable {
    /// Which listing is being read.
    enum Phase: String {
        /// Every package (a full harvest).
        case all
        /// Packages modified since the last complete run (an incremental harvest) …
        case modified
        /// … then every package id, to tell which ones are gone.
        case ids
    }

    var phase = Phase.all
    var start = 0
    var pages = 0

    /// A cursor at the start, or at a checkpoint this harvester wrote.
    init(checkpoint: String?) {
        guard let checkpoint, let value = try? JSONParser.parse(checkpoint) else { return }
        start = value["start"]?.number?.int64.map(Int.init) ?? 0
        pages = value["pages"]?.number?.int64.map(Int.init) ?? 0
        phase = value["phase"]?.string.flatMap(Phase.init(rawValue:)) ?? .all
    }

    var json: String {
        var object: JSONObject = ["start": .number(JSONNumber(start)), "pages": .number(JSONNumber(pages))]
        if phase != .all { object["phase"] = .string(phase.rawValue) }
        return JSONWriter.string(.object(object))
    }
}

/// What a page held, remembered so an unchanged page need not be parsed: the listing count and the ids in order.
struct CKANPageSummary: Equatable {
    var count: Int?
    var ids: [String]

    init(count: Int?, ids: [String]) {
        self.count = count
        self.ids = ids
    }

    init?(json: String) {
        guard let value = try? JSONParser.parse(json), let ids = value["ids"]?.array else { return nil }
        self.count = value["count"]?.number?.int64.map(Int.init)
        self.ids = ids.compactMap(\.string)
    }

    var json: String {
        var object: JSONObject = ["ids": .array(ids.map(JSONValue.string))]
        if let count { object["count"] = .number(JSONNumber(count)) }
        return JSONWriter.string(.object(object))
    }
}
