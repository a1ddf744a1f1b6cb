public import CatalogModel

/// Sets `matchKey` on the publisher and the creator (see `PublisherKey`) so that one organisation spelt several
/// ways can be found and grouped; the name shown stays as published. No note: the key is derived, not a reading
/// of a published value, and it is recomputed whenever the rule runs.
public struct PublisherKeyRule: NormalisationRule {
    public let name = "publisher-key"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        if var publisher = record.publisher {
            publisher.matchKey = PublisherKey.make(publisher.name)
            record.publisher = publisher
        }
        if var creator = record.creator {
            creator.matchKey = PublisherKey.make(creator.name)
            record.creator = creator
        }
    }
}
