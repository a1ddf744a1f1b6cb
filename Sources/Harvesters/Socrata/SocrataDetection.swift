import FeedParsing
import Foundation

/// Recognises a Socrata portal: a Discovery API page or views metadata at the URL itself, or
/// `/api/catalog/v1` (then `/api/views/metadata/v1`) answering in Socrata's shape.
struct SocrataDetection: KindDetector {
    let kind = "socrata"
    let name = "Socrata"

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard look.json != nil, let said = Self.describe(look) else { return nil }
        return match(look.url, "the URL answered \(said)")
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        let host = URLComponents(string: look.url)?.host ?? ""
        let probes = ["/api/catalog/v1?domains=\(host)&limit=1", "/api/views/metadata/v1?limit=1"]
        for path in probes {
            guard let answer = try prober.get(look.origin + path, accept: "application/json") else { continue }
            if let said = Self.describe(answer) { return match(look.origin, "\(path) answered \(said)") }
            prober.note(answer.summary)
        }
        return nil
    }

    /// What a Socrata answer is, or nil when it is not one.
    static func describe(_ look: FirstLook) -> String? {
        guard let page = try? SocrataPage.parse(look.response.body) else { return nil }
        switch page.shape {
        case .discovery:
            // An OpenDataSoft page has `results` too: Socrata's items hold a `resource`, and the page a `resultSetSize`.
            let items = page.datasets.map(\.value)
            guard look.json?["resultSetSize"] != nil || items.contains(where: { $0["resource"]?.object != nil }) else { return nil }
            return "a Discovery API page" + (page.resultSetSize.map { " with resultSetSize \($0)" } ?? "")
        case .views:
            guard !page.datasets.isEmpty else { return nil }
            let first = page.datasets[0].value["id"]?.string ?? "?"
            return "views metadata (\(page.datasets.count) view\(page.datasets.count == 1 ? "" : "s"), the first '\(first)')"
        }
    }
}
