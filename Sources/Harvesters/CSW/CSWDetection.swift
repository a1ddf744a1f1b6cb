import Foundation

/// Recognises an OGC CSW endpoint: a `csw:Capabilities` or `GetRecordsResponse` at the URL itself, or
/// `?service=CSW&request=GetCapabilities` answering one.
struct CSWDetection: KindDetector {
    let kind = "csw"
    let name = "CSW"

    /// CSW 2.0.2 and 3.0 (`http://www.opengis.net/cat/csw/3.0`, which pycsw also serves).
    static func isCSW(_ namespace: String?) -> Bool { namespace?.hasPrefix("http://www.opengis.net/cat/csw/") ?? false }
    /// Query parameters of a request, dropped from the URL to register (the harvester adds its own).
    static let requestParameters: Set<String> = ["service", "request", "version", "acceptversions", "outputschema", "typenames",
                                                 "elementsetname", "resulttype", "startposition", "maxrecords"]

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard let root = look.xmlRoot, Self.isCSW(root.namespace),
              root.local == "Capabilities" || root.local == "GetRecordsResponse" else { return nil }
        let version = look.xmlRootAttributes["version"].map { " version \($0)" } ?? ""
        return match(Self.endpoint(look.url), "the URL answered <\(root.qualified)>\(version)")
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        guard !look.isHTML || !look.response.isSuccess else { return nil }
        let endpoint = Self.endpoint(look.url)
        let query = "service=CSW&version=2.0.2&request=GetCapabilities"
        let url = endpoint + (endpoint.contains("?") ? "&" : "?") + query
        guard let answer = try prober.get(url, accept: "application/xml, text/xml") else { return nil }
        guard let root = answer.xmlRoot, Self.isCSW(root.namespace), root.local == "Capabilities" else {
            prober.note(answer.summary)
            return nil
        }
        let version = answer.xmlRootAttributes["version"].map { " version \($0)" } ?? ""
        return match(endpoint, "?service=CSW&request=GetCapabilities answered <\(root.qualified)>\(version)")
    }

    /// The endpoint without the request's own parameters (other parameters, such as a portal's, are kept).
    static func endpoint(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        let kept = (components.queryItems ?? []).filter { !requestParameters.contains($0.name.lowercased()) }
        components.queryItems = kept.isEmpty ? nil : kept
        components.fragment = nil
        return components.string ?? url
    }
}
