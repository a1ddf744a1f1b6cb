import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Pipeline
import Server
import TestSupport
import Testing

@Suite("fedcat serve over a socket: CKAN clients and harvests", .serialized)
struct LiveTests {
    /// The fields a CKAN round trip must keep, as text.
    static func fields(_ record: CatalogRecord) -> [String: String] {
        var fields: [String: String] = [
            "title": record.title.value,
            "description": record.description?.value ?? "-",
            "keywords": record.keywords.joined(separator: "|"),
            "publisher": record.publisher?.name ?? "-",
            "creator": [record.creator?.name, record.creator?.email].map { $0 ?? "-" }.joined(separator: "|"),
            "contact": [record.contactPoint?.name, record.contactPoint?.email].map { $0 ?? "-" }.joined(separator: "|"),
            "license": [record.license?.raw, record.license?.title, record.license?.uri, record.license?.spdx].map { $0 ?? "-" }.joined(separator: "|"),
            "landingPage": record.landingPage ?? "-",
            "version": record.version ?? "-",
            "issued": record.issued?.iso ?? "-",
            "modified": record.modified?.iso ?? "-",
            "themes": record.themes.compactMap { $0.label ?? $0.uri }.sorted().joined(separator: "|"),
            "languages": record.languages.joined(separator: "|"),
            "frequency": record.frequency.flatMap { $0.uri ?? $0.label } ?? "-",
        ]
        for (index, distribution) in record.distributions.enumerated() {
            fields["distribution \(index)"] = [distribution.title, distribution.accessURL, distribution.downloadURL, distribution.format,
                                               distribution.mediaType, distribution.byteSize.map(String.init)].map { $0 ?? "-" }.joined(separator: "|")
        }
        return fields
    }

    /// The canonical record ids of a catalogue (one per dataset).
    static func canonicalIDs(_ store: CatalogStore) throws -> [String] {
        try store.read("test") { db in
            try String.fetchAll(db, sql: """
                SELECT r.id FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id
                WHERE r.id = coalesce(c.canonical_id, r.cluster_id) ORDER BY r.id
                """)
        }
    }

    @Test func fedcatsOwnCKANHarvesterHarvestsTheServedCatalogue() async throws {
        let served = try ServedFixture.store()
        let expected = try Self.canonicalIDs(served)
        let app = try ServedFixture.server().application(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let path = try ServedFixture.temporaryDatabasePath()
            let report = try await offThread {
                try HarvestRunner(store: try CatalogStore(path: path)).run(
                    SourceConfig(id: "mirror", kind: "ckan", url: "http://127.0.0.1:\(port)/", options: ["rows": "50"]))
            }
            #expect(report.status == "succeeded", "\(report.error ?? "")")
            #expect(report.added == expected.count)
            let mirror = try CatalogStore(path: path)
            var compared = 0
            for id in expected {
                let original = try #require(try served.record(id)).record
                guard let copy = try mirror.record("mirror/\(id)")?.record else {
                    Issue.record("\(id) was not harvested back")
                    continue
                }
                let before = Self.fields(original), after = Self.fields(copy)
                for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
                    Issue.record("\(id) \(key): '\(before[key] ?? "(none)")' came back as '\(after[key] ?? "(none)")'")
                }
                compared += 1
            }
            #expect(compared == expected.count)
        }
    }

    @Test func ckanapiReadsTheCatalogue() async throws {
        let ckanapi = PythonTools.packageRoot.appendingPathComponent(".build/pytools/bin/ckanapi").path
        guard FileManager.default.isExecutableFile(atPath: ckanapi) else {
            if PythonTools.required { Issue.record("ckanapi is missing: \(PythonTools.missingMessage)") }
            return
        }
        let expected = try Self.canonicalIDs(try ServedFixture.store())
        let app = try ServedFixture.server().application(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(try #require(client.port))"
            let search = try await offThread { try ExternalTool.run(ckanapi, ["action", "package_search", "-r", url, "rows:1000", "q=*:*"]) }
            #expect(search.status == 0, "\(search.error)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(search.output.utf8)) as? [String: Any], "\(search.output.prefix(300))")
            #expect(result["count"] as? Int == expected.count)
            let packages = try #require(result["results"] as? [[String: Any]])
            #expect(Set(packages.compactMap { $0["id"] as? String }) == Set(expected))
            let name = try #require(packages.first?["name"] as? String)

            let show = try await offThread { try ExternalTool.run(ckanapi, ["action", "package_show", "-r", url, "id=\(name)"]) }
            #expect(show.status == 0, "\(show.error)")
            let package = try #require(try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
            #expect(package["name"] as? String == name)
            #expect(package["id"] as? String == packages.first?["id"] as? String)

            let missing = try await offThread { try ExternalTool.run(ckanapi, ["action", "package_show", "-r", url, "id=no--such-package"]) }
            #expect(missing.status != 0)
            #expect(missing.output.contains("Not found") || missing.error.contains("NotFound") || missing.error.contains("Not found"), "\(missing.output) \(missing.error)")
        }
    }

    @Test func readsWhileAHarvestWritesNeverFail() async throws {
        let path = try ServedFixture.temporaryDatabasePath()
        try ServedFixture.harvest(into: path, sources: ["lakeside"])
        let server = CatalogServer(store: try CatalogStore(path: path, readOnly: true), quiet: true)
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            let finished = Flag()
            let harvest = Task {
                defer { finished.set() }
                _ = try await offThread { try ServedFixture.harvest(into: path, sources: ["norland", "riverbasin"]) }
            }
            var statuses: [UInt] = []
            var counts: [Int] = []
            // Reads for as long as the harvest writes (and a few rounds at least), bounded in count.
            while (!finished.isSet || statuses.count < 30) && statuses.count < 1500 {
                for uri in ["/search?q=water&facets=source", "/api/3/action/package_search?rows=20&facet.field=%5B%22tags%22%5D", "/?q=data"] {
                    let response = try await client.execute(uri: uri, method: .get)
                    statuses.append(UInt(response.status.code))
                    if uri.hasPrefix("/api"), let result = try response.object()["result"] as? [String: Any] {
                        counts.append(result["count"] as? Int ?? -1)
                    }
                }
            }
            try await harvest.value
            #expect(statuses.allSatisfy { $0 == 200 }, "\(Set(statuses))")
            #expect(counts.allSatisfy { $0 > 0 })
            let final = try await client.execute(uri: "/api/3/action/package_search?rows=0", method: .get)
            #expect((try final.object()["result"] as? [String: Any])?["count"] as? Int ?? 0 > counts.first ?? 0)
        }
    }
}

/// A flag set once, read across tasks.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
