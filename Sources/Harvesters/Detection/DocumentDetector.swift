/// A detector decided by one reading of a document: what the URL itself answers, then the same reading of
/// a few endpoints under the URL's origin, in order. Most kinds are one (CKAN, OAI-PMH and CSW probe the URL's
/// own path and have their own `probe`).
protocol DocumentDetector: KindDetector {
    /// What the document is, in a few words ("a Discovery API page with resultSetSize 3412"), or nil when it is
    /// not of this kind.
    func describe(_ look: FirstLook) -> String?
    /// Paths, with their query, under the URL's origin to ask in order.
    func probePaths(for look: FirstLook) -> [String]
    /// The URL to register when `probed` answered: the portal (the origin) or the document itself.
    func registeredURL(probed: String, look: FirstLook) -> String
    /// The `Accept` header of the probes.
    var accept: String { get }
}

extension DocumentDetector {
    var accept: String { "application/json" }

    func registeredURL(probed: String, look: FirstLook) -> String { look.origin }

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard look.response.isSuccess, let said = describe(look) else { return nil }
        return match(look.url, "the URL answered \(said)")
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        try probeDocuments(look, using: prober)
    }

    /// Asks each of `probePaths` in order and reads the answers with `describe`.
    func probeDocuments(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        for path in probePaths(for: look) {
            let url = look.origin + path
            guard url != look.url, let answer = try prober.get(url, accept: accept) else { continue }
            if let said = describe(answer) {
                return match(registeredURL(probed: url, look: look), "\(path.prefix { $0 != "?" }) answered \(said)")
            }
            prober.note(answer.summary)
        }
        return nil
    }
}
