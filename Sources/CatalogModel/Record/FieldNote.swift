/// One field as normalisation read it: the value published, what fedcat made of it, and the rule that did.
public struct FieldNote: Sendable, Hashable, Codable {
    /// The field path (`license`, `distributions[2].format`, `issued`).
    public var field: String
    /// The value as published.
    public var raw: String
    /// The value fedcat keeps (empty when the value was dropped).
    public var value: String
    /// The rule's name (`licence.cc-uri`, `date.dd-mm-yyyy`, …).
    public var rule: String

    public init(field: String, raw: String, value: String, rule: String) {
        self.field = field
        self.raw = raw
        self.value = value
        self.rule = rule
    }
}
