import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

/// Detection over the shared corpus of real portal files, each served at a URL of its own with the
/// Content-Type its extension suggests; skipped when the corpus is absent.
@Suite("Kind detection on the corpus", .enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
struct DetectionCorpusTests {
    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "ttl": return "text/turtle"
        case "rdf": return "application/rdf+xml"
        case "jsonld": return "application/ld+json"
        case "json": return "application/json"
        case "atom": return "application/atom+xml"
        default: return "application/xml"
        }
    }

    /// The kind detected for each file, by relative path.
    static func detect(_ files: [String]) throws -> [String: String] {
        let server = try LoopbackServer { request in
            let relative = String(request.path.dropFirst("/corpus/".count)).removingPercentEncoding ?? ""
            guard request.path.hasPrefix("/corpus/"), let body = try? Corpus.bytes(relative) else { return .status(404) }
            return HTTPResponse(status: 200, headers: [("Content-Type", contentType(relative))], body: body)
        }
        try server.start()
        defer { server.stop() }
        var found: [String: String] = [:]
        for file in files {
            let url = server.baseURL + "/corpus/" + (file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file)
            do { found[file] = try KindDetection().detect(url, using: Fetcher(options: testFetchOptions)).kind } catch {
                found[file] = "none: \(error.description.prefix(160))"
            }
        }
        return found
    }

    /// Files whose answer differs from their folder's kind, and why.
    static let exceptions: [String: String] = [
        // JSON Schemas and JSON-LD contexts describe no dataset.
        "datajson/gsa_pod_schema_federal-v1.1_catalog.json": "none",
        "datajson/gsa_pod_schema_federal-v1.1_dataset.json": "none",
        "datajson/pod_v1.1_catalog.jsonld": "none",
        "dcat_jsonld/semic_dcat-ap3_examples_context.jsonld": "none",
        "dcat_jsonld/semic_dcat-ap_3.0.1_context.jsonld": "none",
        // A DQV quality measurement and a lone dcat:CatalogRecord: no dataset in them.
        "dcat_jsonld/semic_geodcat-ap_example_quality-measurement.jsonld": "none",
        "dcat_jsonld/semic_geodcat-ap_example_catalogue-record.jsonld": "none",
        // ckanext-dcat's POD export: a data.json catalogue with a JSON-LD context.
        "dcat_jsonld/ckanext-dcat_catalog_pod.jsonld": "datajson",
    ]

    @Test(arguments: [("datajson", "datajson"), ("dcat_turtle", "dcat"), ("dcat_rdfxml", "dcat"), ("dcat_jsonld", "dcat"),
                      ("atom_rss", "atom"), ("oaipmh", "oaipmh")])
    func everyFileOfAFolderIsItsKind(folder: String, kind: String) throws {
        let files = Corpus.files(under: folder, endingIn: [".json", ".jsonld", ".ttl", ".rdf", ".xml", ".atom"])
        #expect(!files.isEmpty)
        let wrong = try Self.detect(files).filter { file, found in
            let expected = Self.exceptions[file] ?? kind
            return expected == "none" ? !found.hasPrefix("none: ") : found != expected
        }
        #expect(wrong.isEmpty, "\(wrong.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))")
    }

    @Test func cswResponsesAndCKANEnvelopes() throws {
        let csw = Corpus.files(under: "csw", endingIn: [".xml"]).filter { file in
            let head = String(decoding: (try? Corpus.bytes(file))?.prefix(2048) ?? [], as: UTF8.self)
            return head.contains(":Capabilities") || head.contains("GetRecordsResponse")
        }
        let ckan = Corpus.files(under: "ckan", endingIn: [".json"]).filter { file in
            let text = String(decoding: (try? Corpus.bytes(file)) ?? [], as: UTF8.self)
            return text.contains("\"help\"") && text.contains("\"success\": true")
        }
        #expect(csw.count >= 3)
        #expect(ckan.count >= 5)
        let found = try Self.detect(csw + ckan)
        let wrong = found.filter { $0.value != ($0.key.hasPrefix("csw/") ? "csw" : "ckan") }
        #expect(wrong.isEmpty, "\(wrong.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))")
    }
}

extension DetectionCorpusTests {
    @Test func otherPortalsFiles() throws {
        var expected: [String: String] = [
            "other_portals/dataverse_croissant_cars.json": "schemaorg",
            "other_portals/dataverse_schemaorg_max.json": "schemaorg",
            "other_portals/schemaorg_gtex.json": "schemaorg",
            "other_portals/schemaorg_pangaea_geoshape.json": "schemaorg",
            "other_portals/socrata_views_metadata_songs.json": "socrata",
            // schema.org BlogPostings, SODA data rows and lone DataCite records are no catalogues.
            "other_portals/schemaorg_dataset.json": "none",
            "other_portals/schemaorg_type_as_array.json": "none",
            "other_portals/socrata_bike_counts_page_1.json": "none",
            "other_portals/datacite_example_full_v4.5.xml": "none",
        ]
        for file in Corpus.files(under: "other_portals", endingIn: [".json"]) {
            if file.contains("arcgis-hub_") { expected[file] = "datajson" }
            if file.contains("ods_v1_dataset_") { expected[file] = "opendatasoft" }
        }
        #expect(expected.count >= 16)
        let found = try Self.detect(Array(expected.keys))
        let wrong = expected.filter { file, kind in kind == "none" ? !(found[file] ?? "").hasPrefix("none: ") : found[file] != kind }
        #expect(wrong.isEmpty, "\(wrong.keys.sorted().map { "\($0): \(found[$0] ?? "?")" }.joined(separator: "\n"))")
    }
}
