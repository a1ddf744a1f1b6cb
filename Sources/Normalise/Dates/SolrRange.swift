/// Reads Solr/Lucene range queries, which HDX stores as a dataset's date (ckan/hdx_unesco_dataset_package.json
/// `dataset_date`: `[1970-01-01T00:00:00 TO 2019-12-31T23:59:59]`). `*` is an open side, and so is `NOW`
/// (with or without date maths: `NOW/DAY`); `{…}` exclusive bounds are read as inclusive.
enum SolrRange {
    static func read(_ bytes: [UInt8], order: NormalisationContext.DateOrder) -> (start: String?, end: String?)? {
        guard bytes.count >= 8, let first = bytes.first, let last = bytes.last,
              first == UInt8(ascii: "[") || first == UInt8(ascii: "{"), last == UInt8(ascii: "]") || last == UInt8(ascii: "}") else { return nil }
        let inner = bytes[1..<(bytes.count - 1)]
        let separator = Array(" TO ".utf8)
        guard let at = find(separator, in: inner) else { return nil }
        guard let start = side(inner[inner.startIndex..<at], order: order),
              let end = side(inner[(at + separator.count)...], order: order) else { return nil }
        return (start.iso, end.iso)
    }

    private static func side(_ part: ArraySlice<UInt8>, order: NormalisationContext.DateOrder) -> (iso: String?, open: Bool)? {
        var part = part
        while let first = part.first, first == 0x20 { part = part.dropFirst() }
        while let last = part.last, last == 0x20 { part = part.dropLast() }
        if part.starts(with: "NOW".utf8) { return (nil, true) }
        return DateRange.side(part, order: order)
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
