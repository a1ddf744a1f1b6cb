public import CatalogModel
public import Search

/// One dataset to export: a cluster of records that describe the same data, shown by its canonical record.
public struct ExportDataset: Sendable {
    /// The cluster id (its smallest record id): the dataset's stable name.
    public var clusterID: String
    /// Every record of the cluster, the canonical one first, then by id.
    public var records: [ExportedRecord]
    /// The dataset as `fedcat search --json` shows it.
    public var hit: SearchHit

    /// The record whose fields the dataset carries.
    public var canonical: CatalogRecord { records[0].record }
}

/// One source's record of a dataset with its catalogue history.
public struct ExportedRecord: Sendable {
    public var record: CatalogRecord
    /// When the catalogue last added or changed it (ISO 8601 UTC).
    public var changedAt: String
    /// The harvest run that first added it and the one that last changed it.
    public var firstRun: Int64?
    public var lastChangedRun: Int64?
}

/// One entry of a change feed: a record added, updated or withdrawn.
public struct ExportChange: Sendable {
    public enum Kind: String, Sendable { case added, updated, withdrawn }
    public var kind: Kind
    public var recordID: String
    public var sourceID: String
    public var title: String
    /// When the change was committed (ISO 8601 UTC).
    public var at: String
    public var runID: Int64?
    /// The record as it now is (nil for a withdrawn record).
    public var record: CatalogRecord?
    /// The record's page in its source.
    public var originalURL: String?
}
