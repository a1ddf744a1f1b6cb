public import FeedParsing

/// A data.json document: its datasets with their JSON pointers, and what is odd about the catalogue itself.
public struct DataJSONCatalog: Sendable {
    public var datasets: [(pointer: String, value: JSONValue)]
    /// Catalogue-level oddities (no `conformsTo`, an unknown `@type`), reported as warnings.
    public var problems: [(code: String, message: String)]
    /// The schema the catalogue names in `conformsTo`: a URI, or a DCAT-US 3 `Standard` object's `@id` or `title`.
    public var conformsTo: String?

    init(datasets: [(pointer: String, value: JSONValue)], problems: [(code: String, message: String)], conformsTo: String? = nil) {
        self.datasets = datasets
        self.problems = problems
        self.conformsTo = conformsTo
    }

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
        let list = object["dataset"]
        if list == nil && object["catalog"]?.array == nil { throw .notCatalog("there is no 'dataset' list") }
        if let list, list.array == nil { throw .notCatalog("'dataset' is a \(list.typeName), not a list") }
        var problems: [(code: String, message: String)] = []
        let conformsTo = object["conformsTo"].flatMap { DataJSONMapper.standards($0) }
        if object["conformsTo"] == nil {
            problems.append(("datajson.catalog.no-conformsto", "the catalogue has no 'conformsTo' naming its schema version."))
        } else if let standard = object["conformsTo"], standard.object != nil,
                  CKANFields.text(standard["@id"]) == nil && CKANFields.text(standard["title"]) == nil {
            problems.append(("datajson.catalog.conformsto-unreadable", "the catalogue's 'conformsTo' object has neither '@id' nor 'title'."))
        }
        if let type = object["@type"]?.string, type != "dcat:Catalog" && type != "Catalog" {
            problems.append(("datajson.catalog.bad-type", "the catalogue's '@type' is '\(type)', not 'dcat:Catalog'."))
        }
        var datasets: [(pointer: String, value: JSONValue)] = []
        nested(object, pointer: "", depth: 0, into: &datasets, problems: &problems)
        return DataJSONCatalog(datasets: datasets, problems: problems, conformsTo: conformsTo)
    }

    /// The datasets of a catalogue and of the catalogues it nests (DCAT-US 3 `catalog`), depth first, up to 8 levels.
    private static func nested(_ catalog: JSONObject, pointer: String, depth: Int, into datasets: inout [(pointer: String, value: JSONValue)],
                               problems: inout [(code: String, message: String)]) {
        datasets += objects(catalog["dataset"]?.array ?? [], pointer: "\(pointer)/dataset")
        guard let children = catalog["catalog"]?.array else { return }
        guard depth < 8 else {
            problems.append(("datajson.catalog.too-deep", "the catalogues nested under \(pointer)/catalog are more than 8 levels deep; they were not read."))
            return
        }
        for (index, child) in children.enumerated() {
            if let object = child.object { nested(object, pointer: "\(pointer)/catalog/\(index)", depth: depth + 1, into: &datasets, problems: &problems) }
        }
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
