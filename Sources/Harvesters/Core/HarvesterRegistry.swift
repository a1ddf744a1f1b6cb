/// The harvester kinds fedcat knows. Adding a kind is one folder and one line in `builtIn`.
public enum HarvesterRegistry {
    /// Every built-in kind, in the order `fedcat source kinds` lists them.
    public static let builtIn: [any Harvester.Type] = [
        CKANHarvester.self,
        DataJSONHarvester.self,
        DCATHarvester.self,
        SocrataHarvester.self,
        ODSHarvester.self,
        UdataHarvester.self,
        SchemaOrgHarvester.self,
        AtomHarvester.self,
        OAIHarvester.self,
        CSWHarvester.self,
    ]

    /// The kind names, for error messages and help.
    public static var kinds: [String] { builtIn.map { $0.description.kind } }

    /// The harvester type for `kind`, or an error listing the known kinds.
    public static func harvesterType(for kind: String) throws(UnknownKindError) -> any Harvester.Type {
        guard let type = builtIn.first(where: { $0.description.kind == kind.lowercased() }) else {
            throw UnknownKindError(kind: kind, known: kinds)
        }
        return type
    }
}

/// A `kind:` that no harvester answers to.
public struct UnknownKindError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var known: [String]

    public var description: String {
        "Unknown harvester kind '\(kind)'. Known kinds: \(known.joined(separator: ", "))."
    }
}
