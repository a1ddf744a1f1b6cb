public import CatalogModel
import FeedParsing
import Foundation

/// Maps one stored CSW record element to a `CatalogRecord`: ISO 19139 `MD_Metadata` (and `MI_Metadata`,
/// national profiles), CSW's Dublin Core `csw:Record`, and, for other schemas (ISO 19115-3 `mdb:MD_Metadata`),
/// the identifier, title and abstract. The record id is the file identifier (or `dc:identifier`).
public struct CSWMapper: RecordMapper {
    public init() {}

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "record")
        guard let root = issues.element(from: raw, codePrefix: "csw.record", prepare: CSWResponse.stripLeadingWhitespace) else {
            return MappingResult(record: nil, issues: issues.items)
        }
        if root.local == "RDF" {
            return mapDCAT(raw, context: context, issues: &issues)
        }
        guard let localID = ISOMapping.identifier(of: root) ?? raw.localID else {
            issues.error("csw.record.missing-identifier", "the <\(root.name.qualified)> at \(raw.location) has no fileIdentifier or identifier; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        let provenance = Provenance(sourceID: source.id, kind: CSWHarvester.description.kind, originalID: localID,
                                    harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(""), provenance: provenance)
        record.identifiers = [Identifier(localID, scheme: "csw")]
        switch root.local {
        case "MD_Metadata", "MI_Metadata", "CHE_MD_Metadata":
            // ISO 19115-3 (mdb:) keeps most ISO 19139 element names, so the same reading serves it.
            ISOMapping.map(root, into: &record, issues: &issues)
            if let namespace = root.name.namespace, !namespace.includes("isotc211.org/2005") { record.extras["iso:schema"] = namespace }
        case "Record", "SummaryRecord", "BriefRecord":
            DublinCoreMapping.map(root, into: &record)
            Self.cswExtras(root, into: &record)
        default:
            let kind = root.name.namespace.map { "\(root.local) (\($0))" } ?? root.local
            issues.warning("csw.record.unsupported-schema", "the record is <\(kind)>, which fedcat does not map field by field; only its identifier, title and abstract were kept.", at: raw.location)
            if let title = root.first("title")?.deepValue { record.title = LocalizedText(String(title.prefix(2000))) }
            if let abstract = root.first("abstract")?.deepValue { record.description = LocalizedText(abstract) }
        }
        if record.title.value.isEmpty {
            record.title = LocalizedText(localID)
            issues.warning("csw.record.missing-title", "the record has no title; its identifier '\(localID)' is used instead.", at: raw.location)
        }
        record.provenance.originalURL = record.landingPage
        let at = { (field: String) in "\(raw.location)/\(field)" }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("title"), description: at("abstract"), keywords: at("keyword"),
                                                                         spatial: at("extent"), distributions: at("distributionInfo"), extra: { at($0) }),
                                     codePrefix: "csw.record", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    /// What csw:Record adds to Dublin Core: `dct:abstract`, `dct:modified`, `ows:BoundingBox`, `dc:URI` links.
    static func cswExtras(_ root: XMLElementNode, into record: inout CatalogRecord) {
        if record.description == nil, let abstract = root.children("abstract").compactMap(\.value).first { record.description = LocalizedText(abstract) }
        if let modified = root.children("modified").compactMap(\.value).first { record.modified = CatalogDate(raw: modified) }
        for box in root.children.filter({ $0.local == "BoundingBox" || $0.local == "WGS84BoundingBox" }) {
            let lower = (box.child("LowerCorner")?.value ?? "").split(separator: " ").compactMap { Double($0) }
            let upper = (box.child("UpperCorner")?.value ?? "").split(separator: " ").compactMap { Double($0) }
            guard lower.count == 2, upper.count == 2 else { continue }
            // ows:BoundingBox in EPSG:4326 is latitude first; WGS84BoundingBox (and CRS84) is longitude first.
            let crs = box.attribute("crs") ?? ""
            let latFirst = box.local == "BoundingBox" && crs.includes("4326") && !crs.uppercased().includes("CRS84")
            let (w, s, e, n) = latFirst ? (lower[1], lower[0], upper[1], upper[0]) : (lower[0], lower[1], upper[0], upper[1])
            record.spatial.append(SpatialCoverage(geometry: [w, s, e, n].map(DataCiteMapping.fmt).joined(separator: ",")))
        }
        for uri in root.children("URI") {
            guard let link = uri.value else { continue }
            var item = Distribution(title: uri.attribute("name") ?? uri.attribute("description"), accessURL: link)
            item.format = uri.attribute("protocol")
            record.distributions.append(item)
        }
    }

    /// A record in a DCAT output schema (GeoNetwork's `outputSchema=http://www.w3.org/ns/dcat#`): its RDF/XML is
    /// read, its dataset cut out and mapped exactly as the dcat kind does, under this source's kind.
    private func mapDCAT(_ raw: RawRecord, context: MappingContext, issues: inout IssueCollector) -> MappingResult {
        var graph = RDFGraph()
        let report = RDFXMLReader.read(raw.payload, baseIRI: raw.pageURL, blankScope: "c") { graph.add($0) }
        if let fatal = report.fatal {
            issues.error("csw.record.invalid-rdf", "the record's RDF/XML is broken at \(fatal); it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        let found = DCATRecords(graph: graph).all().filter { $0.localID != nil }
        guard let first = found.first else {
            issues.error("csw.record.no-dataset", "the record's RDF holds no dcat:Dataset, dcat:DatasetSeries or dcat:DataService with an identifier; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        if found.count > 1 {
            issues.warning("csw.record.several-datasets", "the record's RDF describes \(found.count) datasets; the first, '\(first.localID ?? "")', was kept.", at: raw.location)
        }
        var result = DCATMapper().map(RawRecord(localID: first.localID, payload: first.payload, mediaType: RDFSyntax.ntriples.mediaType,
                                                pageURL: raw.pageURL, location: raw.location, preparsed: first.graph), context: context)
        result.record?.provenance.kind = CSWHarvester.description.kind
        result.record?.provenance.rawHash = raw.payloadHash
        result.issues = issues.items + result.issues
        return result
    }
}
