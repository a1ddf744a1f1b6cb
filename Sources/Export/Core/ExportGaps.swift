import Foundation

/// What an export had to leave out because no record of a dataset has it, counted per field (for example a DCAT-US
/// contact e-mail), so the command can say how many datasets will fail a schema and how to fill the gap.
public final class ExportGaps: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    public init() {}

    func count(_ field: String) { lock.withLock { counts[field, default: 0] += 1 } }

    /// Datasets written without the field, by field.
    public var byField: [String: Int] { lock.withLock { counts } }
}
