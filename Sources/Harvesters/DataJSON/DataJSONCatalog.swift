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

    /// Reads a POD 1.1 / DCAT-US 3 catalogue (`{"dataset": [...]}`) or a POD 1.0 bare array of datasets, whole.
    /// A dataset that is not JSON makes the document not JSON.
    public static func parse(_ body: [UInt8]) throws(DataJSONError) -> DataJSONCatalog {
        var datasets: [(pointer: String, value: JSONValue)] = []
        var broken: DataJSONError? = nil
        var catalog = try read(JSONMemorySource(body)) { item in
            switch item {
            case .dataset(let pointer, let value):
                datasets.append((pointer, value))
                return true
            case .broken(_, _, let message):
                broken = .notJSON(message)
                return false
            }
        }
        if let broken { throw broken }
        catalog.datasets = datasets
        return catalog
    }

    /// Reads a catalogue a dataset at a time, in bounded memory: `onItem` gets each dataset as soon as it is read
    /// (or why it could not be), and returns false to stop. The catalogue returned has no `datasets`.
    ///
    /// The top-level `dataset` list is streamed; nested catalogues and DCAT-US 3 series are read whole.
    public static func read(_ source: some JSONByteSource, options: JSONStream.Options = JSONStream.Options(),
                            onItem: (DataJSONItem) -> Bool) throws(DataJSONError) -> DataJSONCatalog {
        let outline: JSONStream.Outline
        do {
            outline = try JSONStream.read(source, streaming: "dataset", options: options) { place, element in
                onItem(DataJSONItem(element, at: place, parser: options.parser, limit: options.maxElementBytes))
            }
        } catch {
            switch error {
            case .syntax(let syntax): throw .notJSON(syntax.description)
            case .unreadable, .memberTooLarge: throw .unreadable(error.description)
            }
        }
        if outline.stopped { return DataJSONCatalog(datasets: [], problems: []) }
        let object: JSONObject
        switch outline.root {
        case .scalar(let value):
            throw .notCatalog("the top level is a \(value.typeName), not an object or a list")
        case .array:
            return DataJSONCatalog(datasets: [],
                                   problems: [("datajson.catalog.bare-array", "the document is a bare array of datasets (Project Open Data 1.0), not a catalogue.")])
        case .object(let members):
            object = members
        }
        if object["$schema"] != nil || object["properties"] != nil {
            throw .notCatalog("it is a JSON Schema, not a data.json catalogue")
        }
        var emitted: [(pointer: String, value: JSONValue)] = []
        var problems: [(code: String, message: String)] = []
        if outline.streamed == nil {
            if object["dataset"] == nil, let series = object["datasetSeries"]?.array {
                // DCAT-US 3: series whose members are the datasets.
                for (index, item) in series.enumerated() {
                    for (member, value) in (item["seriesMember"]?.array ?? []).enumerated() {
                        emitted.append(("/datasetSeries/\(index)/seriesMember/\(member)", value))
                    }
                }
                emit(emitted, onItem)
                return DataJSONCatalog(datasets: [], problems: [])
            }
            if object["dataset"] == nil, object["identifier"] != nil || object["@type"]?.string.map({ $0.hasSuffix("Dataset") }) == true {
                // A single dataset document (DCAT-US 3 examples, one record per URL).
                emit([("", .object(object))], onItem)
                return DataJSONCatalog(datasets: [], problems: [])
            }
            let list = object["dataset"]
            if list == nil && object["catalog"]?.array == nil { throw .notCatalog("there is no 'dataset' list") }
            if let list { throw .notCatalog("'dataset' is a \(list.typeName), not a list") }
        }
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
        // The top level's own `dataset` list was streamed; the catalogues it nests are read here.
        var top = object
        top["dataset"] = nil
        nested(top, pointer: "", depth: 0, into: &emitted, problems: &problems)
        emit(emitted, onItem)
        return DataJSONCatalog(datasets: [], problems: problems, conformsTo: conformsTo)
    }

    /// Hands over datasets read whole (series members, a single dataset, nested catalogues) until `onItem` stops.
    private static func emit(_ datasets: [(pointer: String, value: JSONValue)], _ onItem: (DataJSONItem) -> Bool) {
        for (pointer, value) in datasets where !onItem(.dataset(pointer: pointer, value: value)) { return }
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
    /// The document could not be read (its file, a member too large to read).
    case unreadable(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .notCatalog(let detail): return "it is not a data.json catalogue: \(detail)"
        case .unreadable(let detail): return "it could not be read: \(detail)"
        }
    }
}

/// One dataset of a catalogue read by `DataJSONCatalog.read`, or why the one at `pointer` could not be read.
public enum DataJSONItem {
    case dataset(pointer: String, value: JSONValue)
    /// `code` is `datajson.dataset.not-json` or `datajson.dataset.too-large`; `message` a sentence fragment.
    case broken(pointer: String, code: String, message: String)

    /// Parses a streamed element.
    init(_ element: JSONStream.Element, at place: JSONStream.Place, parser: JSONParser.Options, limit: Int) {
        switch element {
        case .tooLarge(let size):
            self = .broken(pointer: place.pointer, code: "datajson.dataset.too-large",
                           message: "the dataset at \(place.pointer) (byte \(place.offset) of the document) is \(size) bytes, more than the \(limit / 1_048_576) MB a dataset may take; it was skipped")
        case .bytes(let bytes):
            do throws(JSONParseError) {
                self = .dataset(pointer: place.pointer, value: try JSONParser.parse(bytes, options: parser))
            } catch {
                self = .broken(pointer: place.pointer, code: "datajson.dataset.not-json",
                               message: "the dataset at \(place.pointer) (byte \(place.offset) of the document) is not JSON at line \(error.line), column \(error.column) of the dataset (byte \(place.offset + error.byteOffset) of the document): \(error.message); it was skipped")
            }
        }
    }
}
