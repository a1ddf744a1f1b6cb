import CatalogModel
import FeedParsing
import Foundation
import Testing
@testable import Harvesters

/// Maps one entry or item the way a harvest stores it: the element's XML as read from its page.
func atomRecords(_ document: String, source: String = "feed") throws -> (page: AtomFeedPage, results: [MappingResult]) {
    let page = try AtomFeedPage.parse(Array(document.utf8))
    let config = SourceConfig(id: source, kind: "atom", url: "https://example.org/feed.xml")
    let results = page.items.map { item in
        AtomMapper().map(RawRecord(localID: item.id.isEmpty ? nil : item.id, payload: item.payload, mediaType: "application/xml",
                                   pageURL: "https://example.org/feed.xml", location: item.pointer),
                         context: MappingContext(source: config, harvestedAt: Date()))
    }
    return (page, results)
}

@Suite("Atom and RSS mapping")
struct AtomMapperTests {
    static let atomFeed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss"
              xmlns:gml="http://www.opengis.net/gml" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <title>Open data portal</title>
          <id>urn:feed</id>
          <entry>
            <id>urn:uuid:1111</id>
            <title type="html">Rivers &amp;amp; lakes</title>
            <summary type="html">&lt;p&gt;All rivers.&lt;/p&gt;</summary>
            <published>2020-01-02T03:04:05Z</published>
            <updated>2024-05-06T07:08:09+02:00</updated>
            <author><name>Water Office</name><email>water@example.org</email></author>
            <category term="hydrography" label="Hydrography"/>
            <category term="inland-waters"/>
            <link rel="alternate" type="text/html" href="https://example.org/datasets/rivers"/>
            <link rel="enclosure" type="text/csv" length="2048" href="https://example.org/files/rivers.csv"/>
            <link rel="describedby" type="application/xml" href="https://example.org/iso/rivers.xml" title="ISO metadata"/>
            <link rel="self" type="application/atom+xml" href="https://example.org/feed/rivers.xml"/>
            <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
            <rights>CC BY 4.0</rights>
            <georss:box>45.5 5.9 47.8 10.5</georss:box>
            <georss:where><gml:Envelope srsName="EPSG:4326"><gml:lowerCorner>45.5 5.9</gml:lowerCorner><gml:upperCorner>47.8 10.5</gml:upperCorner></gml:Envelope></georss:where>
            <dc:identifier>doi:10.1234/rivers</dc:identifier>
            <dc:subject>water</dc:subject>
            <dc:language>de</dc:language>
            <dc:publisher>Canton of Somewhere</dc:publisher>
          </entry>
          <entry>
            <link href="https://example.org/datasets/no-id"/>
            <title>No id</title>
          </entry>
        </feed>
        """

    @Test func mapsAnAtomEntryFieldByField() throws {
        let (page, results) = try atomRecords(Self.atomFeed)
        #expect(page.format == .atom)
        #expect(page.title == "Open data portal")
        #expect(page.items.map(\.id) == ["urn:uuid:1111", "https://example.org/datasets/no-id"])
        let record = try #require(results[0].record)
        #expect(results[0].issues.isEmpty)
        #expect(record.id == "feed/urn:uuid:1111")
        #expect(record.title.value == "Rivers &amp; lakes")
        #expect(record.description?.value == "<p>All rivers.</p>")
        #expect(record.issued?.raw == "2020-01-02T03:04:05Z")
        #expect(record.modified?.raw == "2024-05-06T07:08:09+02:00")
        #expect(record.creator == Agent(name: "Water Office", email: "water@example.org"))
        #expect(record.publisher?.name == "Canton of Somewhere")
        #expect(record.keywords == ["Hydrography", "inland-waters", "water"])
        #expect(record.landingPage == "https://example.org/datasets/rivers")
        #expect(record.license == LicenseRef(raw: "CC BY 4.0", uri: "https://creativecommons.org/licenses/by/4.0/"))
        #expect(record.languages == ["de"])
        #expect(record.identifiers.contains(Identifier("doi:10.1234/rivers", scheme: "dc")))
        #expect(record.spatial.count == 2)
        #expect(record.spatial.first?.geometry == "<georss:box>45.5 5.9 47.8 10.5</georss:box>")
        // GeoRSS GML: the geometry element as XML, standing alone (every namespace in scope declared on it).
        let gml = try #require(record.spatial.last?.geometry)
        #expect(gml.hasPrefix("<gml:Envelope "))
        #expect(gml.contains(#"xmlns:gml="http://www.opengis.net/gml""#))
        #expect(gml.hasSuffix(#"srsName="EPSG:4326"><gml:lowerCorner>45.5 5.9</gml:lowerCorner><gml:upperCorner>47.8 10.5</gml:upperCorner></gml:Envelope>"#))
        #expect(record.distributions.map(\.accessURL) == ["https://example.org/files/rivers.csv", "https://example.org/iso/rivers.xml"])
        #expect(record.distributions[0].downloadURL == "https://example.org/files/rivers.csv")
        #expect(record.distributions[0].mediaType == "text/csv")
        #expect(record.distributions[0].byteSize == 2048)
        #expect(record.distributions[1].title == "ISO metadata")
        #expect(record.provenance.kind == "atom")
        #expect(record.provenance.originalURL == "https://example.org/datasets/rivers")

        let second = try #require(results[1].record)
        #expect(second.id == "feed/https://example.org/datasets/no-id")
        #expect(second.identifiers.first?.scheme == "link")
    }

    @Test func mapsAnRSSItem() throws {
        let (page, results) = try atomRecords("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title>
              <item>
                <title>Budget 2024</title>
                <link>https://example.org/budget</link>
                <guid isPermaLink="false">budget-2024</guid>
                <description>&lt;b&gt;Budget&lt;/b&gt; figures</description>
                <pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>
                <author>finance@example.org (Finance Office)</author>
                <category domain="https://example.org/topics">finance</category>
                <enclosure url="https://example.org/budget.xlsx" length="12345" type="application/vnd.ms-excel"/>
                <dc:rights>Open Government Licence</dc:rights>
              </item>
              <item><guid>only-guid</guid><title>Guid only</title></item>
              <item><description>Nothing to name it by</description></item>
            </channel></rss>
            """)
        #expect(page.format == .rss)
        #expect(page.items.map(\.id) == ["https://example.org/budget", "only-guid", ""])
        let record = try #require(results[0].record)
        #expect(record.title.value == "Budget 2024")
        #expect(record.description?.value == "<b>Budget</b> figures")
        #expect(record.issued?.raw == "Tue, 02 Jan 2024 10:00:00 GMT")
        #expect(record.creator == Agent(name: "Finance Office", email: "finance@example.org"))
        #expect(record.keywords == ["finance"])
        #expect(record.landingPage == "https://example.org/budget")
        #expect(record.license?.raw == "Open Government Licence")
        #expect(record.distributions.count == 1)
        #expect(record.distributions[0].downloadURL == "https://example.org/budget.xlsx")
        #expect(record.distributions[0].byteSize == 12345)
        #expect(results[1].record?.identifiers.first == Identifier("only-guid", scheme: "guid"))
        #expect(results[2].record == nil)
        #expect(results[2].issues.map(\.code) == ["atom.entry.missing-id"])
        #expect(results[2].issues[0].message.contains("Source 'feed'"))
    }

    @Test func mapsAnINSPIREDatasetWithItsDatasetFeedFiles() throws {
        let entry = Array("""
            <entry xmlns="http://www.w3.org/2005/Atom" xmlns:inspire_dls="http://inspire.ec.europa.eu/schemas/inspire_dls/1.0">
              <title>Buildings</title>
              <inspire_dls:spatial_dataset_identifier_code>bu-1</inspire_dls:spatial_dataset_identifier_code>
              <inspire_dls:spatial_dataset_identifier_namespace>https://example.org/ns/</inspire_dls:spatial_dataset_identifier_namespace>
              <link rel="describedby" type="application/xml" href="https://example.org/csw?id=bu-1"/>
              <link rel="alternate" type="application/atom+xml" href="https://example.org/dls/bu-1.xml"/>
              <id>https://example.org/dls/bu-1.xml</id>
              <category term="http://www.opengis.net/def/crs/EPSG/0/25832" label="ETRS89 / UTM zone 32N"/>
            </entry>
            """.utf8)
        let feed = Array("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Buildings downloads</title><id>https://example.org/dls/bu-1.xml</id>
              <link rel="up" type="application/atom+xml" href="https://example.org/dls/service.xml"/>
              <entry><title>Buildings (GML, EPSG:25832)</title><id>https://example.org/files/bu-25832.gml</id>
                <link rel="alternate" type="application/gml+xml;version=3.2" length="500" href="https://example.org/files/bu-25832.gml"/>
                <updated>2024-01-01T00:00:00Z</updated>
                <category term="http://www.opengis.net/def/crs/EPSG/0/25832" label="ETRS89 / UTM zone 32N"/></entry>
              <entry><title>Buildings (two parts)</title><id>urn:parts</id>
                <link rel="section" type="application/zip" href="https://example.org/files/part1.zip"/>
                <link rel="section" type="application/zip" href="https://example.org/files/part2.zip"/></entry>
            </feed>
            """.utf8)
        let raw = RawRecord(localID: "https://example.org/dls/bu-1.xml", payload: AtomHarvester.bundle(entry: entry, datasetFeed: feed),
                            mediaType: "application/xml", pageURL: "https://example.org/dls/service.xml", location: "/feed/entry")
        let result = AtomMapper().map(raw, context: MappingContext(source: SourceConfig(id: "dls", kind: "atom", url: "https://example.org/dls/service.xml"),
                                                                   harvestedAt: Date()))
        let record = try #require(result.record)
        #expect(result.issues.isEmpty)
        #expect(record.title.value == "Buildings")
        #expect(record.identifiers.contains(Identifier("bu-1", scheme: "https://example.org/ns/")))
        #expect(record.extras["crs"] == "http://www.opengis.net/def/crs/EPSG/0/25832")
        #expect(record.keywords.isEmpty)
        #expect(record.extras["inspire_dataset_feed_title"] == "Buildings downloads")
        #expect(record.distributions.map(\.accessURL) == [
            "https://example.org/csw?id=bu-1", "https://example.org/files/bu-25832.gml",
            "https://example.org/files/part1.zip", "https://example.org/files/part2.zip",
        ])
        let gml = record.distributions[1]
        #expect(gml.downloadURL == "https://example.org/files/bu-25832.gml")
        #expect(gml.mediaType == "application/gml+xml;version=3.2")
        #expect(gml.byteSize == 500)
        #expect(gml.title == "Buildings (GML, EPSG:25832)")
        #expect(gml.description == "CRS: ETRS89 / UTM zone 32N")
        #expect(gml.modified?.raw == "2024-01-01T00:00:00Z")
        #expect(record.distributions[2].id == "https://example.org/files/part1.zip")
    }

    @Test func entriesInheritTheFeedsAuthorAndRights() throws {
        let (_, results) = try atomRecords("""
            <atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Maps</atom:title><atom:id>urn:maps</atom:id>
              <atom:entry><atom:id>urn:own</atom:id><atom:title>Own</atom:title><atom:author><atom:name>Someone</atom:name></atom:author>
                <atom:rights>CC0</atom:rights></atom:entry>
              <atom:author><atom:name>Mapping Agency</atom:name><atom:email>maps@example.org</atom:email></atom:author>
              <atom:rights>Licence Ouverte 2.0</atom:rights>
              <atom:entry><atom:id>urn:inherits</atom:id><atom:title>Inherits</atom:title></atom:entry>
              <atom:entry/>
            </atom:feed>
            """)
        let own = try #require(results[0].record)
        #expect(own.creator?.name == "Someone")
        #expect(own.license?.raw == "CC0")
        let inherits = try #require(results[1].record)
        #expect(inherits.creator == Agent(name: "Mapping Agency", email: "maps@example.org"))
        #expect(inherits.license?.raw == "Licence Ouverte 2.0")
        #expect(results[2].record == nil)
    }

    @Test func readsAnRSS1Channel() throws {
        let (page, results) = try atomRecords("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://example.org/rss"><title>Updates</title></channel>
              <item rdf:about="https://example.org/d/1"><title>One</title><link>https://example.org/d/1</link><dc:date>2024-02-03</dc:date></item>
            </rdf:RDF>
            """)
        #expect(page.format == .rss)
        #expect(page.items.map(\.id) == ["https://example.org/d/1"])
        #expect(results.first?.record?.issued?.raw == "2024-02-03")
        do {
            _ = try AtomFeedPage.parse(Array(#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF>"#.utf8))
            Issue.record("RDF without an RSS channel was read as a feed")
        } catch {
            #expect(error.description.contains("without an RSS 1.0 channel"))
        }
    }

    @Test func refusesADocumentThatIsNotAFeed() {
        #expect(throws: AtomFeedError.self) { try AtomFeedPage.parse(Array("<html><body/></html>".utf8)) }
        do {
            _ = try AtomFeedPage.parse(Array("<feed><entry/></feed>".utf8))
            Issue.record("a feed without the Atom namespace was read")
        } catch {
            #expect(error.description.contains("without the Atom namespace"))
        }
    }
}
