import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Normalise
import TestSupport
import Testing
@testable import Harvesters

@Suite("Atom and RSS corpus", .enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
struct AtomCorpusTests {
    /// Every atom_rss file, with its format and the entries its description states.
    static let expected: [String: (format: AtomFeedPage.Format, entries: Int)] = [
        "inspire_dls_dgm200_service_feed.xml": (.atom, 1),
        "inspire_tg_dataset_feed_example.xml": (.atom, 4),
        "inspire_tg_service_feed_example.xml": (.atom, 1),
        "owslib_owc_csw_10entries.xml": (.atom, 10),
        "owslib_owc_sea_ice_extent_01.atom": (.atom, 1),
        "pycsw_opensearch_atom.xml": (.atom, 10),
        "pycsw_opensearch_page1.xml": (.atom, 2),
        "pycsw_opensearch_page2.xml": (.atom, 1),
        "tabhub_empty_atom_feed.xml": (.atom, 0),
    ]

    static let files = Corpus.files(under: "atom_rss", endingIn: [".xml", ".atom"])

    /// The bad/ feeds and what the harvester says about them (the XML reader's own words, see XMLCorpusTests).
    static let refused: [String: String] = [
        "feedparser_bozo_bogus_encoding.xml": "Unsupported encoding bogus",
        "feedparser_bozo_invalid-bytes-with-bom.xml": "Input is not proper UTF-8",
        "feedparser_chardet_windows1255.xml": "Input is not proper UTF-8, indicate encoding ! Bytes: 0xE4 0xE0 0xED 0x20",
        "feedparser_rss_empty_document.xml": "is empty: it holds no element",
        "feedparser_rss_incomplete_cdata.xml": "XML declaration allowed only at the start of the document",
        "feedparser_rss_item_link_corrupted_ampersands.xml": "expected '>'",
    ]

    /// bad/ feeds that read: (entries, XML warnings).
    static let readable: [String: (entries: Int, warnings: Int)] = [
        "feedparser_undeclared_namespace.xml": (0, 1),
        "feedparser_utf-16le-bom.xml": (0, 0),
        "feedparser_http_high_bit_date.xml": (0, 0),
    ]

    @Test func everyAtomFileIsListed() {
        #expect(Set(Self.files.map { String($0.dropFirst("atom_rss/".count)) }) == Set(Self.expected.keys))
    }

    @Test("every atom_rss file maps with its entries", arguments: Self.files)
    func mapsCorpusFile(_ relative: String) throws {
        let name = String(relative.dropFirst("atom_rss/".count))
        let expected = try #require(Self.expected[name])
        let bytes = try Corpus.bytes(relative)
        let page = try AtomFeedPage.parse(bytes)
        #expect(page.format == expected.format)
        #expect(page.warnings.isEmpty)
        #expect(page.items.count == expected.entries)
        let source = SourceConfig(id: "corpus", kind: "atom", url: "https://example.org/\(name)")
        for item in page.items {
            #expect(!item.id.isEmpty)
            let result = AtomMapper().map(RawRecord(localID: item.id, payload: item.payload, mediaType: "application/xml",
                                                    pageURL: source.url, location: item.pointer),
                                          context: MappingContext(source: source, harvestedAt: Date()))
            let record = try #require(result.record, "\(name) \(item.id): \(result.issues.map(\.message))")
            #expect(result.issues.allSatisfy { $0.severity != .error }, "\(result.issues.map(\.message))")
            #expect(!record.title.value.isEmpty)
            #expect(record.id == "corpus/\(item.id)")
        }
    }

    @Test func mapsTheINSPIREFieldsOfTheBavarianServiceFeed() throws {
        let page = try AtomFeedPage.parse(try Corpus.bytes("atom_rss/inspire_dls_dgm200_service_feed.xml"))
        let item = try #require(page.items.first)
        #expect(item.datasetFeed == "http://www.weichand.de/inspire/dls/dgm200.DEBY_1d4ab890-27e7-3ebb-95ba-2d2ab8071871.xml")
        let record = try #require(AtomMapper().map(RawRecord(localID: item.id, payload: item.payload, mediaType: "application/xml",
                                                             pageURL: "http://www.weichand.de/inspire/dls/dgm200.xml", location: item.pointer),
                                                   context: MappingContext(source: SourceConfig(id: "by", kind: "atom", url: "http://www.weichand.de/inspire/dls/dgm200.xml"),
                                                                           harvestedAt: Date())).record)
        #expect(record.identifiers.contains(Identifier("DEBY_1d4ab890-27e7-3ebb-95ba-2d2ab8071871", scheme: "http://www.geodaten.bayern.de")))
        #expect(record.spatial.first?.geometry == "<georss:box>47.2279397510939845 8.8934968721451053 50.5798028875686470 13.9247471058637764</georss:box>")
        #expect(record.license?.raw?.contains("http://creativecommons.org/licenses/by/3.0/de/") == true)
        #expect(record.extras["crs"] == "http://www.opengis.net/def/crs/EPSG/0/31468 http://www.opengis.net/def/crs/EPSG/0/4258")
        #expect(record.modified?.raw == "2012-06-23T00:00:00+02:00")
    }

    @Test func joinsTheTechnicalGuidanceServiceFeedWithItsDatasetFeed() throws {
        let service = try AtomFeedPage.parse(try Corpus.bytes("atom_rss/inspire_tg_service_feed_example.xml"))
        let reader = try XMLReader(bytes: try Corpus.bytes("atom_rss/inspire_tg_dataset_feed_example.xml"))
        _ = try reader.next()
        let datasetFeed = try reader.outerXML()
        let item = try #require(service.items.first)
        let result = AtomMapper().map(RawRecord(localID: item.id, payload: AtomHarvester.bundle(entry: item.payload, datasetFeed: datasetFeed),
                                                mediaType: "application/xml", pageURL: "http://xyz.org/download/en.xml", location: item.pointer),
                                      context: MappingContext(source: SourceConfig(id: "xyz", kind: "atom", url: "http://xyz.org/download/en.xml"),
                                                              harvestedAt: Date()))
        let record = try #require(result.record)
        #expect(record.identifiers.contains(Identifier("wn_id1", scheme: "http://xyz.org/")))
        let files = record.distributions.filter { $0.downloadURL != nil }
        #expect(files.map(\.downloadURL) == [
            "http://xyz.org/data/abc/waternetwork_25832.gml", "http://xyz.org/data/abc/waternetwork_WGS84.gml",
            "http://xyz.org/data/abc/waternetwork_25832.zip", "http://xyz.org/data/abc/waternetwork_WGS84.zip",
        ])
        #expect(files.map(\.byteSize) == [34987, 37762, 89274, 78973])
        #expect(files[0].mediaType == "application/gml+xml;version=3.2")
        #expect(files.allSatisfy { $0.license?.raw == "Copyright (c) 2012, XYZ; all rights reserved" })
        #expect(record.spatial.first?.geometry?.hasPrefix("<georss:polygon>47.202 5.755") == true)
    }

    @Test func theNormaliserReadsTheGeoRSSAndGMLGeometriesAndTheDates() throws {
        for name in ["inspire_dls_dgm200_service_feed.xml", "owslib_owc_csw_10entries.xml", "pycsw_opensearch_atom.xml"] {
            let page = try AtomFeedPage.parse(try Corpus.bytes("atom_rss/" + name))
            let source = SourceConfig(id: "corpus", kind: "atom", url: "https://example.org/\(name)")
            for item in page.items {
                let raw = RawRecord(localID: item.id, payload: item.payload, mediaType: "application/xml", pageURL: source.url, location: item.pointer)
                let mapped = try #require(AtomMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date())).record)
                let (record, _) = Normaliser.standard.normalise(mapped)
                for spatial in record.spatial where spatial.geometry != nil {
                    #expect(spatial.bbox != nil, "\(name) \(item.id): \(spatial.geometry ?? "")")
                }
                if mapped.modified?.raw != "PYCSW_TIMESTAMP", mapped.modified != nil {
                    #expect(record.modified?.iso != nil, "\(name) \(item.id): \(mapped.modified?.raw ?? "")")
                }
            }
        }
    }

    @Test func datasetFeedEntriesInheritTheFeedsRightsAndAuthor() throws {
        let (_, results) = try atomRecords(String(decoding: try Corpus.bytes("atom_rss/inspire_tg_dataset_feed_example.xml"), as: UTF8.self))
        #expect(results.count == 4)
        for result in results {
            #expect(result.record?.license?.raw == "Copyright (c) 2012, XYZ; all rights reserved")
            #expect(result.record?.creator == Agent(name: "John Doe", email: "doe@xyz.org"))
        }
    }

    @Test func readsTheOpenSearchTotals() throws {
        let page = try AtomFeedPage.parse(try Corpus.bytes("atom_rss/pycsw_opensearch_atom.xml"))
        #expect(page.totalResults == 12)
        #expect(page.startIndex == 1)
        #expect(page.itemsPerPage == 10)
        let owc = try AtomFeedPage.parse(try Corpus.bytes("atom_rss/owslib_owc_csw_10entries.xml"))
        let geometries = owc.items.compactMap { try? AtomEntry.parse($0.payload).geometries.first }
        #expect(geometries.count == 10)
        #expect(geometries.allSatisfy { $0.hasPrefix("<gml:Envelope") })
    }

    @Test("each bad/ feed gets its specific error naming the source and URL", arguments: Array(Self.refused.keys).sorted())
    func refusesBadFeed(_ name: String) throws {
        let bytes = try Corpus.bytes("bad/" + name)
        let url = "https://example.org/bad/\(name)"
        do {
            _ = try AtomHarvester.readPage(bytes, url: url, sourceID: "bad")
            Issue.record("\(name) was read")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("Source 'bad': the response from \(url) could not be read: "), "\(message)")
            #expect(message.contains(Self.refused[name]!), "\(message)")
            if name.contains("encoding") || name.contains("bytes") || name.contains("1255") {
                #expect(message.contains("do not match its declared encoding"), "\(message)")
            }
        }
    }

    @Test("bad/ feeds that can still be read", arguments: Array(Self.readable.keys).sorted())
    func readsRecoverableFeed(_ name: String) throws {
        let page = try AtomFeedPage.parse(try Corpus.bytes("bad/" + name))
        #expect(page.format == .rss)
        #expect(page.items.count == Self.readable[name]!.entries)
        #expect(page.warnings.count == Self.readable[name]!.warnings)
    }

    @Test func aHarvestOfBadFeedsStopsWithTheSourceAndURL() throws {
        let server = try LoopbackServer { request in
            let name = String(request.path.dropFirst("/bad/".count))
            guard let bytes = try? Corpus.bytes("bad/" + name) else { return .status(404) }
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/rss+xml")], body: bytes)
        }
        try server.start()
        defer { server.stop() }
        let url = server.baseURL + "/bad/feedparser_chardet_windows1255.xml"
        let sink = CollectingSink()
        #expect {
            try AtomHarvester(source: SourceConfig(id: "hebrew", kind: "atom", url: url))
                .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        } throws: { error in
            "\(error)".contains("Source 'hebrew'") && "\(error)".contains(url) && "\(error)".contains("not proper UTF-8")
        }
        let warned = CollectingSink()
        let outcome = try AtomHarvester(source: SourceConfig(id: "itunes", kind: "atom", url: server.baseURL + "/bad/feedparser_undeclared_namespace.xml"))
            .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: warned)
        #expect(outcome.complete)
        #expect(warned.issues.map(\.code) == ["atom.xml.warning"])
        #expect(warned.issues.first?.message.contains("Source 'itunes'") == true)
        #expect(warned.issues.first?.message.contains("itunes") == true)
    }
}
