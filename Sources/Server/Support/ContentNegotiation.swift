/// Picks the representation of a resource from an Accept header (RFC 9110 §12.5.1): the offered type with the highest
/// quality, the server's order breaking ties; no header, or only `*/*`, gives the first offered type.
public struct ContentNegotiation: Sendable {
    /// One media range of an Accept header with its quality.
    struct Range: Equatable {
        var type: String
        var subtype: String
        var quality: Double
    }

    /// Reads `text/html;q=0.9, application/*;q=0.5, */*;q=0.1` into media ranges (unknown parameters ignored).
    static func ranges(_ header: String) -> [Range] {
        header.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let media = parts.first, !media.isEmpty else { return nil }
            let halves = media.split(separator: "/", maxSplits: 1).map(String.init)
            let type = halves[0], subtype = halves.count > 1 ? halves[1] : "*"
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 1.0
            }
            return Range(type: type, subtype: subtype, quality: max(0, min(1, quality)))
        }
    }

    /// The best of `offered` (media types like `text/turtle`) for `accept`; nil when every one is refused.
    public static func choose(_ offered: [String], accept: String?) -> String? {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return offered.first }
        let ranges = Self.ranges(accept)
        var best: (type: String, quality: Double, specificity: Int)?
        for type in offered {
            let halves = type.lowercased().split(separator: "/", maxSplits: 1).map(String.init)
            // The most specific range that matches decides the type's quality.
            var match: (quality: Double, specificity: Int)?
            for range in ranges {
                let specificity: Int
                if range.type == halves[0] && range.subtype == halves[1] { specificity = 2 }
                else if range.type == halves[0] && range.subtype == "*" { specificity = 1 }
                else if range.type == "*" && range.subtype == "*" { specificity = 0 }
                else { continue }
                if match == nil || specificity > match!.specificity { match = (range.quality, specificity) }
            }
            guard let match, match.quality > 0 else { continue }
            if best == nil || match.quality > best!.quality || (match.quality == best!.quality && match.specificity > best!.specificity) {
                best = (type, match.quality, match.specificity)
            }
        }
        return best?.type
    }
}
