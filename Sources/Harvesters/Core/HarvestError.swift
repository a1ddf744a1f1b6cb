public import Fetch

/// Why a harvest could not go on, as a sentence naming the source and URL.
public enum HarvestError: Error, Sendable, CustomStringConvertible {
    /// The source's URL or options cannot be used.
    case badSource(sourceID: String, reason: String)
    /// A request failed.
    case fetch(sourceID: String, FetchError)
    /// A page came back but is not what the protocol promises.
    case badResponse(sourceID: String, url: String, reason: String)
    /// The portal answered with its own error (`success: false`, an OAI error, …).
    case portalError(sourceID: String, url: String, message: String)
    /// Paging went wrong: a repeated page, a loop, too many pages.
    case paging(sourceID: String, url: String, reason: String)
    /// The harvest was stopped from outside, or the store refused a write.
    case stopped(sourceID: String, reason: String)

    public var description: String {
        switch self {
        case .badSource(let id, let reason):
            return "Source '\(id)': \(reason)"
        case .fetch(let id, let error):
            return "Source '\(id)': \(error.description)"
        case .badResponse(let id, let url, let reason):
            return "Source '\(id)': the response from \(url) could not be read: \(reason)"
        case .portalError(let id, let url, let message):
            return "Source '\(id)': the portal answered \(url) with an error: \(message)"
        case .paging(let id, let url, let reason):
            return "Source '\(id)': paging stopped at \(url): \(reason)"
        case .stopped(let id, let reason):
            return "Source '\(id)': the harvest was stopped: \(reason)"
        }
    }
}
