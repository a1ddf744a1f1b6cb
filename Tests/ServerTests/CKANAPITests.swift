import CatalogStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Search
import Server
import Testing

@Suite("fedcat serve: the CKAN Action API")
struct CKANAPITests {
    /// How many datasets (clusters) the catalogue holds.
    static func datasetCount() throws -> Int {
        try SearchEngine(store: try ServedFixture.store()).search(SearchRequest(text: "", limit: 1)).total
    }

    @Test func statusShowIsInCKANsEnvelope() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/api/3/action/status_show", method: .get)
            #expect(response.status == .ok)
            let json = try response.object()
            #expect(json["success"] as? Bool == true)
            #expect((json["help"] as? String)?.hasSuffix("/api/3/action/help_show?name=status_show") == true)
            let result = try #require(json["result"] as? [String: Any])
            #expect(result["ckan_version"] as? String == "2.10.0")
            #expect(result["site_title"] as? String == "fedcat")
        }
    }

    @Test func packageSearchPagesThroughEveryDatasetOnce() async throws {
        let total = try Self.datasetCount()
        try await withRouter { client in
            var names: [String] = []
            var start = 0
            while start < total + 100 {
                let response = try await client.execute(uri: "/api/3/action/package_search?q=*:*&rows=100&start=\(start)&sort=id+asc", method: .get)
                let result = try #require(try response.object()["result"] as? [String: Any])
                #expect(result["count"] as? Int == total)
                let page = try #require(result["results"] as? [[String: Any]])
                if page.isEmpty { break }
                names += page.compactMap { $0["name"] as? String }
                start += page.count
            }
            #expect(names.count == total)
            #expect(Set(names).count == total)
        }
    }

    @Test func packagesHaveCKANsShape() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/api/3/action/package_search?q=%22Air+quality+measurements+2022%22&rows=1", method: .get)
            let result = try #require(try response.object()["result"] as? [String: Any])
            let package = try #require((result["results"] as? [[String: Any]])?.first)
            #expect(package["title"] as? String == "Air quality measurements 2022")
            for key in ["id", "name", "notes", "license_id", "metadata_modified", "metadata_created", "tags", "resources", "extras", "groups", "organization", "owner_org"] {
                #expect(package.keys.contains(key), "missing \(key)")
            }
            let name = try #require(package["name"] as? String)
            #expect(name.range(of: "^[a-z0-9_-]+--[a-z0-9_-]+$", options: .regularExpression) != nil, "\(name)")
            let organization = try #require(package["organization"] as? [String: Any])
            #expect(organization["is_organization"] as? Bool == true)
            #expect(package["owner_org"] as? String == organization["id"] as? String)
            let resources = try #require(package["resources"] as? [[String: Any]])
            #expect(!resources.isEmpty)
            #expect(resources.allSatisfy { $0["package_id"] as? String == package["id"] as? String && $0["url"] is String })
            let tags = try #require(package["tags"] as? [[String: Any]])
            #expect(tags.allSatisfy { $0["name"] is String })
            let extras = try #require(package["extras"] as? [[String: String]])
            #expect(extras.contains { $0["key"] == "fedcat_id" && $0["value"] == package["id"] as? String })
            #expect(extras.map { $0["key"] ?? "" } == extras.map { $0["key"] ?? "" }.sorted())
        }
    }

    @Test func aDatasetPublishedTwiceIsOnePackageNamingTheOtherSources() async throws {
        let store = try ServedFixture.store()
        let clustered = try store.read("test") { db in
            try String.fetchOne(db, sql: "SELECT canonical_id FROM clusters WHERE size > 1 ORDER BY id LIMIT 1")
        }
        let canonical = try #require(clustered)
        let stored = try #require(try store.record(canonical))
        let cluster = try #require(stored.cluster)
        let other = try #require(cluster.members.first { $0.id != canonical })
        try await withRouter { client in
            let encoded = other.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await client.execute(uri: "/api/3/action/package_show?id=\(encoded)", method: .get)
            let package = try #require(try response.object()["result"] as? [String: Any])
            #expect(package["id"] as? String == canonical)
            let extras = try #require(package["extras"] as? [[String: String]])
            let also = try #require(extras.first { $0["key"] == "fedcat_also_published_at" }?["value"])
            #expect(also.contains(other.id))
            let sources = try #require(extras.first { $0["key"] == "fedcat_sources" }?["value"])
            #expect(sources.split(separator: ",").count >= 2)
        }
    }

    @Test func packageShowFindsByIdAndByNameAndSays404Otherwise() async throws {
        try await withRouter { client in
            let search = try await client.execute(uri: "/api/3/action/package_search?rows=1&fq=source:lakeside", method: .get)
            let first = try #require(((try search.object()["result"] as? [String: Any])?["results"] as? [[String: Any]])?.first)
            let id = try #require(first["id"] as? String), name = try #require(first["name"] as? String)
            for key in [id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, name] {
                let response = try await client.execute(uri: "/api/3/action/package_show?id=\(key)", method: .get)
                #expect(response.status == .ok, "\(key)")
                #expect((try response.object()["result"] as? [String: Any])?["id"] as? String == id)
            }
            let missing = try await client.execute(uri: "/api/3/action/package_show?id=nope--nothing", method: .get)
            #expect(missing.status == .notFound)
            let json = try missing.object()
            #expect(json["success"] as? Bool == false)
            let error = try #require(json["error"] as? [String: Any])
            #expect(error["__type"] as? String == "Not Found Error")
            #expect((error["message"] as? String)?.contains("nope--nothing") == true)

            let noID = try await client.execute(uri: "/api/3/action/package_show", method: .get)
            #expect(noID.status == .badRequest)
            let validation = try #require(try noID.object()["error"] as? [String: Any])
            #expect(validation["__type"] as? String == "Validation Error")
            #expect(validation["id"] is [String])
        }
    }

    @Test func facetsComeInCKANsShape() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/api/3/action/package_search?rows=0&facet.field=%5B%22organization%22,%22tags%22,%22res_format%22,%22source%22%5D", method: .get)
            let result = try #require(try response.object()["result"] as? [String: Any])
            #expect((result["results"] as? [Any])?.isEmpty == true)
            #expect(result["count"] as? Int == (try Self.datasetCount()))
            let searchFacets = try #require(result["search_facets"] as? [String: [String: Any]])
            #expect(Set(searchFacets.keys) == ["organization", "tags", "res_format", "source"])
            let sources = try #require(searchFacets["source"]?["items"] as? [[String: Any]])
            #expect(Set(sources.compactMap { $0["name"] as? String }) == Set(ServedFixture.sources))
            #expect(sources.allSatisfy { $0["count"] is Int && $0["display_name"] is String })
            let organizations = try #require(searchFacets["organization"]?["items"] as? [[String: Any]])
            let first = try #require(organizations.first)
            let facets = try #require(result["facets"] as? [String: [String: Int]])
            #expect(facets["organization"]?[first["name"] as? String ?? ""] == first["count"] as? Int)

            // Filtering by the organization the facet names finds its datasets.
            let name = try #require(first["name"] as? String)
            let filtered = try await client.execute(uri: "/api/3/action/package_search?rows=1000&fq=organization:\(name)", method: .get)
            let filteredResult = try #require(try filtered.object()["result"] as? [String: Any])
            #expect((filteredResult["count"] as? Int ?? 0) >= (first["count"] as? Int ?? 0))
            let packages = try #require(filteredResult["results"] as? [[String: Any]])
            let owned = packages.filter { ($0["organization"] as? [String: Any])?["name"] as? String == name }.count
            #expect(owned >= 1 && owned <= first["count"] as? Int ?? 0)
        }
    }

    /// The extras of a package as a dictionary.
    static func extras(_ package: [String: Any]) -> [String: String] {
        Dictionary(((package["extras"] as? [[String: String]]) ?? []).map { ($0["key"] ?? "", $0["value"] ?? "") }) { a, _ in a }
    }

    @Test func filtersFieldListAndSort() async throws {
        let engine = SearchEngine(store: try ServedFixture.store())
        try await withRouter { client in
            // A dataset matches when any of its records does; its package is its canonical record, whose extras name the sources.
            let csv = try await client.execute(uri: "/api/3/action/package_search?fq=res_format:CSV+AND+source:norland&rows=1000&fl=id,name,extras", method: .get)
            let result = try #require(try csv.object()["result"] as? [String: Any])
            let packages = try #require(result["results"] as? [[String: Any]])
            let expected = try engine.search(SearchRequest(text: "format:csv source:norland", limit: 1000))
            #expect(result["count"] as? Int == expected.total)
            #expect(packages.compactMap { $0["id"] as? String } == expected.results.map(\.id))
            #expect(!packages.isEmpty)
            #expect(packages.allSatisfy { Set($0.keys) == ["id", "name", "extras"] })
            #expect(packages.allSatisfy { package in
                (package["id"] as? String)?.hasPrefix("norland/") == true || Self.extras(package)["fedcat_sources"]?.contains("norland") == true
            })

            let recent = try await client.execute(uri: "/api/3/action/package_search?fq=metadata_modified:%5B2023-01-01T00:00:00Z+TO+*%5D&rows=1000&sort=metadata_modified+desc", method: .get)
            let recentResult = try #require(try recent.object()["result"] as? [String: Any])
            let newest = try engine.search(SearchRequest(text: "modified:2023-01-01..", limit: 1000, sort: .modified))
            #expect(recentResult["count"] as? Int == newest.total)
            #expect(newest.total < (try Self.datasetCount()))
            #expect((recentResult["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == newest.results.map(\.id))
            #expect(recentResult["sort"] as? String == "metadata_modified desc")
        }
    }

    @Test func postWithAJSONBodyWorksLikeGet() async throws {
        try await withRouter { client in
            let body = ByteBuffer(string: #"{"q": "water", "rows": 3, "facet.field": ["source"]}"#)
            let response = try await client.execute(uri: "/api/action/package_search", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(response.status == .ok)
            let result = try #require(try response.object()["result"] as? [String: Any])
            #expect((result["results"] as? [Any])?.count == 3)
            #expect((result["search_facets"] as? [String: Any])?["source"] != nil)
            let bad = try await client.execute(uri: "/api/3/action/package_search", method: .post, body: ByteBuffer(string: "[1,2"))
            #expect(bad.status == .badRequest)
        }
    }

    @Test func badParametersAreValidationErrorsNamingTheParameter() async throws {
        let cases: [(String, String)] = [
            ("package_search?rows=abc", "rows"), ("package_search?rows=1001", "rows"), ("package_search?start=-5", "start"),
            ("package_search?sort=colour+asc", "sort"), ("package_search?fq=maintainer:x", "fq"), ("package_search?fq=tags:%22open", "fq"),
            ("package_search?facet.field=%5B%22colour%22%5D", "facet.field"), ("package_search?q=modified:2020-99", "q"),
            ("package_list?limit=x", "limit"), ("organization_list?all_fields=maybe", "all_fields"), ("no_such_action", "action"),
        ]
        try await withRouter { client in
            for (path, name) in cases {
                let response = try await client.execute(uri: "/api/3/action/\(path)", method: .get)
                #expect(response.status == .badRequest, "\(path)")
                let json = try response.object()
                #expect(json["success"] as? Bool == false)
                let error = try #require(json["error"] as? [String: Any])
                #expect(error["__type"] as? String == "Validation Error", "\(path)")
                #expect((error["message"] as? String)?.contains("'\(name)") == true, "\(path): \(error)")
            }
        }
    }

    @Test func packageListAndOrganizationList() async throws {
        let total = try Self.datasetCount()
        try await withRouter { client in
            let list = try await client.execute(uri: "/api/3/action/package_list", method: .get)
            let names = try #require(try list.object()["result"] as? [String])
            #expect(names.count == total)
            #expect(names == names.sorted())
            let page = try await client.execute(uri: "/api/3/action/package_list?limit=5&offset=10", method: .get)
            #expect(try page.object()["result"] as? [String] == Array(names[10..<15]))
            // Every listed name opens with package_show.
            let shown = try await client.execute(uri: "/api/3/action/package_show?id=\(names[3])", method: .get)
            #expect((try shown.object()["result"] as? [String: Any])?["name"] as? String == names[3])

            let organizations = try await client.execute(uri: "/api/3/action/organization_list", method: .get)
            let orgNames = try #require(try organizations.object()["result"] as? [String])
            #expect(!orgNames.isEmpty)
            #expect(orgNames == orgNames.sorted())
            let full = try await client.execute(uri: "/api/3/action/organization_list?all_fields=true&sort=package_count+desc", method: .get)
            let dicts = try #require(try full.object()["result"] as? [[String: Any]])
            #expect(Set(dicts.compactMap { $0["name"] as? String }) == Set(orgNames))
            let counts = dicts.compactMap { $0["package_count"] as? Int }
            #expect(counts == counts.sorted(by: >))
            #expect(counts.reduce(0, +) <= total)
        }
    }
}

@Suite("fedcat serve: refused requests")
struct RefusedRequestTests {
    @Test func aBodyOverOneMegabyteIsRefusedWithJSON() async throws {
        try await withRouter { client in
            let body = ByteBuffer(string: #"{"q": ""# + String(repeating: "a", count: 1_100_000) + #""}"#)
            let response = try await client.execute(uri: "/api/3/action/package_search", method: .post, body: body)
            #expect(response.status == .contentTooLarge)
            let error = try #require(try response.object()["error"] as? [String: Any])
            #expect((error["message"] as? String)?.contains("1 MiB") == true)
        }
    }

    @Test func otherMethodsAreRefused() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/search", method: .delete)
            #expect([404, 405].contains(response.status.code))
            #expect(try response.object()["status"] as? Int == Int(response.status.code))
        }
    }
}
