import CatalogModel
import Fetch
import Foundation
import LoopbackHTTP
import SamplePortal
import Testing
@testable import Harvesters

/// A loopback site answering fixed responses by request target (`/path?query`) or path; 404 for the rest.
func fakeSite(_ routes: [String: HTTPResponse], notFound: HTTPResponse = .status(404)) throws -> LoopbackServer {
    let server = try LoopbackServer { request in routes[request.rawTarget] ?? routes[request.path] ?? notFound }
    try server.start()
    return server
}

func typed(_ type: String, _ text: String) -> HTTPResponse {
    HTTPResponse(status: 200, headers: [("Content-Type", type)], body: Array(text.utf8))
}

@Suite("Kind detection over loopback HTTP")
struct DetectionTests {
    static func detect(_ url: String) throws(DetectionError) -> KindMatch {
        try KindDetection().detect(url, using: Fetcher(options: testFetchOptions))
    }

    static let htmlHome = typed("text/html; charset=utf-8", """
        <!DOCTYPE html><html><head><title>City of Lakeside</title><link rel="stylesheet" href="/style.css"></head>
        <body><h1>Welcome</h1><p>Opening hours and news.</p></body></html>
        """)

    @Test func ckanBySampleStatusShow() throws {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: CKANHarvesterTests.samples)).handler)
        try server.start()
        defer { server.stop() }
        let found = try Self.detect("\(server.baseURL)/lakeside/")
        #expect(found.kind == "ckan")
        #expect(found.url == "\(server.baseURL)/lakeside")
        #expect(found.signal.hasPrefix("CKAN: /api/3/action/status_show answered ckan_version 2."))
        // An Action API URL is recognised from its own answer.
        let direct = try Self.detect("\(server.baseURL)/lakeside/api/3/action/package_search?rows=1")
        #expect(direct.kind == "ckan")
        #expect(direct.url == "\(server.baseURL)/lakeside")
        #expect(direct.signal == "CKAN: the URL answered a CKAN Action API envelope (help, success, result)")
    }

    @Test func ckanStatusShowWithItsVersion() throws {
        let server = try fakeSite(["/": Self.htmlHome, "/api/3/action/status_show": .json("""
            {"help": "https://demo.ckan.org/api/3/action/help_show?name=status_show", "success": true,
             "result": {"site_title": "CKAN Demo", "site_url": "https://demo.ckan.org", "ckan_version": "2.10.4",
                        "error_emails_to": null, "locale_default": "en", "extensions": ["envvars", "dcat", "scheming_datasets"]}}
            """)])
        defer { server.stop() }
        let found = try Self.detect(server.baseURL + "/")
        #expect(found == KindMatch(kind: "ckan", url: server.baseURL, signal: "CKAN: /api/3/action/status_show answered ckan_version 2.10.4"))
    }

    @Test func dataJSONAtTheURLAndAtSlashDataJSON() throws {
        let catalogue = """
            {"@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "@type": "dcat:Catalog",
             "conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
             "dataset": [
              {"@type": "dcat:Dataset", "identifier": "lake-001", "title": "Lake levels", "description": "Daily levels.",
               "keyword": ["water"], "modified": "2024-03-01", "publisher": {"@type": "org:Organization", "name": "Lakeside"},
               "contactPoint": {"@type": "vcard:Contact", "fn": "Data desk", "hasEmail": "mailto:data@lakeside.example"},
               "accessLevel": "public", "license": "https://creativecommons.org/licenses/by/4.0/",
               "distribution": [{"@type": "dcat:Distribution", "downloadURL": "https://lakeside.example/levels.csv", "mediaType": "text/csv"}]},
              {"@type": "dcat:Dataset", "identifier": "lake-002", "title": "Buoys", "description": "Buoy positions.",
               "keyword": ["buoys"], "modified": "2024-02-01", "publisher": {"@type": "org:Organization", "name": "Lakeside"},
               "contactPoint": {"@type": "vcard:Contact", "fn": "Data desk", "hasEmail": "mailto:data@lakeside.example"},
               "accessLevel": "public"}]}
            """
        let server = try fakeSite(["/": Self.htmlHome, "/data.json": .json(catalogue), "/pod10.json": .json("""
            [{"identifier": "a-1", "title": "A", "accessLevel": "public", "keyword": ["a"]}]
            """)])
        defer { server.stop() }
        let direct = try Self.detect(server.baseURL + "/data.json")
        #expect(direct.kind == "datajson")
        #expect(direct.signal == "data.json: the URL answered a data.json catalogue with 2 datasets (conformsTo https://project-open-data.cio.gov/v1.1/schema)")
        let probed = try Self.detect(server.baseURL + "/")
        #expect(probed.kind == "datajson")
        #expect(probed.url == server.baseURL + "/data.json")
        #expect(probed.signal.hasPrefix("data.json: /data.json answered a data.json catalogue with 2 datasets"))
        let bare = try Self.detect(server.baseURL + "/pod10.json")
        #expect(bare.signal == "data.json: the URL answered a Project Open Data 1.0 array of 1 dataset")
    }

    @Test(arguments: [("dcat/dcat-ap3-catalog.ttl", "text/turtle", "Turtle"),
                      ("dcat/dcat-ap3-catalog.rdf", "application/rdf+xml", "RDF/XML"),
                      ("dcat/dcat-ap3-catalog.jsonld", "application/ld+json", "JSON-LD")])
    func dcatInEachSerialisation(file: String, type: String, syntax: String) throws {
        let body = try TestData.fixture(file)
        let server = try fakeSite(["/catalogue": HTTPResponse(status: 200, headers: [("Content-Type", type)], body: body),
                                   "/untyped": HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: body)])
        defer { server.stop() }
        let found = try Self.detect(server.baseURL + "/catalogue")
        #expect(found.kind == "dcat")
        #expect(found.url == server.baseURL + "/catalogue")
        #expect(found.signal.hasPrefix("DCAT: the URL answered \(syntax) (\(type)) with 4 DCAT records"), "\(found.signal)")
        // Without a telling Content-Type, the first bytes decide.
        let sniffed = try Self.detect(server.baseURL + "/untyped")
        #expect(sniffed.kind == "dcat")
        #expect(sniffed.signal.contains("\(syntax) (application/octet-stream) with 4 DCAT records"), "\(sniffed.signal)")
    }

    @Test func dcatWithHydraPaging() throws {
        let page = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
            <https://hub.example/catalog?page=1> a hydra:PartialCollectionView ;
                hydra:next <https://hub.example/catalog?page=2> ; hydra:totalItems 250 .
            <https://hub.example/catalog> a dcat:Catalog ; dct:title "Hub"@en ; dcat:dataset <https://hub.example/set/1> .
            <https://hub.example/set/1> a dcat:Dataset ; dct:identifier "1" ; dct:title "Set one"@en .
            """
        let server = try fakeSite(["/catalog.ttl": typed("text/turtle", page)])
        defer { server.stop() }
        let found = try Self.detect(server.baseURL + "/catalog.ttl")
        #expect(found.signal == "DCAT: the URL answered Turtle (text/turtle) with 1 DCAT record, hydra:totalItems 250, hydra paging (a next page)")
    }

    @Test func socrataDiscoveryAndViews() throws {
        let discovery = """
            {"results": [{"resource": {"name": "Bike counts", "id": "j4m8-wbt6", "description": "Counts per 15 minutes.",
              "updatedAt": "2024-05-01T10:00:00.000Z", "type": "dataset"},
              "classification": {"categories": ["transportation"], "domain_category": "Transportation"},
              "metadata": {"domain": "data.seattle.gov", "license": "Public Domain"},
              "permalink": "https://data.seattle.gov/d/j4m8-wbt6", "link": "https://data.seattle.gov/Transportation/Bike-counts/j4m8-wbt6"}],
             "resultSetSize": 3412, "timings": {"serviceMillis": 40, "searchMillis": [12, 9]}, "warnings": []}
            """
        let views = """
            [{"id": "songs", "name": "Songs", "assetType": "dataset", "createdAt": 1398014181, "viewLastModified": 1451289003,
              "category": "Public Safety", "licenseId": "CC0_10", "viewType": "tabular"}]
            """
        let server = try fakeSite(["/": Self.htmlHome, "/api/catalog/v1": .json(discovery)])
        defer { server.stop() }
        let probed = try Self.detect(server.baseURL + "/")
        #expect(probed == KindMatch(kind: "socrata", url: server.baseURL,
                                    signal: "Socrata: /api/catalog/v1 answered a Discovery API page with resultSetSize 3412"))
        let viewsServer = try fakeSite(["/": Self.htmlHome, "/api/views/metadata/v1": .json(views)])
        defer { viewsServer.stop() }
        let fromViews = try Self.detect(viewsServer.baseURL)
        #expect(fromViews.kind == "socrata")
        #expect(fromViews.signal == "Socrata: /api/views/metadata/v1 answered views metadata (1 view, the first 'songs')")
    }

    @Test func openDataSoftExploreAPI() throws {
        let page = """
            {"total_count": 1327, "results": [{"dataset_id": "arbres-remarquables", "dataset_uid": "da_8z4xmv",
              "has_records": true, "features": ["analyze", "geo"],
              "metas": {"default": {"title": "Arbres remarquables", "modified": "2024-04-02T08:12:00+00:00",
                         "license": "Open Database License (ODbL)", "publisher": "Ville de Paris"}}}]}
            """
        let server = try fakeSite(["/": Self.htmlHome, "/api/explore/v2.1/catalog/datasets": .json(page)])
        defer { server.stop() }
        let found = try Self.detect(server.baseURL + "/explore/")
        #expect(found == KindMatch(kind: "opendatasoft", url: server.baseURL,
                                   signal: "OpenDataSoft: /api/explore/v2.1/catalog/datasets answered an Explore API v2.1 catalogue page with total_count 1327"))
        let direct = try Self.detect(server.baseURL + "/api/explore/v2.1/catalog/datasets")
        #expect(direct.kind == "opendatasoft")
    }

    @Test func udataSiteAndDatasets() throws {
        let site = """
            {"id": "data.lakeside.example", "title": "Lakeside Open Data", "version": "7.0.5",
             "metrics": {"datasets": 48213, "organizations": 4012, "reuses": 3120, "users": 120344}}
            """
        let server = try fakeSite(["/": Self.htmlHome, "/api/1/site/": .json(site),
                                   "/api/1/datasets/": .json(try TestData.fixture("udata_datasets_page.json"))])
        defer { server.stop() }
        let probed = try Self.detect(server.baseURL)
        #expect(probed == KindMatch(kind: "udata", url: server.baseURL,
                                    signal: "udata: /api/1/site/ answered the site 'Lakeside Open Data' with its metrics"))
        let page = try Self.detect(server.baseURL + "/api/1/datasets/")
        #expect(page.signal == "udata: the URL answered a datasets page with total 3")
    }

    @Test func schemaOrgPagesJSONLDAndSitemaps() throws {
        let landing = try TestData.fixture("schemaorg_landing.html")
        let sitemap = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>PAGE</loc><lastmod>2024-05-01</lastmod></url>
              <url><loc>PAGE2</loc></url>
            </urlset>
            """
        let box = URLBox()
        let server = try LoopbackServer { request in
            switch request.path {
            case "/dataset/lake": return HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: landing)
            case "/": return DetectionTests.htmlHome
            case "/sitemap.xml":
                return typed("application/xml", sitemap.replacingOccurrences(of: "PAGE2", with: box.base + "/dataset/other")
                    .replacingOccurrences(of: "PAGE", with: box.base + "/dataset/lake"))
            case "/catalog.jsonld": return HTTPResponse(status: 200, headers: [("Content-Type", "application/ld+json")],
                                                        body: (try? TestData.fixture("schemaorg_catalog.jsonld")) ?? [])
            default: return .status(404)
            }
        }
        try server.start()
        defer { server.stop() }
        box.base = server.baseURL
        let page = try Self.detect(server.baseURL + "/dataset/lake")
        #expect(page.kind == "schemaorg")
        #expect(page.signal.hasPrefix("schema.org: the URL answered an HTML page with "))
        let jsonld = try Self.detect(server.baseURL + "/catalog.jsonld")
        #expect(jsonld.signal == "schema.org: the URL answered schema.org JSON-LD describing a Dataset or DataCatalog")
        let map = try Self.detect(server.baseURL + "/sitemap.xml")
        #expect(map.signal == "schema.org: the URL answered a sitemap of 2 pages")
        let probed = try Self.detect(server.baseURL + "/")
        #expect(probed.kind == "schemaorg")
        #expect(probed.url == server.baseURL + "/sitemap.xml")
        #expect(probed.signal.hasPrefix("schema.org: /sitemap.xml lists 2 pages and the first, \(server.baseURL)/dataset/lake, holds"))
    }

    @Test func atomAndRSSFeedsAndAnAlternateLink() throws {
        let atom = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:inspire_dls="http://inspire.ec.europa.eu/schemas/inspire_dls/1.0" xml:lang="en">
              <title>Lakeside INSPIRE Download Service</title>
              <id>https://lakeside.example/inspire/service.xml</id>
              <updated>2024-05-01T10:00:00Z</updated>
              <author><name>Lakeside GIS</name></author>
              <entry>
                <title>Lake shore elevation</title>
                <id>https://lakeside.example/inspire/elevation.xml</id>
                <inspire_dls:spatial_dataset_identifier_code>elev-01</inspire_dls:spatial_dataset_identifier_code>
                <link rel="alternate" type="application/atom+xml" href="https://lakeside.example/inspire/elevation.xml"/>
                <updated>2024-05-01T10:00:00Z</updated>
              </entry>
            </feed>
            """
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Portal news</title><link>https://lakeside.example/</link>
            <description>New datasets</description><item><title>Buoys</title><link>https://lakeside.example/d/buoys</link>
            <guid>https://lakeside.example/d/buoys</guid></item><item><title>Levels</title><guid>https://lakeside.example/d/levels</guid></item></channel></rss>
            """
        let page = typed("text/html", """
            <!doctype html><html><head><link rel="alternate" type="application/atom+xml" title="Downloads" href="/feeds/service.xml">
            </head><body>Downloads</body></html>
            """)
        let server = try fakeSite(["/feeds/service.xml": typed("application/atom+xml", atom), "/news.rss": typed("application/rss+xml", rss),
                                   "/downloads": page])
        defer { server.stop() }
        let feed = try Self.detect(server.baseURL + "/feeds/service.xml")
        #expect(feed.signal == "Atom: the URL answered an Atom feed 'Lakeside INSPIRE Download Service' with 1 entry")
        let channel = try Self.detect(server.baseURL + "/news.rss")
        #expect(channel.signal == "Atom: the URL answered an RSS channel 'Portal news' with 2 items")
        let linked = try Self.detect(server.baseURL + "/downloads")
        #expect(linked.kind == "atom")
        #expect(linked.url == server.baseURL + "/feeds/service.xml")
        #expect(linked.signal.hasSuffix("(linked from \(server.baseURL)/downloads by <link rel=\"alternate\" type=\"application/atom+xml\">)"))
    }

    @Test func oaiPMHByBadVerbAndIdentify() throws {
        let badVerb = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-05-01T10:00:00Z</responseDate>
            <request>https://repo.example/oai</request><error code="badVerb">Illegal OAI verb</error></OAI-PMH>
            """
        let identify = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-05-01T10:00:00Z</responseDate>
            <request verb="Identify">https://repo.example/oai</request>
            <Identify><repositoryName>Lakeside Research Data</repositoryName><baseURL>https://repo.example/oai</baseURL>
            <protocolVersion>2.0</protocolVersion><adminEmail>oai@repo.example</adminEmail>
            <earliestDatestamp>2013-12-09T21:21:34Z</earliestDatestamp><deletedRecord>persistent</deletedRecord>
            <granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify></OAI-PMH>
            """
        let server = try fakeSite(["/oai": typed("text/xml", badVerb), "/oai?verb=Identify": typed("text/xml", identify),
                                   "/oai2?verb=Identify": typed("text/xml", identify)])
        defer { server.stop() }
        let bare = try Self.detect(server.baseURL + "/oai")
        #expect(bare == KindMatch(kind: "oaipmh", url: server.baseURL + "/oai",
                                  signal: "OAI-PMH: the URL answered an OAI-PMH error badVerb (root element <OAI-PMH>)"))
        let identified = try Self.detect(server.baseURL + "/oai2")
        #expect(identified == KindMatch(kind: "oaipmh", url: server.baseURL + "/oai2",
                                        signal: "OAI-PMH: ?verb=Identify answered repositoryName 'Lakeside Research Data'"))
    }

    @Test func cswCapabilities() throws {
        let capabilities = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <csw:Capabilities xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ows="http://www.opengis.net/ows"
              xmlns:ogc="http://www.opengis.net/ogc" version="2.0.2">
              <ows:ServiceIdentification><ows:Title>Lakeside geodata catalogue</ows:Title>
              <ows:ServiceType codeSpace="OGC">CSW</ows:ServiceType><ows:ServiceTypeVersion>2.0.2</ows:ServiceTypeVersion></ows:ServiceIdentification>
            </csw:Capabilities>
            """
        let exception = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows" version="1.2.0">
            <ows:Exception exceptionCode="MissingParameterValue" locator="service"/></ows:ExceptionReport>
            """
        let server = try LoopbackServer { request in
            guard request.path == "/geonetwork/srv/eng/csw" else { return .status(404) }
            if request.queryValue("request") == "GetCapabilities" { return typed("application/xml", capabilities) }
            return HTTPResponse(status: 400, headers: [("Content-Type", "application/xml")], body: Array(exception.utf8))
        }
        try server.start()
        defer { server.stop() }
        let endpoint = server.baseURL + "/geonetwork/srv/eng/csw"
        let probed = try Self.detect(endpoint)
        #expect(probed == KindMatch(kind: "csw", url: endpoint,
                                    signal: "CSW: ?service=CSW&request=GetCapabilities answered <csw:Capabilities> version 2.0.2"))
        let direct = try Self.detect(endpoint + "?service=CSW&request=GetCapabilities&version=2.0.2")
        #expect(direct == KindMatch(kind: "csw", url: endpoint, signal: "CSW: the URL answered <csw:Capabilities> version 2.0.2"))
    }

    static let kinds = "not a CKAN, Socrata, OpenDataSoft, udata, data.json, OAI-PMH, CSW, Atom, DCAT or schema.org source."

    @Test func anHTMLPageIsNotACatalogue() throws {
        let server = try fakeSite(["/": Self.htmlHome])
        defer { server.stop() }
        let url = server.baseURL + "/"
        let error = #expect(throws: DetectionError.self) { try Self.detect(url) }
        let sentence = error?.description ?? ""
        #expect(sentence.hasPrefix("\(url) answered an HTML page (text/html) with no catalogue links: \(Self.kinds)"), "\(sentence)")
        #expect(sentence.contains("\(server.baseURL)/api/3/action/status_show (HTTP 404)"))
        #expect(sentence.contains("\(server.baseURL)/data.json (HTTP 404)"))
        #expect(server.requestCount <= KindDetection().budget)
    }

    @Test func a404AndJSONThatIsNotACatalogue() throws {
        let server = try fakeSite(["/weather": .json(#"{"station": "Lakeside pier", "temperature": 12.5, "wind": {"speed": 4}}"#),
                                   "/api/1/site/": .json(#"{"status": "ok"}"#)],
                                  notFound: HTTPResponse(status: 404, headers: [("Content-Type", "text/html")], body: Array("<html><body>Not found</body></html>".utf8)))
        defer { server.stop() }
        let missing = #expect(throws: DetectionError.self) { try Self.detect(server.baseURL + "/nothing") }
        #expect(missing?.description.hasPrefix("\(server.baseURL)/nothing answered HTTP 404 (text/html): \(Self.kinds)") == true, "\(missing?.description ?? "")")
        let json = #expect(throws: DetectionError.self) { try Self.detect(server.baseURL + "/weather") }
        let sentence = json?.description ?? ""
        #expect(sentence.hasPrefix("\(server.baseURL)/weather answered JSON (application/json) that is not a catalogue: an object with the keys station, temperature, wind: \(Self.kinds)"), "\(sentence)")
        // A probe that answered something else is named with what it answered.
        #expect(sentence.contains("\(server.baseURL)/api/1/site/ (JSON (application/json) that is not a catalogue: an object with the keys status)"))
    }

    @Test func aDocumentTooLargeToDetectAsksForTheKind() throws {
        let server = try fakeSite(["/dump.ttl": typed("text/turtle", String(repeating: "# padding\n", count: 300))])
        defer { server.stop() }
        var options = testFetchOptions
        options.maxBodyBytes = 1000
        let error = #expect(throws: DetectionError.self) {
            try KindDetection().detect(server.baseURL + "/dump.ttl", using: Fetcher(options: options))
        }
        #expect(error?.description == "\(server.baseURL)/dump.ttl answered more than 1000 bytes, too much to detect its kind from; give it with --kind (a large dump is usually dcat or datajson).")
    }

    @Test func connectionRefused() throws {
        let server = try LoopbackServer { _ in .status(200) }
        let url = server.baseURL + "/"
        server.stop()
        let error = #expect(throws: DetectionError.self) { try Self.detect(url) }
        let sentence = error?.description ?? ""
        #expect(sentence.hasPrefix("\(url) could not be reached, so its kind could not be detected:"), "\(sentence)")
        #expect(sentence.contains("127.0.0.1"))
    }

    @Test func everyKindHasADetector() {
        #expect(Set(KindDetection.builtIn.map(\.kind)) == Set(HarvesterRegistry.kinds))
        #expect(KindDetection.builtIn.count == HarvesterRegistry.kinds.count)
    }
}

/// The server's base URL, known only once it listens.
final class URLBox: @unchecked Sendable {
    var base = ""
}
