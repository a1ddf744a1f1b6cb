import Foundation
import Testing
import LoopbackHTTP
@testable import SamplePortal

@Suite("Sample catalog")
struct SampleCatalogTests {
    @Test func loadsAllPortals() throws {
        let catalog = Fixtures.catalog
        #expect(catalog.portalIDs == ["testland", "tinyville"])
        let info = try #require(catalog.info(for: "testland"))
        #expect(info.title == "Testland Open Data")
        #expect(info.language == "en")
        #expect(info.packageCount == 25)
        #expect(info.organizationCount == 3)
        #expect(info.groupCount == 2)
        #expect(info.file.hasSuffix("Fixtures/testland.json"))
        #expect(catalog.info(for: "tinyville")?.language == "fr")
    }

    @Test func malformedFileIsNamed() throws {
        let error = try #require(throws: SampleCatalogError.self) {
            try SampleCatalog.load(directory: Fixtures.broken)
        }
        #expect(error.description.contains("broken/broken.json"))
        #expect(error.description.contains("not valid JSON"))
        #expect(error.path.hasSuffix("broken/broken.json"))
    }

    @Test func missingOrEmptyDirectory() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/fedcat-samples")
        let e1 = try #require(throws: SampleCatalogError.self) { try SampleCatalog.load(directory: missing) }
        #expect(e1.description.contains("/nonexistent/fedcat-samples"))

        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let e2 = try #require(throws: SampleCatalogError.self) { try SampleCatalog.load(directory: empty) }
        #expect(e2.description.contains("no *.json sample files"))
    }

    @Test(arguments: [
        (#"{"portal": {"id": "other"}, "packages": []}"#, "does not match the file name"),
        (#"[1, 2]"#, "top level is not a JSON object"),
        (#"{"organizations": {"name": "x"}}"#, "\"organizations\" is not an array"),
        (#"{"packages": [{"id": "a"}, 7]}"#, "packages[1] is not an object"),
        (#"{"portal": "sample"}"#, "\"portal\" is not an object"),
        (#"{"portal": {"id": "", "title": "x"}}"#, "portal.id must be"),
    ])
    func validationMessages(json: String, expected: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(json.utf8).write(to: dir.appendingPathComponent("sample.json"))
        let error = try #require(throws: SampleCatalogError.self) { try SampleCatalog.load(directory: dir) }
        #expect(error.description.contains("sample.json"))
        #expect(error.description.contains(expected), "\(error)")
    }

    /// Dirty records (as the real samples have, for the harvester to report) are served as they are.
    @Test func dirtyRecordsAreServedAsTheyAre() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-dirty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = #"""
            {"portal": {"id": "dirty", "title": "Dirty"},
             "organizations": [{"id": "o1", "name": "org"}, {"title": "No name"}],
             "packages": [
               {"id": null, "name": null, "title": "No id", "metadata_modified": "2021-01-01T00:00:00"},
               {"id": "dup", "name": "first", "title": null, "notes": null, "metadata_modified": "yesterday", "owner_org": "o1"},
               {"id": "dup", "name": "second", "title": "Second", "metadata_modified": "2022-01-01T00:00:00"},
               {"id": "ok", "name": "ok", "title": "Fine", "tags": "not a list", "metadata_modified": "2020-01-01T00:00:00"}
             ]}
            """#
        try Data(json.utf8).write(to: dir.appendingPathComponent("dirty.json"))
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: dir))
        let search = try call("/dirty/api/3/action/package_search", api: api)
        #expect(search.count == 4)
        let titles = (search.resultDict["results"] as? [[String: Any]])?.map { $0["title"] as? String }
        #expect(titles == ["Second", "No id", "Fine", nil])  // unreadable timestamp last
        #expect(try call("/dirty/api/3/action/package_show?id=dup", api: api).resultDict["name"] as? String == "first")
        #expect(try call("/dirty/api/3/action/package_show?id=second", api: api).resultDict["name"] as? String == "second")
        #expect(try call("/dirty/api/3/action/package_list", api: api).result as? [String] == ["first", "ok", "second"])
        #expect(try call("/dirty/api/3/action/package_search?fq=organization:org", api: api).count == 1)
        #expect(try call("/dirty/api/3/action/organization_list", api: api).result as? [String] == ["org"])
        #expect((try call("/dirty/api/3/action/organization_list?all_fields=true", api: api).result as? [Any])?.count == 2)
        // Paging is still total and stable.
        var seen: [String?] = []
        for start in 0..<4 {
            let page = try call("/dirty/api/3/action/package_search?rows=1&start=\(start)&sort=id+asc", api: api)
            seen += (page.resultDict["results"] as? [[String: Any]] ?? []).map { $0["name"] as? String }
        }
        #expect(seen == [nil, "first", "second", "ok"])
    }

    @Test func timestamps() {
        #expect(Timestamp.microseconds("1970-01-01T00:00:00") == 0)
        #expect(Timestamp.microseconds("1970-01-01T00:00:01Z") == 1_000_000)
        #expect(Timestamp.microseconds("2020-01-01T00:00:00Z") == 1_577_836_800_000_000)
        #expect(Timestamp.microseconds("2020-01-01T00:00:00.000Z") == 1_577_836_800_000_000)
        #expect(Timestamp.microseconds("2020-01-01T00:00:00.5") == 1_577_836_800_500_000)
        #expect(Timestamp.microseconds("2020-01-01T01:00:00+01:00") == 1_577_836_800_000_000)
        #expect(Timestamp.microseconds("2020-01-01") == 1_577_836_800_000_000)
        #expect(Timestamp.microseconds("2024-02-29T12:00:00.123456789") == 1_709_208_000_123_456)
        #expect(Timestamp.microseconds("NOW") == nil)
        #expect(Timestamp.microseconds("2020-13-01") == nil)
        #expect(Timestamp.microseconds("2020-01-01T00:00:00Zjunk") == nil)
    }
}

@Suite("CKAN Action API")
struct CKANActionAPITests {
    @Test func envelopeAndStatusShow() throws {
        let r = try call("/testland/api/3/action/status_show")
        #expect(r.status == 200)
        #expect(r.contentType == "application/json;charset=utf-8")
        #expect(r.success == true)
        #expect(r.help == "http://127.0.0.1:8080/testland/api/3/action/help_show?name=status_show")
        #expect(r.resultDict["site_title"] as? String == "Testland Open Data")
        #expect(r.resultDict["site_url"] as? String == "http://127.0.0.1:8080/testland")
        #expect(r.resultDict["ckan_version"] as? String == CKANActionAPI.ckanVersion)
        #expect(r.resultDict["locale_default"] as? String == "en")
    }

    @Test(arguments: ["/testland/api/3/action/package_list", "/testland/api/action/package_list",
                      "/testland/api/3/action/package_list/"])
    func alternativePrefixes(path: String) throws {
        let r = try call(path)
        #expect(r.status == 200)
        #expect((r.result as? [String])?.count == 25)
    }

    @Test func notFoundErrors() throws {
        for path in ["/nowhere/api/3/action/package_list", "/testland/api/3/action/no_such_action",
                     "/testland/api/3/action/", "/testland/somewhere", "/api/3/action/package_list"] {
            let r = try call(path)
            #expect(r.status == 404, "\(path)")
            #expect(r.success == false)
            #expect(r.error["__type"] as? String == "Not Found Error")
            #expect(r.error["message"] as? String == "Not found")
            #expect(r.help?.contains("/api/3/action/help_show?name=") == true)
        }
    }

    @Test func singlePortalIsAlsoServedAtRoot() throws {
        let one = try SampleCatalog.load(files: [Fixtures.directory.appendingPathComponent("tinyville.json")])
        let api = CKANActionAPI(catalog: one)
        let r = try call("/api/3/action/package_list", api: api)
        #expect(r.status == 200)
        #expect(r.result as? [String] == ["budget", "velos"])
        #expect(try call("/tinyville/api/3/action/package_list", api: api).status == 200)
    }

    @Test func rootIndexAndVersion() throws {
        let index = try call("/")
        let portals = try #require(index.object["portals"] as? [[String: Any]])
        #expect(portals.map { $0["id"] as? String } == ["testland", "tinyville"])
        #expect(try call("/testland/api/3").object["version"] as? Int == 3)
    }

    @Test func packageSearchDefaults() throws {
        let r = try call("/testland/api/3/action/package_search")
        #expect(r.status == 200)
        #expect(r.success == true)
        #expect(r.count == 25)
        #expect(r.resultDict["sort"] as? String == "metadata_modified desc")
        #expect((r.resultDict["facets"] as? [String: Any])?.isEmpty == true)
        #expect((r.resultDict["search_facets"] as? [String: Any])?.isEmpty == true)
        #expect(r.ids == Array(expectedDefaultOrder().prefix(10)))
    }

    @Test(arguments: ["metadata_modified desc", "metadata_modified asc", "name asc", "id asc", "name desc",
                      "score desc, metadata_modified desc", "title_string asc"])
    func pagingIsStableAndComplete(sort: String) throws {
        var seen: [String] = []
        var start = 0
        while true {
            let q = "sort=\(sort.replacingOccurrences(of: " ", with: "+").replacingOccurrences(of: ",", with: "%2C"))&rows=7&start=\(start)"
            let r = try call("/testland/api/3/action/package_search?\(q)")
            #expect(r.status == 200)
            #expect(r.count == 25)
            #expect(r.resultDict["sort"] as? String == sort)
            if r.ids.isEmpty { break }
            seen += r.ids
            start += 7
        }
        #expect(seen.count == 25)
        #expect(Set(seen).count == 25)
        let all = try call("/testland/api/3/action/package_search?rows=1000&sort=\(sort.replacingOccurrences(of: " ", with: "%20"))")
        #expect(all.ids == seen)
        switch sort {
        case "metadata_modified desc", "score desc, metadata_modified desc":
            #expect(seen == expectedDefaultOrder())
        case "metadata_modified asc":
            // Ascending time, but ties still by id ascending.
            let ids = Fixtures.testlandPackages.map { $0["id"] as! String }
            #expect(Set(seen) == Set(ids))
            #expect(seen.first == expectedDefaultOrder().last)
        case "name asc":
            #expect(all.names == all.names.sorted())
        case "name desc":
            #expect(all.names == all.names.sorted().reversed())
        case "id asc":
            #expect(seen == seen.sorted())
        default:
            break
        }
    }

    @Test func tiesAreBrokenById() throws {
        // Three packages share one metadata_modified value in the fixture.
        let tied = Fixtures.testlandPackages.filter { $0["metadata_modified"] as? String == "2022-09-01T12:44:52.000148" }
            .map { $0["id"] as! String }
        #expect(tied.count == 3)
        let r = try call("/testland/api/3/action/package_search?rows=1000&fq=metadata_modified:%5B2022-09-01T12:44:52.000148Z+TO+2022-09-01T12:44:52.000148Z%5D")
        #expect(r.ids == tied.sorted())
        let asc = try call("/testland/api/3/action/package_search?rows=1000&sort=metadata_modified+asc&fq=metadata_modified:%5B2022-09-01T12:44:52.000148Z+TO+2022-09-01T12:44:52.000148Z%5D")
        #expect(asc.ids == tied.sorted())
    }

    @Test func rowsAndStart() throws {
        #expect(try call("/testland/api/3/action/package_search?rows=0").ids.isEmpty)
        #expect(try call("/testland/api/3/action/package_search?rows=0").count == 25)
        #expect(try call("/testland/api/3/action/package_search?rows=5000").ids.count == 25)
        #expect(try call("/testland/api/3/action/package_search?start=24").ids == [expectedDefaultOrder().last!])
        #expect(try call("/testland/api/3/action/package_search?start=100").ids.isEmpty)
        #expect(try call("/testland/api/3/action/package_search?rows=3&start=2").ids == Array(expectedDefaultOrder()[2..<5]))
    }

    @Test(arguments: [
        ("rows=ten", "rows", "Invalid integer"),
        ("rows=1.5", "rows", "Invalid integer"),
        ("rows=-1", "rows", "Must be a natural number"),
        ("start=-5", "start", "Must be a natural number"),
        ("start=x", "start", "Invalid integer"),
    ])
    func badParametersGive409(query: String, field: String, message: String) throws {
        let r = try call("/testland/api/3/action/package_search?\(query)")
        #expect(r.status == 409)
        #expect(r.success == false)
        #expect(r.error["__type"] as? String == "Validation Error")
        #expect(r.error[field] as? [String] == [message])
    }

    @Test func fullTextQuery() throws {
        func names(_ q: String) throws -> Set<String> {
            Set(try call("/testland/api/3/action/package_search?rows=100&q=\(q)").names)
        }
        #expect(try names("water") == ["river-levels", "lake-temperatures", "drinking-water-quality",
                                       "groundwater-wells", "flood-zones", "air-quality"])
        #expect(try names("WATER+Rivers") == ["river-levels", "flood-zones"])
        #expect(try names("rivers+AND+water") == ["river-levels", "flood-zones"])
        #expect(try names("bus") == ["bus-stops"])          // tag and title
        #expect(try names("hourly") == ["lake-temperatures", "air-quality"])  // notes
        #expect(try names("zzzz").isEmpty)
        #expect(try names("%2A%3A%2A").count == 25)
        #expect(try names("").count == 25)
        #expect(try call("/testland/api/3/action/package_search?q=water&rows=2").count == 6)
    }

    @Test func filterQueries() throws {
        func count(_ fq: String) throws -> Int? {
            let r = try call("/testland/api/3/action/package_search?rows=0&fq=\(fq)")
            #expect(r.status == 200, "\(fq): \(r.error)")
            return r.count
        }
        #expect(try count("metadata_modified:%5B2020-01-01T00:00:00Z%20TO%20*%5D") == 16)
        #expect(try count("metadata_modified:%7B2020-01-01T00:00:00Z%20TO%20*%5D") == 15)
        #expect(try count("metadata_modified:%5B*%20TO%202020-01-01T00:00:00Z%5D") == 10)
        #expect(try count("metadata_modified:%5B*%20TO%202020-01-01T00:00:00.000Z%7D") == 9)
        #expect(try count("metadata_modified:%5B*%20TO%20*%5D") == 25)
        #expect(try count("organization:water-board") == 8)
        #expect(try count("organization:%22water-board%22") == 8)
        #expect(try count("%2Borganization:water-board%20%2Bdataset_type:dataset") == 8)
        #expect(try count("organization:nobody") == 0)
        #expect(try count("tags:transport") == 8)
        #expect(try count("groups:mobility") == 8)
        let waterSince2020 = Fixtures.testlandPackages.filter {
            ($0["organization"] as? [String: Any])?["name"] as? String == "water-board"
                && ($0["metadata_modified"] as! String) >= "2020-01-01T00:00:00"
        }.count
        #expect(try count("organization:water-board%20AND%20metadata_modified:%5B2020-01-01T00:00:00Z%20TO%20*%5D") == waterSince2020)
        // Two fq parameters are ANDed too.
        let two = try call("/testland/api/3/action/package_search?rows=0&fq=organization:water-board&fq=metadata_modified:%5B2020-01-01T00:00:00Z%20TO%20*%5D")
        #expect(two.count == waterSince2020)
    }

    @Test(arguments: ["metadata_modified:%5BNOW-1DAY%20TO%20*%5D", "colour:blue", "justaword",
                      "metadata_modified:%5B2020%20TO%5D"])
    func unsupportedFilterIs409(fq: String) throws {
        let r = try call("/testland/api/3/action/package_search?fq=\(fq)")
        #expect(r.status == 409)
        #expect(r.error["__type"] as? String == "Search Query Error")
        #expect((r.error["message"] as? String)?.hasPrefix("Search Query is invalid:") == true)
    }

    @Test func unknownSortIs409() throws {
        let r = try call("/testland/api/3/action/package_search?sort=colour+asc")
        #expect(r.status == 409)
        #expect(r.error["__type"] as? String == "Search Query Error")
    }

    @Test func packageShowByIDAndName() throws {
        let original = Fixtures.testlandPackages[3]
        let id = original["id"] as! String
        let byID = try call("/testland/api/3/action/package_show?id=\(id)")
        let byName = try call("/testland/api/3/action/package_show?id=groundwater-wells")
        #expect(byID.status == 200)
        #expect(byID.help == "http://127.0.0.1:8080/testland/api/3/action/help_show?name=package_show")
        #expect(canonical(byID.resultDict) == canonical(original))
        #expect(canonical(byName.resultDict) == canonical(original))
        // Booleans survive as JSON booleans.
        let text = String(decoding: byID.bytes, as: UTF8.self)
        #expect(text.contains(#""private":false"#))
        #expect(text.contains(#""isopen":true"#))
        #expect(text.contains(#""author":null"#))
        // URLs are not written with escaped slashes.
        #expect(text.contains("https://data.testland.example/files/groundwater-wells.csv"))

        let missing = try call("/testland/api/3/action/package_show?id=nope")
        #expect(missing.status == 404)
        #expect(missing.error["__type"] as? String == "Not Found Error")
        let noID = try call("/testland/api/3/action/package_show")
        #expect(noID.status == 409)
        #expect(noID.error["__type"] as? String == "Validation Error")
        #expect(noID.error["id"] as? [String] == ["Missing value"])
    }

    @Test func searchResultsAreTheShowDicts() throws {
        let search = try call("/testland/api/3/action/package_search?rows=1000")
        let results = try #require(search.resultDict["results"] as? [[String: Any]])
        for result in results {
            let show = try call("/testland/api/3/action/package_show?id=\(result["id"] as! String)")
            #expect(canonical(show.resultDict) == canonical(result))
        }
    }

    @Test func packageList() throws {
        let all = try #require(try call("/testland/api/3/action/package_list").result as? [String])
        #expect(all.count == 25)
        #expect(all == all.sorted())
        #expect(try call("/testland/api/3/action/package_list?limit=5&offset=3").result as? [String] == Array(all[3..<8]))
        #expect(try call("/testland/api/3/action/package_list?limit=-2").status == 409)
    }

    @Test func organizationAndGroupLists() throws {
        let orgs = try call("/testland/api/3/action/organization_list")
        #expect(orgs.result as? [String] == ["statistics-bureau", "transport-office", "water-board"])  // by title
        #expect(try call("/testland/api/3/action/organization_list?sort=name+asc").result as? [String]
                == ["statistics-bureau", "transport-office", "water-board"])
        #expect(try call("/testland/api/3/action/organization_list?sort=name+desc").result as? [String]
                == ["water-board", "transport-office", "statistics-bureau"])
        #expect(try call("/testland/api/3/action/organization_list?sort=package_count").result as? [String]
                == ["statistics-bureau", "transport-office", "water-board"])  // 9, 8, 8 (ties by name)
        #expect(try call("/testland/api/3/action/organization_list?limit=1&offset=1").result as? [String] == ["transport-office"])

        let full = try call("/testland/api/3/action/organization_list?all_fields=true")
        let dicts = try #require(full.result as? [[String: Any]])
        #expect(dicts.map { $0["name"] as? String } == ["statistics-bureau", "transport-office", "water-board"])
        #expect(dicts.first?["title"] as? String == "Bureau of Statistics")
        #expect(try call("/testland/api/3/action/organization_list?all_fields=True&limit=100").result as? [[String: Any]] != nil)

        #expect(try call("/testland/api/3/action/group_list").result as? [String] == ["environment", "mobility"])
        let groups = try call("/testland/api/3/action/group_list?all_fields=1").result as? [[String: Any]]
        #expect(groups?.map { $0["title"] as? String } == ["Environment", "Mobility"])
        #expect(try call("/tinyville/api/3/action/group_list").result as? [String] == [])
        #expect(try call("/testland/api/3/action/organization_list?sort=colour").status == 409)
    }

    @Test func postWithJSONBody() throws {
        let r = try call("/testland/api/3/action/package_search", method: "POST",
                         body: #"{"q": "water", "rows": 2, "fq": "organization:water-board", "sort": "name asc"}"#,
                         contentType: "application/json")
        #expect(r.status == 200)
        #expect(r.count == 6)
        #expect(r.names == ["air-quality", "drinking-water-quality"])
        let all = try call("/testland/api/3/action/organization_list", method: "POST", body: #"{"all_fields": true}"#)
        #expect(all.result as? [[String: Any]] != nil)
        let bad = try call("/testland/api/3/action/package_search", method: "POST", body: "{nope")
        #expect(bad.status == 400)
        #expect(bad.success == false)
        let form = try call("/testland/api/3/action/package_show", method: "POST", body: "id=bus-stops",
                            contentType: "application/x-www-form-urlencoded")
        #expect(form.resultDict["name"] as? String == "bus-stops")
        #expect(try call("/testland/api/3/action/package_list", method: "DELETE").status == 405)
    }

    @Test func unicodeSurvives() throws {
        let r = try call("/tinyville/api/3/action/package_show?id=velos")
        #expect(r.resultDict["title"] as? String == "Vélos en libre-service")
        #expect(try call("/tinyville/api/3/action/status_show").resultDict["site_title"] as? String == "Tinyville Données")
        #expect(try call("/tinyville/api/3/action/package_search?q=V%C3%89LOS").names == ["velos"])
    }
}
