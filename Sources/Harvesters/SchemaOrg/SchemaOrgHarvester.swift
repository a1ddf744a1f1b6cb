public import CatalogModel
public import Fetch
public import FeedParsing

/// Harvests schema.org `Dataset` descriptions from one URL: a JSON-LD document (a Dataset, a list of them, an
/// `@graph`, or a `DataCatalog` with `dataset`), or an HTML landing page with `<script type="application/ld+json">` blocks.
public struct SchemaOrgHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "schemaorg",
        title: "schema.org Dataset (JSON-LD)",
        summary: "The schema.org Datasets of one JSON-LD document or of the ld+json scripts of one HTML page, one fetch.",
        exampleURL: "https://example.org/catalog.jsonld")

    public static var mapper: any RecordMapper { SchemaOrgMapper() }

    public let source: SourceConfig

    public init(source: SourceConfig) throws(HarvestError) {
        let url = source.url.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://") else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a JSON-LD document or HTML page (for example \(Self.description.exampleURL)).")
        }
        self.source = source
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        let handout = ListingHandout(sourceID: source.id, duplicateCode: "schemaorg.duplicate-identifier", noun: "Dataset",
                                     mediaType: "application/ld+json")
        return try SingleDocument.gather(source.url, context: context, fetcher: fetcher,
                                         accept: "application/ld+json, application/json;q=0.9, text/html;q=0.8",
                                         handout: handout, into: sink) { (response) throws(HarvestError) in
            let url = source.url
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let contentType = response.headers["content-type"]?.lowercased() ?? ""
            let document: SchemaOrgDocument
            do throws(SchemaOrgError) {
                document = try SchemaOrgDocument.parse(response.body, html: contentType.contains("html") ? true : nil)
            } catch {
                let type = contentType.isEmpty ? "" : " (Content-Type \(contentType))"
                throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
            }
            for problem in document.problems {
                sink.issue(RecordIssue(code: problem.code, severity: .warning, message: "Source '\(source.id)' (\(url)): \(problem.message)",
                                       location: problem.location, url: url))
            }
            return (document.datasets.map { (pointer: $0.location, value: $0.value) },
                    document.datasets.map { SchemaOrgMapper.localID(of: $0.value) ?? "" })
        }
    }
}

/// The schema.org Datasets of a JSON-LD document or HTML page, each with where it was found.
///
/// Locations are JSON pointers; in an HTML page they are prefixed by the block, `script[2]/@graph/0`.
public struct SchemaOrgDocument: Sendable {
    public var datasets: [(location: String, value: JSONValue)]
    /// Document-level oddities (no Dataset, an unreadable script), reported as warnings.
    public var problems: [(code: String, message: String, location: String?)]

    /// Reads `body` as HTML when `html` is true, as JSON when false, and by its first byte when nil.
    public static func parse(_ body: [UInt8], html: Bool? = nil) throws(SchemaOrgError) -> SchemaOrgDocument {
        var document = SchemaOrgDocument(datasets: [], problems: [])
        var types: [String] = []
        if html ?? JSONLDScripts.looksLikeHTML(body) {
            let blocks = JSONLDScripts.extract(body)
            guard !blocks.isEmpty else { throw .noJSONLD }
            var readable = 0
            for block in blocks {
                let prefix = "script[\(block.number)]"
                do {
                    let root = try JSONParser.parse(block.body)
                    readable += 1
                    document.collect(root, pointer: "", prefix: prefix, depth: 0, types: &types)
                } catch {
                    document.problems.append(("schemaorg.script.invalid-json",
                                              "ld+json script \(block.number) (byte \(block.offset)) is not valid JSON (\(error.description)); it was skipped.",
                                              prefix))
                }
            }
            if readable == 0 { throw .notJSON("none of the page's \(blocks.count) ld+json scripts is valid JSON") }
        } else {
            let root: JSONValue
            do { root = try JSONParser.parse(body) } catch { throw .notJSON(error.description) }
            guard root.object != nil || root.array != nil else { throw .notJSONLD("the top level is a \(root.typeName)") }
            document.collect(root, pointer: "", prefix: "", depth: 0, types: &types)
        }
        if document.datasets.isEmpty {
            let found = types.isEmpty ? "no typed node" : "only \(Set(types).sorted().joined(separator: ", "))"
            document.problems.append(("schemaorg.document.no-dataset", "the document holds no schema.org Dataset (\(found)).", nil))
        }
        return document
    }

    /// Walks arrays, `@graph` and `DataCatalog.dataset` for Dataset nodes; nested Datasets (isPartOf, hasPart) are not records.
    private mutating func collect(_ value: JSONValue, pointer: String, prefix: String, depth: Int, types: inout [String]) {
        guard depth < 8 else { return }
        if let array = value.array {
            for (index, item) in array.enumerated() {
                collect(item, pointer: "\(pointer)/\(index)", prefix: prefix, depth: depth + 1, types: &types)
            }
            return
        }
        guard let object = value.object else { return }
        let nodeTypes = SchemaOrgMapper.types(of: value)
        types += nodeTypes
        if SchemaOrgMapper.isDataset(value) {
            datasets.append((prefix + pointer, value))
            return
        }
        if let graph = object["@graph"] {
            collect(graph, pointer: "\(pointer)/@graph", prefix: prefix, depth: depth + 1, types: &types)
        }
        if nodeTypes.contains(where: { $0.lowercased() == "datacatalog" }), let list = object["dataset"] {
            collect(list, pointer: "\(pointer)/dataset", prefix: prefix, depth: depth + 1, types: &types)
        }
    }
}

/// Why a schema.org document could not be read.
public enum SchemaOrgError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case notJSONLD(String)
    case noJSONLD

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .notJSONLD(let detail): return "it is not a JSON-LD document: \(detail)"
        case .noJSONLD: return "it is an HTML page without any <script type=\"application/ld+json\"> block"
        }
    }
}
