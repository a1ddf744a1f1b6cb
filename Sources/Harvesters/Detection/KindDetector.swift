/// How a kind recognises its sources. One detector per kind lives in the kind's folder
/// (`<Kind>/<Kind>Detection.swift`); `KindDetection.builtIn` lists them.
///
/// Every implementation guarantees:
/// - `recognise` makes no request: it reads only what the URL itself answered;
/// - `probe` asks only through `prober`, which counts each request against the detection's budget and
///   refuses the request once the budget is spent;
/// - a match names the signal that decided it, as a sentence ("CKAN: /api/3/action/status_show answered
///   ckan_version 2.10.4"), and the URL to register (the portal root, the endpoint, the document).
public protocol KindDetector: Sendable {
    /// The harvester kind it recognises (`ckan`), one of `HarvesterRegistry.kinds`.
    var kind: String { get }
    /// The kind's name in sentences (`CKAN`, `OpenDataSoft`).
    var name: String { get }
    /// Recognises the kind from the URL's own answer, or nil.
    func recognise(_ look: FirstLook) -> KindMatch?
    /// Asks the kind's own endpoints under the URL, or nil when none answered as this kind.
    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch?
}

extension KindDetector {
    /// A detector that only recognises what the URL itself answers.
    public func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? { nil }

    /// A match of this detector's kind.
    func match(_ url: String, _ signal: String, options: [String: String] = [:]) -> KindMatch {
        KindMatch(kind: kind, url: url, signal: "\(name): \(signal)", options: options)
    }
}

/// What a detector found: the kind, the URL to register and the signal that decided it.
public struct KindMatch: Sendable, Hashable {
    public var kind: String
    /// The URL to write in the source file.
    public var url: String
    /// The deciding signal, as a sentence starting with the kind's name.
    public var signal: String
    /// Options the detector suggests (none are required).
    public var options: [String: String]

    public init(kind: String, url: String, signal: String, options: [String: String] = [:]) {
        self.kind = kind
        self.url = url
        self.signal = signal
        self.options = options
    }
}
