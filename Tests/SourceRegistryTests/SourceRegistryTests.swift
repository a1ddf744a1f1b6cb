import CatalogModel
import Foundation
import Testing
@testable import SourceRegistry

@Suite("Source registry files")
struct SourceRegistryTests {
    static func registry() throws -> SourceRegistry {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return SourceRegistry(root: root)
    }

    static func write(_ text: String, as name: String, in registry: SourceRegistry) throws {
        try FileManager.default.createDirectory(at: registry.directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: registry.directory.appendingPathComponent(name))
    }

    @Test func addWritesAFileThatReadsBackTheSame() throws {
        let registry = try Self.registry()
        let (source, file) = try registry.add(url: "https://data.example/portal/api/3/action", kind: "CKAN",
                                              title: "Quote \" backslash \\ Ünïcode\nnewline", options: ["rows": "50"])
        #expect(source.id == "data-example-portal")
        #expect(source.kind == "ckan")
        #expect(file.lastPathComponent == "data-example-portal.yaml")
        #expect(try registry.source("data-example-portal") == source)
        #expect(registry.loadAll().sources == [source])
    }

    @Test func aFileURLNeedsTheSourceMarkedLocal() throws {
        let registry = try Self.registry()
        #expect {
            _ = try registry.add(url: "file:///data/dump.ttl", kind: "dcat")
        } throws: { error in
            "\(error)".contains("--option local=true")
        }
        let (source, _) = try registry.add(url: "file:///data/dump.ttl", kind: "dcat", id: "dump", options: ["local": "true"])
        #expect(source.url == "file:///data/dump.ttl")
        #expect(try registry.source("dump") == source)
    }

    @Test func readsAHandWrittenFile() throws {
        let registry = try Self.registry()
        try Self.write("""
            version: 1
            id: city
            kind: ckan
            url: https://city.example
            schedule: nightly
            options:
              rows: 250
              local: false
            """, as: "city.yaml", in: registry)
        let source = try registry.source("city")
        #expect(source == SourceConfig(id: "city", kind: "ckan", url: "https://city.example", schedule: "nightly",
                                       options: ["rows": "250", "local": "false"]))
        #expect(try source.intOption("rows", default: 1) == 250)
        #expect(try source.boolOption("local", default: true) == false)
        #expect(throws: SourceOptionError.self) { try SourceConfig(id: "x", kind: "ckan", url: "u", options: ["rows": "many"]).intOption("rows", default: 1) }
    }

    @Test("refuses broken files with the file and key named", arguments: [
        ("id: a\nkind: ckan\nurl: https://a.example\n", "has no 'version' key"),
        ("version: 2\nid: a\nkind: ckan\nurl: https://a.example\n", "has version '2'; this fedcat reads version 1"),
        ("version: 1\nkind: ckan\nurl: https://a.example\n", "has no 'id' key"),
        ("version: 1\nid: b\nkind: ckan\nurl: https://a.example\n", "says id 'b'"),
        ("version: 1\nid: a\nkind: sparql\nurl: https://a.example\n", "unknown harvester kind 'sparql'. Known kinds: ckan, datajson, dcat, socrata, opendatasoft, udata, schemaorg, atom, oaipmh, csw."),
        ("version: 1\nid: a\nkind: ckan\n", "has no 'url' key"),
        ("version: 1\nid: a\nkind: ckan\nurl: https://a.example\nurll: typo\n", "'urll' is 'typo', but it must be one of the known keys"),
        ("version: 1\nid: a\nkind: ckan\nurl: https://a.example\noptions: [1, 2]\n", "'options'"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("version: [1\n", "is not valid YAML"),
    ])
    func refuses(text: String, expected: String) throws {
        let registry = try Self.registry()
        try Self.write(text, as: "a.yaml", in: registry)
        do {
            _ = try registry.source("a")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.contains("a.yaml"), "\(error.description)")
            #expect(error.description.contains(expected), "\(error.description)")
        }
        #expect(registry.loadAll().errors.count == 1)
    }

    @Test func unknownSourceListsTheKnownOnes() throws {
        let registry = try Self.registry()
        _ = try registry.add(url: "https://a.example", kind: "ckan", id: "alpha")
        #expect(throws: SourceFileError.unknownSource(id: "beta", directory: registry.directory.path, known: ["alpha"])) {
            try registry.source("beta")
        }
        #expect(throws: SourceFileError.alreadyExists(id: "alpha", path: registry.path(for: "alpha").path)) {
            try registry.add(url: "https://b.example", kind: "ckan", id: "alpha")
        }
        #expect(throws: SourceFileError.badID(id: "../etc")) { try registry.add(url: "https://b.example", kind: "ckan", id: "../etc") }
    }

    @Test("suggests ids from URLs", arguments: [
        ("www.data.gov.uk", "/", "data-gov-uk"),
        ("127.0.0.1", "/lakeside/api/3/action", "127-0-0-1-lakeside"),
        ("opendata.example", "/catalog/dataset", "opendata-example"),
    ])
    func suggestsIDs(host: String, path: String, expected: String) {
        #expect(SourceRegistry.suggestID(host: host, path: path) == expected)
    }
}
