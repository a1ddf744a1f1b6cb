public import CatalogModel
public import Foundation

/// Turns one raw payload into a record plus the problems found in it; a pure function, no I/O.
public protocol RecordMapper: Sendable {
    func map(_ raw: RawRecord, context: MappingContext) -> MappingResult
}

/// What a mapper knows besides the payload.
public struct MappingContext: Sendable {
    public var source: SourceConfig
    public var harvestedAt: Date

    public init(source: SourceConfig, harvestedAt: Date) {
        self.source = source
        self.harvestedAt = harvestedAt
    }
}

/// A mapped record (nil when the payload could not be used) and its issues.
public struct MappingResult: Sendable {
    public var record: CatalogRecord?
    public var issues: [RecordIssue]

    public init(record: CatalogRecord?, issues: [RecordIssue]) {
        self.record = record
        self.issues = issues
    }
}
