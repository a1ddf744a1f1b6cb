import FeedParsing

/// Where a ListRecords harvest stands, written as the run's checkpoint: the resumption token to send next
/// (nil before the first page), the arguments of the first request, and the counts so far. A killed run
/// resumes with the token; `deleted` keeps the records an incremental run saw withdrawn.
struct OAICursor: Equatable {
    var prefix: String
    var set: String?
    /// The `from=` of an incremental harvest, in the server's granularity.
    var from: String?
    var token: String?
    var pages = 0
    /// Records listed so far (deleted ones included), to compare with `completeListSize`.
    var listed = 0
    /// True once a badResumptionToken made the listing start again.
    var restarted = false
    var deleted: [String] = []

    init(prefix: String, set: String?, from: String?) {
        self.prefix = prefix
        self.set = set
        self.from = from
    }

    init?(checkpoint: String?) {
        guard let checkpoint, let value = try? JSONParser.parse(checkpoint), let prefix = value["prefix"]?.string else { return nil }
        self.prefix = prefix
        set = value["set"]?.string
        from = value["from"]?.string
        token = value["token"]?.string
        pages = value["pages"]?.number?.int64.map(Int.init) ?? 0
        listed = value["listed"]?.number?.int64.map(Int.init) ?? 0
        restarted = value["restarted"]?.bool ?? false
        deleted = value["deleted"]?.array?.compactMap(\.string) ?? []
    }

    var json: String {
        var object: JSONObject = ["prefix": .string(prefix), "pages": .number(JSONNumber(pages)),
                                  "listed": .number(JSONNumber(listed)), "restarted": .bool(restarted)]
        if let set { object["set"] = .string(set) }
        if let from { object["from"] = .string(from) }
        if let token { object["token"] = .string(token) }
        if !deleted.isEmpty { object["deleted"] = .array(deleted.map(JSONValue.string)) }
        return JSONWriter.string(.object(object))
    }
}
