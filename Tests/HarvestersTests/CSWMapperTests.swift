import CatalogModel
import Foundation
import Testing
@testable import Harvesters

@Suite("CSW record mapping (ISO 19139, csw:Record)")
struct CSWMapperTests {
    static let source = SourceConfig(id: "geo", kind: "csw", url: "https://geo.example/csw")

    static func map(_ xml: String, id: String? = nil) -> MappingResult {
        let raw = RawRecord(localID: id, payload: Array(xml.utf8), mediaType: "application/xml",
                            pageURL: "https://geo.example/csw?request=GetRecords", location: "/csw:GetRecordsResponse/csw:SearchResults/gmd:MD_Metadata")
        return CSWMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
    }

    @Test func mapsAnISO19139Record() throws {
        let result = Self.map(FakeCatalogue.iso(1))
        let record = try #require(result.record)
        #expect(result.issues.isEmpty)
        #expect(record.id == "geo/rec-1")
        #expect(record.title == LocalizedText("River gauges 1", variants: ["fr": "Stations hydrométriques 1"]))
        #expect(record.description?.value == "Water levels of river gauges.")
        #expect(record.keywords == ["hydrology", "river"])
        #expect(record.themes == [Concept(label: "Hydrography", scheme: "inspire-theme"), Concept(label: "inlandWaters", scheme: "iso-topic-category")])
        #expect(record.extras["iso:thesauri"] == "GEMET - INSPIRE themes, version 1.0")
        #expect(record.publisher == Agent(name: "Water Agency", email: "data@water.example"))
        #expect(record.contactPoint?.name == "Jane Doe")
        #expect(record.contactPoint?.email == "data@water.example")
        #expect(record.license?.raw == "Creative Commons Attribution 4.0")
        // INSPIRE: otherConstraints beside accessConstraints=otherRestrictions say what the restriction is.
        #expect(record.accessRights?.label == "no limitations to public access")
        #expect(record.extras["iso:accessConstraints"] == "otherRestrictions; no limitations to public access")
        #expect(record.issued?.raw == "2019-06-01")
        #expect(record.modified?.raw == "2023-11-20")
        #expect(record.extras["iso:dateStamp"] == "2024-03-01T12:00:00")
        #expect(record.spatial.first?.geometry == "5.9,45.8,10.5,47.8")
        #expect(record.temporal == [TemporalCoverage(start: CatalogDate(raw: "2010-01-01"), end: CatalogDate(raw: "2020-12-31"))])
        #expect(record.languages == ["ger"])
        #expect(record.extras["iso:hierarchyLevel"] == "dataset")
        #expect(record.distributions.count == 2)
        #expect(record.distributions[0].downloadURL == "https://water.example/gauges-1.csv")
        #expect(record.distributions[0].title == "Gauges CSV")
        #expect(record.distributions[0].description == "All gauges")
        #expect(record.distributions[0].format == "CSV")
        #expect(record.distributions[1].format == "OGC:WMS")
        #expect(record.extras["iso:protocols"] == "WWW:DOWNLOAD-1.0-http--download; OGC:WMS")
        #expect(record.distributions[1].accessURL == "https://water.example/wms")
        #expect(record.distributions[1].downloadURL == nil)
        #expect(record.extras["iso:formats"] == "CSV")
    }

    @Test func mapsADublinCoreRecord() throws {
        let xml = """
            <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/" xmlns:ows="http://www.opengis.net/ows">
              <dc:identifier>urn:uuid:19887a8a-f6b0-4a63-ae56-7fba0e17801f</dc:identifier>
              <dc:title>Lorem ipsum</dc:title><dc:type>http://purl.org/dc/dcmitype/Image</dc:type>
              <dc:subject>Tourism--Greece</dc:subject><dct:abstract>Quisque lacus diam.</dct:abstract>
              <dct:modified>2006-03-26</dct:modified>
              <dc:URI protocol="OGC:WMS" name="roads">http://example.org/wms</dc:URI>
              <ows:BoundingBox crs="urn:x-ogc:def:crs:EPSG:6.11:4326"><ows:LowerCorner>47.59 -4.1</ows:LowerCorner><ows:UpperCorner>51.22 0.89</ows:UpperCorner></ows:BoundingBox>
            </csw:Record>
            """
        let record = try #require(Self.map(xml).record)
        #expect(record.id == "geo/urn:uuid:19887a8a-f6b0-4a63-ae56-7fba0e17801f")
        #expect(record.title.value == "Lorem ipsum")
        #expect(record.description?.value == "Quisque lacus diam.")
        #expect(record.keywords == ["Tourism--Greece"])
        #expect(record.modified?.raw == "2006-03-26")
        #expect(record.spatial.first?.geometry == "-4.1,47.59,0.89,51.22")
        #expect(record.distributions.first?.accessURL == "http://example.org/wms")
        #expect(record.distributions.first?.format == "OGC:WMS")
    }

    @Test func aRecordWithoutIdentifierIsAnError() {
        let result = Self.map("<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\"/>")
        #expect(result.record == nil)
        #expect(result.issues.map(\.code) == ["csw.record.missing-identifier"])
    }

    @Test func anExceptionReportIsReadWithItsCode() throws {
        let body = Array("<?xml version=\"1.0\"?><ows:ExceptionReport xmlns:ows=\"http://www.opengis.net/ows\"><ows:Exception exceptionCode=\"InvalidParameterValue\" locator=\"outputSchema\"><ows:ExceptionText>Bad schema</ows:ExceptionText></ows:Exception></ows:ExceptionReport>".utf8)
        let response = try CSWResponse.parse(body)
        #expect(response.isException)
        #expect(response.exceptions.first?.code == "InvalidParameterValue")
        #expect(response.exceptions.first?.locator == "outputSchema")
        #expect(response.exceptions.first?.text == "Bad schema")
    }
}
