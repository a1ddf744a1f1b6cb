extension SearchHit {
    /// One record of a cluster, as a result needs it (the `records` columns `id`, `title`, `publisher`, `source_id`, `modified`).
    public struct Member: Sendable, Hashable {
        public var id: String
        public var title: String
        public var publisher: String?
        public var source: String
        public var modified: String?
        public var isCanonical: Bool

        public init(id: String, title: String, publisher: String?, source: String, modified: String?, isCanonical: Bool) {
            self.id = id
            self.title = title
            self.publisher = publisher
            self.source = source
            self.modified = modified
            self.isCanonical = isCanonical
        }
    }

    /// A cluster as a result: its canonical record's title (first line), publisher and date, every source it is
    /// published in, and its records with the canonical one first.
    public init(cluster: String, members: [Member], score: Double? = nil, snippet: String? = nil) {
        let ordered = members.sorted { ($0.isCanonical ? 0 : 1, $0.id) < ($1.isCanonical ? 0 : 1, $1.id) }
        let first = ordered.first
        self.init(id: first?.id ?? cluster, title: Self.firstLine(first?.title ?? ""),
                  publisher: first?.publisher, sources: Array(Set(ordered.map(\.source))).sorted(),
                  modified: first?.modified, score: score,
                  snippet: snippet.flatMap(Self.markedLine),
                  records: ordered.map(\.id))
    }

    /// The text up to its first line break.
    static func firstLine(_ text: String) -> String {
        text.utf8.firstIndex(of: UInt8(ascii: "\n")).map { String(text[..<$0]) } ?? text
    }

    /// A snippet on one line, or nil when it marks no match (`[`); over bytes, as both characters are ASCII.
    static func markedLine(_ snippet: String) -> String? {
        guard snippet.utf8.contains(UInt8(ascii: "[")) else { return nil }
        guard snippet.utf8.contains(UInt8(ascii: "\n")) else { return snippet }
        return String(decoding: snippet.utf8.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}

import Foundation
