import FeedParsing

/// Where a listing that links its pages (`next_page`, `hydra:next`) stands: the next page to read, how many
/// pages were read and how many records they held; written as the checkpoint a resumed run starts from.
struct LinkCursor: Equatable {
    var next: String
    var pages: Int
    var received: Int

    init(next: String, pages: Int, received: Int) {
        self.next = next
        self.pages = pages
        self.received = received
    }

    init?(checkpoint: String?) {
        guard let checkpoint, let value = try? JSONParser.parse(checkpoint), let next = value["next"]?.string else { return nil }
        self.next = next
        pages = value["pages"]?.number?.int64.map(Int.init) ?? 0
        received = value["received"]?.number?.int64.map(Int.init) ?? 0
    }

    var json: String {
        JSONWriter.string(["next": .string(next), "pages": .number(JSONNumber(pages)), "received": .number(JSONNumber(received))])
    }
}
