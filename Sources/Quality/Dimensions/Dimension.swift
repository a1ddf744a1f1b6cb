/// One of the five dimensions of the data.europa.eu Metadata Quality Assessment (MQA), derived from the FAIR
/// principles plus context.
public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
    case findability, accessibility, interoperability, reusability, contextuality

    /// The name shown in reports.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// A label short enough for a chart axis or a table column.
    public var shortTitle: String {
        switch self {
        case .findability: "Find"
        case .accessibility: "Access"
        case .interoperability: "Interop"
        case .reusability: "Reuse"
        case .contextuality: "Context"
        }
    }

    /// The metrics scored in this dimension, in the order of the MQA tables.
    public var metrics: [Metric] { Metric.allCases.filter { $0.dimension == self } }

    /// The most points the dimension can give (MQA: 100, 100, 110, 75, 20; 405 in all).
    public var maximum: Int { metrics.map(\.weight).reduce(0, +) }
}
