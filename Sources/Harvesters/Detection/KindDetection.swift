public import Fetch
import Foundation

/// Finds which harvester kind a URL is: one GET of the URL itself (its Content-Type and body read by every
/// detector), then, when none recognises it, each detector's own endpoints in a fixed order within a small
/// request budget. The answer names the signal that decided it, or says what was found instead.
public struct KindDetection: Sendable {
    /// The built-in detectors, in the order they are asked. What the URL itself answers is tried against all
    /// of them first; API probes come in this order too (the cheap, unambiguous JSON APIs first).
    public static let builtIn: [any KindDetector] = [
        CKANDetection(),
        SocrataDetection(),
        ODSDetection(),
        UdataDetection(),
        DataJSONDetection(),
        OAIDetection(),
        CSWDetection(),
        AtomDetection(),
        DCATDetection(),
        SchemaOrgDetection(),
    ]

    public var detectors: [any KindDetector]
    /// Requests the detection may make, the URL's own GET included.
    public var budget: Int

    public init(detectors: [any KindDetector] = KindDetection.builtIn, budget: Int = 14) {
        self.detectors = detectors
        self.budget = budget
    }

    /// Fetch options for detection: short timeouts, no retries, a 64 MB body limit, 90 seconds in all.
    public static func fetchOptions(userAgent: String, allowFileURLs: Bool = false) -> FetchOptions {
        var options = FetchOptions(userAgent: userAgent)
        options.allowFileURLs = allowFileURLs
        options.runDeadline = Date().addingTimeInterval(90)
        options.connectTimeout = 10
        options.requestTimeout = 30
        options.maxBodyBytes = 64 << 20
        options.maxCompressedBytes = 64 << 20
        options.retry = .never
        return options
    }

    /// The kind of `url`, or a sentence saying what it answered instead.
    public func detect(_ url: String, using fetcher: Fetcher) throws(DetectionError) -> KindMatch {
        let prober = Prober(fetcher: fetcher, budget: budget)
        let response: FetchResponse
        do {
            response = try fetcher.get(url, headers: [("Accept", Self.accept)])
        } catch {
            switch error {
            case .bodyTooLarge(_, let limit), .transferTooLarge(_, let limit): throw .tooLarge(url: url, limit: limit)
            default: throw .unreachable(url: url, reason: error.description)
            }
        }
        let look = FirstLook(url: url, response: response)
        if response.isSuccess {
            for detector in detectors {
                if let found = detector.recognise(look) { return found }
            }
            if look.isHTML, let linked = followAlternate(look, prober: prober) { return linked }
        }
        for detector in detectors {
            do {
                if let found = try detector.probe(look, using: prober) { return found }
            } catch {
                break
            }
        }
        throw .notACatalogue(url: url, found: look.summary + (look.isHTML && response.isSuccess ? " with no catalogue links" : ""),
                             kinds: detectors.map(\.name), tried: prober.tried.map { ($0.url, $0.answer) })
    }

    /// An HTML page that links a feed or an RDF catalogue (`<link rel="alternate" type="…" href="…">`): the
    /// linked document is fetched and recognised.
    func followAlternate(_ look: FirstLook, prober: Prober) -> KindMatch? {
        for link in HTMLAlternateLinks.find(in: look.response.body, base: look.response.effectiveURL) {
            let linked: FirstLook?
            do { linked = try prober.get(link.href, accept: link.type) } catch { return nil }
            guard let linked else { continue }
            for detector in detectors {
                if var found = detector.recognise(linked) {
                    found.signal += " (linked from \(look.url) by <link rel=\"alternate\" type=\"\(link.type)\">)"
                    return found
                }
            }
            prober.note(linked.summary)
        }
        return nil
    }

    /// What the first GET asks for: catalogue formats first, HTML last.
    static let accept = "application/json, application/ld+json;q=0.9, text/turtle;q=0.9, application/rdf+xml;q=0.9, "
        + "application/atom+xml;q=0.8, application/rss+xml;q=0.8, application/xml;q=0.7, text/xml;q=0.7, text/html;q=0.5, */*;q=0.1"
}

/// Why no kind was found, as a sentence naming the URL and what it answered.
public enum DetectionError: Error, Sendable, CustomStringConvertible {
    /// The URL could not be fetched at all.
    case unreachable(url: String, reason: String)
    /// The URL answered more than detection reads (a large dump).
    case tooLarge(url: String, limit: Int)
    /// The URL answered, but neither it nor any probed endpoint is a catalogue.
    case notACatalogue(url: String, found: String, kinds: [String], tried: [(String, String)])

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            return "\(url) could not be reached, so its kind could not be detected: \(reason)"
        case .tooLarge(let url, let limit):
            return "\(url) answered more than \(limit / 1_048_576 > 0 ? "\(limit / 1_048_576) MB" : "\(limit) bytes"), too much to detect its kind from; "
                + "give it with --kind (a large dump is usually dcat or datajson)."
        case .notACatalogue(let url, let found, let kinds, let tried):
            let list = kinds.count > 1 ? kinds.dropLast().joined(separator: ", ") + " or " + kinds.last! : kinds.joined()
            var sentence = "\(url) answered \(found): not a \(list) source."
            if !tried.isEmpty {
                sentence += " Also tried: " + tried.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + "."
            }
            return sentence + " Give the kind with --kind if you know it."
        }
    }
}
