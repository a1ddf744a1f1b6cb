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
