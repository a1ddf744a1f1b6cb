/// What is known of the URLs of a run: whether each answered. Without a link check nothing is known and the
/// two "answers" metrics are left out of the score (not counted as failed).
public struct LinkStatus: Sendable {
    private let answers: (@Sendable (String) -> Bool)?

    /// No link check: the "answers" metrics are not checked.
    public static let unchecked = LinkStatus(answers: nil)

    /// Links checked: `answers(url)` tells whether the URL answered.
    public init(answers: (@Sendable (String) -> Bool)?) { self.answers = answers }

    public var checked: Bool { answers != nil }

    func answered(_ url: String) -> Bool { answers?(url) ?? false }
}
