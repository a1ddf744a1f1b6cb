import FeedParsing
import Foundation

/// Recognises a CKAN portal: an Action API envelope (`help`, `success`, `result`) at the URL itself, or
/// `status_show` answering its `ckan_version`.
struct CKANDetection: KindDetector {
    let kind = "ckan"
    let name = "CKAN"

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard let object = look.json?.object, object["help"]?.string != nil, object["success"]?.bool == true,
              object["result"] != nil, let endpoint = CKANEndpoint(url: Self.actionFree(look.base)) else { return nil }
        return match(endpoint.portalRoot, "the URL answered a CKAN Action API envelope (help, success, result)")
    }

    /// The URL without a trailing `/api/3/action/<action>` or `/api/action/<action>`.
    static func actionFree(_ url: String) -> String {
        for marker in ["/api/3/action/", "/api/action/"] {
            if let range = url.range(of: marker, options: .backwards) { return String(url[..<range.lowerBound]) }
        }
        return url
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        guard let endpoint = CKANEndpoint(url: look.base) else { return nil }
        guard let status = try prober.get(endpoint.action("status_show"), accept: "application/json") else { return nil }
        guard let object = status.json?.object, object["success"]?.bool == true, let result = object["result"]?.object else {
            prober.note(status.summary)
            return nil
        }
        let version = result["ckan_version"]?.scalarText
        let path = String(endpoint.actionBase.dropFirst(endpoint.portalRoot.count)) + "/status_show"
        let said = version.map { "ckan_version \($0)" } ?? "success without a ckan_version"
        return match(endpoint.portalRoot, "\(path) answered \(said)")
    }
}
