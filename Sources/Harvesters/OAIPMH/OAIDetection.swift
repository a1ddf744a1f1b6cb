import FeedParsing

/// Recognises an OAI-PMH repository: an `<OAI-PMH>` response at the URL itself (any verb, or an error such
/// as badVerb for a bare base URL), or `?verb=Identify` answering the repository's name.
struct OAIDetection: KindDetector {
    let kind = "oaipmh"
    let name = "OAI-PMH"

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard look.xmlRoot?.local == "OAI-PMH", let response = try? OAIResponse.parse(look.response.body, url: look.url) else { return nil }
        let said = response.verb.map { "a \($0) response" }
            ?? response.errors.first.map { "an OAI-PMH error \($0.code)" } ?? "an OAI-PMH response"
        return match(look.base, "the URL answered \(said) (root element <OAI-PMH>)")
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        guard !look.isHTML || !look.response.isSuccess else { return nil }
        guard let answer = try prober.get(look.base + "?verb=Identify", accept: "text/xml, application/xml") else { return nil }
        guard answer.xmlRoot?.local == "OAI-PMH", let response = try? OAIResponse.parse(answer.response.body, url: answer.url),
              response.verb == "Identify" else {
            prober.note(answer.summary)
            return nil
        }
        let repository = response.identify.repositoryName.map { "repositoryName '\($0)'" } ?? "an Identify response"
        return match(look.base, "?verb=Identify answered \(repository)")
    }
}
