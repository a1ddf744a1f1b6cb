public import Fetch

/// The requests of one detection: each goes through one fetcher and counts against a small budget, and
/// each is remembered (URL and what it answered) for the sentence that says what was tried.
public final class Prober {
    public let fetcher: Fetcher
    /// How many requests the detection may still make.
    public private(set) var remaining: Int
    /// Every probe made: its URL and what it answered ("HTTP 404", "JSON that is not a catalogue").
    public private(set) var tried: [(url: String, answer: String)] = []

    public init(fetcher: Fetcher, budget: Int) {
        self.fetcher = fetcher
        self.remaining = budget
    }

    /// GETs `url` once (no retries); nil when it could not be reached or did not answer 2xx.
    public func get(_ url: String, accept: String = "*/*") throws(ProbeBudgetSpent) -> FirstLook? {
        guard remaining > 0 else { throw ProbeBudgetSpent() }
        remaining -= 1
        do {
            let response = try fetcher.get(url, headers: [("Accept", accept)])
            guard response.isSuccess else {
                tried.append((url, "HTTP \(response.status)"))
                return nil
            }
            let look = FirstLook(url: url, response: response)
            tried.append((url, "answered"))
            return look
        } catch {
            tried.append((url, Self.reason(error)))
            return nil
        }
    }

    /// Replaces the last answer with a more telling one ("JSON that is not a CKAN status").
    func note(_ answer: String) {
        guard !tried.isEmpty else { return }
        tried[tried.count - 1].answer = answer
    }
}

/// The detection's request budget is spent.
public struct ProbeBudgetSpent: Error, Sendable {}

extension Prober {
    /// A short reason for a failed request ("libcurl error 7: Couldn't connect to server").
    static func reason(_ error: FetchError) -> String {
        switch error {
        case .httpStatus(_, let status, _): return "HTTP \(status)"
        case .transport(_, let code, let message): return "libcurl error \(code): \(message)"
        default: return error.description
        }
    }
}
