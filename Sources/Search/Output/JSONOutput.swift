import Foundation

/// The JSON `fedcat search --json` and `fedcat show --json` print, and `fedcat serve` answers: sorted keys, unescaped
/// slashes, dates in ISO 8601.
public enum JSONOutput {
    public static func string(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }
}

/// A record with the other places its dataset is published (`fedcat show --json`, `/datasets/{id}`).
public struct RecordDocument: Encodable, Sendable {
    public var record: CatalogRecord
    public var cluster: ClusterInfo?

    public init(record: CatalogRecord, cluster: ClusterInfo?) {
        self.record = record
        self.cluster = cluster
    }

    public func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        enum Keys: String, CodingKey { case cluster }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(cluster, forKey: .cluster)
    }
}

public import CatalogModel
public import CatalogStore
