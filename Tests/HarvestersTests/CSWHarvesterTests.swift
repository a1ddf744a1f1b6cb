import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
@testable import Harvesters

/// A loopback CSW 2.0.2 catalogue in GeoNetwork's shape: seven ISO 19139 records, `maxRecords` per page,
/// `nextRecord` 0 after the last. `/lie/csw` announces 10 records; `/loop/csw` always gives nextRecord=1;
/// `/exception/csw` answers an ows:ExceptionReport; `/small/csw` fails with an exception for pages over 2
/// records; `/newline/csw` sends a newline before the XML declaration.
enum FakeCatalogue {
    static func start(log: RequestLog = RequestLog()) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            let variant = request.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
            guard request.path.hasSuffix("/csw") else { return .status(404) }
            log.add(request.rawTarget)
            guard request.queryValue("request") == "GetRecords", request.queryValue("service") == "CSW" else {
                return exception("OperationNotSupported", locator: "request", "Operation not supported")
            }
            let start = Int(request.queryValue("startPosition") ?? "1") ?? 1
            let size = Int(request.queryValue("maxRecords") ?? "10") ?? 10
            switch variant {
            case "exception": return exception("NoApplicableCode", locator: nil, "java.lang.NullPointerException")
            case "small" where size > 2: return exception("NoApplicableCode", locator: nil, "Out of memory")
            default: break
            }
            let total = 7
            let ids = Array(start..<min(total + 1, start + size))
            let next = variant == "loop" ? 1 : (ids.last.map { $0 < total ? $0 + 1 : 0 } ?? 0)
            var body = variant == "newline" ? "\n" : ""
            body += """
                <?xml version="1.0" encoding="UTF-8"?>
                <csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" version="2.0.2">
                <csw:SearchStatus timestamp="2024-05-01T10:00:00Z"/>
                <csw:SearchResults numberOfRecordsMatched="\(variant == "lie" ? 10 : total)" numberOfRecordsReturned="\(ids.count)" elementSet="full" nextRecord="\(next)">
                \(ids.map { request.queryValue("outputSchema") == cswNamespace ? dublinCore($0) : iso($0) }.joined(separator: "\n"))
                </csw:SearchResults>
                </csw:GetRecordsResponse>
                """
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/xml; charset=utf-8")], body: Array(body.utf8))
        }
        try server.start()
        return server
    }

    static func exception(_ code: String, locator: String?, _ text: String) -> HTTPResponse {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows" version="1.2.0">
            <ows:Exception exceptionCode="\(code)"\(locator.map { " locator=\"\($0)\"" } ?? "")><ows:ExceptionText>\(text)</ows:ExceptionText></ows:Exception>
            </ows:ExceptionReport>
            """
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/xml")], body: Array(xml.utf8))
    }

    /// A csw:Record as pycsw writes it.
    static func dublinCore(_ id: Int) -> String {
        """
        <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/" xmlns:ows="http://www.opengis.net/ows">
        <dc:identifier>rec-\(id)</dc:identifier><dc:title>River gauges \(id)</dc:title><dc:type>dataset</dc:type>
        <ows:WGS84BoundingBox><ows:LowerCorner>5.9 45.8</ows:LowerCorner><ows:UpperCorner>10.5 47.8</ows:UpperCorner></ows:WGS84BoundingBox>
        </csw:Record>
        """
    }

    /// An ISO 19139 record as GeoNetwork writes it.
    static func iso(_ id: Int) -> String {
        """
        <gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" xmlns:gml="http://www.opengis.net/gml" xmlns:gmx="http://www.isotc211.org/2005/gmx" xmlns:xlink="http://www.w3.org/1999/xlink">
          <gmd:fileIdentifier><gco:CharacterString>rec-\(id)</gco:CharacterString></gmd:fileIdentifier>
          <gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="eng">eng</gmd:LanguageCode></gmd:language>
          <gmd:hierarchyLevel><gmd:MD_ScopeCode codeList="./resources/codeList.xml#MD_ScopeCode" codeListValue="dataset"/></gmd:hierarchyLevel>
          <gmd:contact><gmd:CI_ResponsibleParty><gmd:organisationName><gco:CharacterString>Metadata Office</gco:CharacterString></gmd:organisationName>
            <gmd:role><gmd:CI_RoleCode codeList="#CI_RoleCode" codeListValue="pointOfContact"/></gmd:role></gmd:CI_ResponsibleParty></gmd:contact>
          <gmd:dateStamp><gco:DateTime>2024-03-01T12:00:00</gco:DateTime></gmd:dateStamp>
          <gmd:identificationInfo><gmd:MD_DataIdentification>
            <gmd:citation><gmd:CI_Citation>
              <gmd:title xsi:type="gmd:PT_FreeText_PropertyType" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><gco:CharacterString>River gauges \(id)</gco:CharacterString>
                <gmd:PT_FreeText><gmd:textGroup><gmd:LocalisedCharacterString locale="#FR">Stations hydrométriques \(id)</gmd:LocalisedCharacterString></gmd:textGroup></gmd:PT_FreeText></gmd:title>
              <gmd:date><gmd:CI_Date><gmd:date><gco:Date>2019-06-01</gco:Date></gmd:date><gmd:dateType><gmd:CI_DateTypeCode codeList="#CI_DateTypeCode" codeListValue="creation"/></gmd:dateType></gmd:CI_Date></gmd:date>
              <gmd:date><gmd:CI_Date><gmd:date><gco:Date>2023-11-20</gco:Date></gmd:date><gmd:dateType><gmd:CI_DateTypeCode codeList="#CI_DateTypeCode" codeListValue="revision"/></gmd:dateType></gmd:CI_Date></gmd:date>
            </gmd:CI_Citation></gmd:citation>
            <gmd:abstract><gco:CharacterString>Water levels of river gauges.</gco:CharacterString></gmd:abstract>
            <gmd:pointOfContact><gmd:CI_ResponsibleParty><gmd:individualName><gco:CharacterString>Jane Doe</gco:CharacterString></gmd:individualName>
              <gmd:organisationName><gco:CharacterString>Water Agency</gco:CharacterString></gmd:organisationName>
              <gmd:contactInfo><gmd:CI_Contact><gmd:address><gmd:CI_Address><gmd:electronicMailAddress><gco:CharacterString>data@water.example</gco:CharacterString></gmd:electronicMailAddress></gmd:CI_Address></gmd:address></gmd:CI_Contact></gmd:contactInfo>
              <gmd:role><gmd:CI_RoleCode codeList="#CI_RoleCode" codeListValue="publisher"/></gmd:role></gmd:CI_ResponsibleParty></gmd:pointOfContact>
            <gmd:descriptiveKeywords><gmd:MD_Keywords><gmd:keyword><gco:CharacterString>hydrology</gco:CharacterString></gmd:keyword>
              <gmd:keyword><gmx:Anchor xlink:href="http://www.eionet.europa.eu/gemet/concept/6740">river</gmx:Anchor></gmd:keyword></gmd:MD_Keywords></gmd:descriptiveKeywords>
            <gmd:descriptiveKeywords><gmd:MD_Keywords><gmd:keyword><gco:CharacterString>Hydrography</gco:CharacterString></gmd:keyword>
              <gmd:thesaurusName><gmd:CI_Citation><gmd:title><gco:CharacterString>GEMET - INSPIRE themes, version 1.0</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:thesaurusName></gmd:MD_Keywords></gmd:descriptiveKeywords>
            <gmd:resourceConstraints><gmd:MD_Constraints><gmd:useLimitation><gco:CharacterString>Creative Commons Attribution 4.0</gco:CharacterString></gmd:useLimitation></gmd:MD_Constraints></gmd:resourceConstraints>
            <gmd:resourceConstraints><gmd:MD_LegalConstraints><gmd:accessConstraints><gmd:MD_RestrictionCode codeList="#MD_RestrictionCode" codeListValue="otherRestrictions"/></gmd:accessConstraints>
              <gmd:otherConstraints><gco:CharacterString>no limitations to public access</gco:CharacterString></gmd:otherConstraints></gmd:MD_LegalConstraints></gmd:resourceConstraints>
            <gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="ger">ger</gmd:LanguageCode></gmd:language>
            <gmd:topicCategory><gmd:MD_TopicCategoryCode>inlandWaters</gmd:MD_TopicCategoryCode></gmd:topicCategory>
            <gmd:extent><gmd:EX_Extent>
              <gmd:geographicElement><gmd:EX_GeographicBoundingBox><gmd:westBoundLongitude><gco:Decimal>5.9</gco:Decimal></gmd:westBoundLongitude>
                <gmd:eastBoundLongitude><gco:Decimal>10.5</gco:Decimal></gmd:eastBoundLongitude><gmd:southBoundLatitude><gco:Decimal>45.8</gco:Decimal></gmd:southBoundLatitude>
                <gmd:northBoundLatitude><gco:Decimal>47.8</gco:Decimal></gmd:northBoundLatitude></gmd:EX_GeographicBoundingBox></gmd:geographicElement>
              <gmd:temporalElement><gmd:EX_TemporalExtent><gmd:extent><gml:TimePeriod gml:id="tp\(id)"><gml:beginPosition>2010-01-01</gml:beginPosition><gml:endPosition>2020-12-31</gml:endPosition></gml:TimePeriod></gmd:extent></gmd:EX_TemporalExtent></gmd:temporalElement>
            </gmd:EX_Extent></gmd:extent>
          </gmd:MD_DataIdentification></gmd:identificationInfo>
          <gmd:distributionInfo><gmd:MD_Distribution>
            <gmd:distributionFormat><gmd:MD_Format><gmd:name><gco:CharacterString>CSV</gco:CharacterString></gmd:name><gmd:version gco:nilReason="unknown"/></gmd:MD_Format></gmd:distributionFormat>
            <gmd:transferOptions><gmd:MD_DigitalTransferOptions>
              <gmd:onLine><gmd:CI_OnlineResource><gmd:linkage><gmd:URL>https://water.example/gauges-\(id).csv</gmd:URL></gmd:linkage><gmd:protocol><gco:CharacterString>WWW:DOWNLOAD-1.0-http--download</gco:CharacterString></gmd:protocol>
                <gmd:name><gco:CharacterString>Gauges CSV</gco:CharacterString></gmd:name><gmd:description><gco:CharacterString>All gauges</gco:CharacterString></gmd:description></gmd:CI_OnlineResource></gmd:onLine>
              <gmd:onLine><gmd:CI_OnlineResource><gmd:linkage><gmd:URL>https://water.example/wms</gmd:URL></gmd:linkage><gmd:protocol><gco:CharacterString>OGC:WMS</gco:CharacterString></gmd:protocol></gmd:CI_OnlineResource></gmd:onLine>
            </gmd:MD_DigitalTransferOptions></gmd:transferOptions>
          </gmd:MD_Distribution></gmd:distributionInfo>
        </gmd:MD_Metadata>
        """
    }
}

@Suite("CSW harvester over loopback")
struct CSWHarvesterTests {
    static func source(_ server: LoopbackServer, _ path: String = "/csw", options: [String: String] = ["max_records": "3"]) -> SourceConfig {
        SourceConfig(id: "fake", kind: "csw", url: server.baseURL + path, options: options)
    }

    static func harvest(_ source: SourceConfig, context: GatherContext = GatherContext()) throws -> (GatherOutcome, CollectingSink) {
        let sink = CollectingSink()
        let outcome = try CSWHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: context, into: sink)
        return (outcome, sink)
    }

    @Test func pagesThroughThreePagesByNextRecord() throws {
        let log = RequestLog()
        let server = try FakeCatalogue.start(log: log)
        defer { server.stop() }
        let (outcome, sink) = try Self.harvest(Self.source(server))
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 7, pages: 3))
        #expect(sink.records.compactMap(\.localID) == (1...7).map { "rec-\($0)" })
        #expect(sink.records.allSatisfy { $0.mediaType == "application/xml" })
        #expect(sink.issues.isEmpty)
        #expect(log.all.first == "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw%3ARecord&resultType=results&elementSetName=full&outputSchema=http%3A%2F%2Fwww.isotc211.org%2F2005%2Fgmd&startPosition=1&maxRecords=3")
        #expect(log.all.map { $0.components(separatedBy: "startPosition=").last ?? "" } == ["1&maxRecords=3", "4&maxRecords=3", "7&maxRecords=3"])
        #expect(CSWCursor(checkpoint: sink.pages[0].checkpoint)?.start == 4)
        #expect(sink.pages.map(\.checkpoint).last == .some(nil))
    }

    @Test func dublinCoreIsAskedForWithItsOutputSchema() throws {
        let log = RequestLog()
        let server = try FakeCatalogue.start(log: log)
        defer { server.stop() }
        let source = Self.source(server, options: ["max_records": "5", "output_schema": cswNamespace])
        let (outcome, sink) = try Self.harvest(source)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 7, pages: 2))
        #expect(log.all.allSatisfy { $0.contains("outputSchema=http%3A%2F%2Fwww.opengis.net%2Fcat%2Fcsw%2F2.0.2") })
        let record = try #require(CSWMapper().map(sink.records[6], context: MappingContext(source: source, harvestedAt: Date())).record)
        #expect(record.id == "fake/rec-7")
        #expect(record.title.value == "River gauges 7")
        #expect(record.spatial.first?.geometry == "5.9,45.8,10.5,47.8")
    }

    @Test func aResumedRunStartsAtTheStoredPosition() throws {
        let log = RequestLog()
        let server = try FakeCatalogue.start(log: log)
        defer { server.stop() }
        var cursor = CSWCursor(pageSize: 3)
        cursor.start = 4
        cursor.pages = 1
        cursor.listed = 3
        cursor.matched = 7
        let (outcome, sink) = try Self.harvest(Self.source(server), context: GatherContext(resumeFrom: cursor.json))
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 7, pages: 3))
        #expect(sink.records.compactMap(\.localID) == (4...7).map { "rec-\($0)" })
        #expect(log.all.count == 2)
    }

    @Test func unchangedPagesAreNotParsedAgain() throws {
        let server = try FakeCatalogue.start()
        defer { server.stop() }
        let (_, first) = try Self.harvest(Self.source(server))
        var memos: [String: PageMemo] = [:]
        for page in first.pages { if let memo = page.memo { memos[page.url] = memo } }
        let (outcome, second) = try Self.harvest(Self.source(server), context: GatherContext(pages: memos))
        #expect(outcome.complete)
        #expect(second.records.isEmpty)
        #expect(second.unchanged == (1...7).map { "rec-\($0)" })
    }

    @Test func anExceptionReportIsThePortalsError() throws {
        let server = try FakeCatalogue.start()
        defer { server.stop() }
        do {
            _ = try Self.harvest(Self.source(server, "/exception/csw", options: ["max_records": "1"]))
            Issue.record("no error")
        } catch let error as HarvestError {
            guard case .portalError(_, _, let message) = error else { Issue.record("\(error)"); return }
            #expect(message == "CSW exception NoApplicableCode: java.lang.NullPointerException")
        }
    }

    @Test func aFailingPageIsAskedForAgainWithHalfTheRecords() throws {
        let log = RequestLog()
        let server = try FakeCatalogue.start(log: log)
        defer { server.stop() }
        let (outcome, sink) = try Self.harvest(Self.source(server, "/small/csw", options: ["max_records": "4"]))
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 7, pages: 4))
        #expect(sink.records.compactMap(\.localID) == (1...7).map { "rec-\($0)" })
        #expect(sink.issues.map(\.code) == ["csw.paging.smaller-page"])
        #expect(log.all.filter { $0.hasSuffix("maxRecords=4") }.count == 1)
    }

    @Test func aLyingTotalMakesTheListingIncomplete() throws {
        let server = try FakeCatalogue.start()
        defer { server.stop() }
        let (outcome, sink) = try Self.harvest(Self.source(server, "/lie/csw"))
        #expect(outcome == GatherOutcome(complete: false, expectedTotal: 10, pages: 3))
        #expect(sink.records.count == 7)
        #expect(sink.issues.map(\.code) == ["csw.paging.short-listing"])
    }

    @Test func aNextRecordThatDoesNotAdvanceIsAPagingLoop() throws {
        let server = try FakeCatalogue.start()
        defer { server.stop() }
        #expect(throws: HarvestError.self) { try Self.harvest(Self.source(server, "/loop/csw")) }
    }

    @Test func aLeadingNewlineIsReadAnyway() throws {
        let server = try FakeCatalogue.start()
        defer { server.stop() }
        let (outcome, sink) = try Self.harvest(Self.source(server, "/newline/csw"))
        #expect(outcome.complete)
        #expect(sink.records.count == 7)
        #expect(sink.issues.map(\.code) == ["csw.response.leading-whitespace"])
    }

    @Test func optionsAndURL() throws {
        let source = SourceConfig(id: "g", kind: "csw", url: "https://geo.example/csw?service=CSW&token=abc",
                                  options: ["output_schema": "http://www.opengis.net/cat/csw/2.0.2"])
        let harvester = try CSWHarvester(source: source)
        #expect(harvester.maxRecords == 50)
        #expect(harvester.url(start: 51, size: 50) == "https://geo.example/csw?token=abc&service=CSW&version=2.0.2&request=GetRecords&typeNames=csw%3ARecord&resultType=results&elementSetName=full&outputSchema=http%3A%2F%2Fwww.opengis.net%2Fcat%2Fcsw%2F2.0.2&startPosition=51&maxRecords=50")
        #expect(throws: HarvestError.self) { try CSWHarvester(source: SourceConfig(id: "g", kind: "csw", url: "ftp://x/csw")) }
        #expect(throws: HarvestError.self) { try CSWHarvester(source: SourceConfig(id: "g", kind: "csw", url: "https://x/csw", options: ["max_records": "0"])) }
        #expect(HarvesterRegistry.kinds.last == "csw")
    }
}
