import Foundation

/// A `sort` value of package_search: comma-separated `field asc|desc`,
/// fields metadata_modified, metadata_created, name, id, title_string, score
/// (score is constant here). Ties are always broken by id ascending.
struct PackageSort {
    enum Field { case modified, created, name, id, title }
    var keys: [(Field, Bool)]  // (field, descending)

    var isDefault: Bool { keys.count == 1 && keys[0].0 == .modified && keys[0].1 }

    enum Outcome { case success(PackageSort), failure(String) }

    static func parse(_ text: String) -> Outcome {
        var keys: [(Field, Bool)] = []
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ", omittingEmptySubsequences: true).map { $0.lowercased() }
            guard (1...2).contains(words.count) else { return .failure("Invalid sort: \(text)") }
            let descending: Bool
            if words.count == 2 {
                guard words[1] == "asc" || words[1] == "desc" else { return .failure("Invalid sort direction: \(words[1])") }
                descending = words[1] == "desc"
            } else {
                descending = false
            }
            switch words[0] {
            case "score": continue
            case "metadata_modified": keys.append((.modified, descending))
            case "metadata_created": keys.append((.created, descending))
            case "name": keys.append((.name, descending))
            case "id": keys.append((.id, descending))
            case "title_string", "title": keys.append((.title, descending))
            default: return .failure("sort param field can't be found: \(words[0])")
            }
        }
        if keys.isEmpty { keys = [(.modified, true)] }
        return .success(PackageSort(keys: keys))
    }

    func areInIncreasingOrder(_ a: SampleCatalog.Package, _ b: SampleCatalog.Package) -> Bool {
        for (field, descending) in keys {
            let cmp: Int
            switch field {
            case .modified: cmp = compare(a.modified ?? .min, b.modified ?? .min)
            case .created: cmp = compare(a.created ?? .min, b.created ?? .min)
            case .name: cmp = compare(a.name ?? "", b.name ?? "")
            case .id: cmp = compare(a.id ?? "", b.id ?? "")
            case .title: cmp = compare(a.title.lowercased(), b.title.lowercased())
            }
            if cmp != 0 { return descending ? cmp > 0 : cmp < 0 }
        }
        return PackageOrder.tieBreak(a, b)
    }

    private func compare<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}

/// One `fq` clause. Supported: `metadata_modified:` / `metadata_created:`
/// with `[A TO B]` (inclusive) or `{A TO B}` (exclusive) ranges, `*` for open
/// ends, or an exact timestamp; `organization:`, `owner_org:`, `name:`, `id:`,
/// `type:` / `dataset_type:`, `tags:`, `groups:` with a plain or quoted value.
/// Clauses are separated by spaces (AND); a leading `+` and the word AND are accepted.
enum PackageFilter {
    case range(dateField: Bool, lower: Int64?, lowerInclusive: Bool, upper: Int64?, upperInclusive: Bool)  // dateField: true = modified
    case exactTime(dateField: Bool, Int64)
    case organization(String)
    case ownerOrg(String)
    case name(String)
    case id(String)
    case type(String)
    case tag(String)
    case group(String)

    func matches(_ p: SampleCatalog.Package) -> Bool {
        switch self {
        case .range(let isModified, let lower, let lowerInclusive, let upper, let upperInclusive):
            guard let t = isModified ? p.modified : p.created else { return false }
            if let lower, lowerInclusive ? t < lower : t <= lower { return false }
            if let upper, upperInclusive ? t > upper : t >= upper { return false }
            return true
        case .exactTime(let isModified, let value):
            return (isModified ? p.modified : p.created) == value
        case .organization(let v): return p.organizationName == v
        case .ownerOrg(let v): return p.organizationID == v
        case .name(let v): return p.name == v
        case .id(let v): return p.id == v
        case .type(let v): return p.type == v
        case .tag(let v): return p.tags.contains(v)
        case .group(let v): return p.groups.contains(v)
        }
    }

    enum Outcome { case success([PackageFilter]), failure(String) }

    static func parse(_ fqs: [String]) -> Outcome {
        var filters: [PackageFilter] = []
        for fq in fqs {
            for clause in clauses(fq) {
                var clause = Substring(clause)
                if clause == "AND" || clause == "&&" { continue }
                if clause.hasPrefix("+") { clause = clause.dropFirst() }
                guard let colon = clause.firstIndex(of: ":") else { return .failure("unsupported fq clause: \(clause)") }
                let field = String(clause[..<colon])
                var value = String(clause[clause.index(after: colon)...])
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                guard !value.isEmpty else { return .failure("empty value for \(field)") }
                switch field {
                case "metadata_modified", "metadata_created":
                    let isModified = field == "metadata_modified"
                    if let first = value.first, first == "[" || first == "{" {
                        guard let r = range(value) else { return .failure("invalid range for \(field): \(value)") }
                        filters.append(.range(dateField: isModified, lower: r.lower, lowerInclusive: r.lowerInclusive,
                                              upper: r.upper, upperInclusive: r.upperInclusive))
                    } else if value == "*" {
                        filters.append(.range(dateField: isModified, lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true))
                    } else {
                        guard let t = Timestamp.microseconds(value) else { return .failure("invalid date for \(field): \(value)") }
                        filters.append(.exactTime(dateField: isModified, t))
                    }
                case "organization": filters.append(.organization(value))
                case "owner_org": filters.append(.ownerOrg(value))
                case "name": filters.append(.name(value))
                case "id": filters.append(.id(value))
                case "type", "dataset_type": filters.append(.type(value))
                case "tags": filters.append(.tag(value))
                case "groups": filters.append(.group(value))
                default: return .failure("undefined field \(field)")
                }
            }
        }
        return .success(filters)
    }

    /// Splits an fq on spaces outside brackets and quotes.
    static func clauses(_ fq: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        var inQuotes = false
        for ch in fq {
            if ch == "\"" { inQuotes.toggle() }
            if !inQuotes {
                if ch == "[" || ch == "{" { depth += 1 }
                if ch == "]" || ch == "}" { depth = max(0, depth - 1) }
                if ch.isWhitespace && depth == 0 {
                    if !current.isEmpty { out.append(current) }
                    current = ""
                    continue
                }
            }
            current.append(ch)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func range(_ text: String) -> (lower: Int64?, lowerInclusive: Bool, upper: Int64?, upperInclusive: Bool)? {
        guard let open = text.first, let close = text.last, text.count >= 2,
              open == "[" || open == "{", close == "]" || close == "}" else { return nil }
        let inner = text.dropFirst().dropLast()
        let parts = inner.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1] == "TO" else { return nil }
        func bound(_ s: Substring) -> Int64?? {
            if s == "*" { return .some(nil) }
            guard let t = Timestamp.microseconds(String(s)) else { return nil }
            return .some(t)
        }
        guard let lower = bound(parts[0]), let upper = bound(parts[2]) else { return nil }
        return (lower, open == "[", upper, close == "]")
    }

    /// q: nil, empty or `*:*` match everything; otherwise the lowercased words (AND).
    static func queryWords(_ q: String?) -> [String] {
        guard let q = q?.trimmingCharacters(in: .whitespaces), !q.isEmpty, q != "*:*", q != "*" else { return [] }
        return SampleCatalog.searchWords(q).filter { $0 != "and" }
    }
}
