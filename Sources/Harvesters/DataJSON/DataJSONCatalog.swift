public import FeedParsing

/// A data.json document: its datasets with their JSON pointers, and what is odd about the catalogue itself.
public struct DataJSONCatalog: Sendable {
    public var datasets: [(pointer: String, value: JSONValue)]
    /// Catalogue-level oddities (no `conformsTo`, an unknown `@type`), reported as warnings.
    public var problems: [(code: String, message: String)]

    /// Reads a POD 1.1 / DCAT-US 3 catalogue (`{"dataset": [...]}`) or a POD 1.0 bare array of datasets.
    public static func parse(_ body: [UInt8]) throws(DataJSONError) -> DataJSONCatalog {
        let root: JSONValue
        do { root = try JSONParser.parse(body) } catch { throw .notJSON(error.description) }
        if let array = root.array {
            return DataJSONCatalog(datasets: objects(array, pointer: ""),
                                   problems: [("datajson.catalog.bare-array", "the document is a bare array of datasets (Project Open Data 1.0), not a catalogue.")])
        }
        guard let object = root.object else { throw .notCatalog("the top level is a \(root.typeName), not an object or a list") }
        if object["$schema"] != nil || object["properties"] != nil {
            throw .notCatalog("it is a JSON Schema, not a data.json catalogue")
        }
        if object["dataset"] == nil, let series = object["datasetSeries"]?.array {
            // DCAT-US 3: series whose members are the datasets.
            var datasets: [(pointer: String, value: JSONValue)] = []
            for (index, item) in series.enumerated() {
                for (member, value) in (item["seriesMember"]?.array ?? []).enumerated() {
                    datasets.append(("/datasetSeries/\(index)/seriesMember/\(member)", value))
                }
            }
            return DataJSONCatalog(datasets: datasets, problems: [])
        }
        if object["dataset"] == nil, object["identifier"] != nil || object["@type"]?.string.map({ $0.hasSuffix("Dataset") }) == true {
            // A single dataset document (DCAT-US 3 examples, one record per URL).
            return DataJSONCatalog(datasets: [("", root)], problems: [])
        }
        guard let list = object["dataset"] else { throw .notCatalog("there is no 'dataset' list") }
        guard let array = list.array else { throw .notCatalog("'dataset' is a \(list.typeName), not a list") }
        var problems: [(code: String, message: String)] = []
        if object["conformsTo"] == nil {
            problems.append(("datajson.catalog.no-conformsto", "the catalogue has no 'conformsTo' naming its schema version."))
        }
        if let type = object["@type"]?.string, type != "dcat:Catalog" {
            problems.append(("datajson.catalog.bad-type", "the catalogue's '@type' is '\(type)', not 'dcat:Catalog'."))
        }
        return DataJSONCatalog(datasets: objects(array, pointer: "/dataset"), problems: problems)
    }

    private static func objects(_ array: [JSONValue], pointer: String) -> [(pointer: String, value: JSONValue)] {
        array.enumerated().map { ("\(pointer)/\($0.offset)", $0.element) }
    }
}

/// Why a data.json document could not be read.
public enum DataJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case notCatalog(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .notCatalog(let detail): return "it is not a data.json catalogue: \(detail)"
        }
    }
}
