import FeedParsing
import Foundation

/// Recognises a Socrata portal: a Discovery API page or views metadata at the URL itself, or
/// `/api/catalog/v1` (then `/api/views/metadata/v1`) answering in Socrata's shape.
struct SocrataDetection: DocumentDetector {
    let kind = "socrata"
    let name = "Socrata"

    func probePaths(for look: FirstLook) -> [String] {
        ["/api/catalog/v1?domains=\(URLComponents(string: look.url)?.host ?? "")&limit=1", "/api/views/metadata/v1?limit=1"]
    }

    /// What a Socrata answer is, or nil when it is not one.
    func describe(_ look: FirstLook) -> String? {
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
