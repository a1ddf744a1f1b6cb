public import CatalogModel
import FeedParsing
import Foundation

/// Maps one DCAT record (a `dcat:Dataset`, `dcat:DatasetSeries` or `dcat:DataService` with the nodes it links to,
/// as N-Triples whose first subject is the record) to a `CatalogRecord`.
///
/// Profiles read: DCAT 2 and 3, DCAT-AP 2 and 3 with HVD properties (kept as extras), GeoDCAT-AP (`locn:geometry`,
/// `dcat:bbox` in WKT, GeoJSON or GML), the national profiles in the corpus (their extra properties kept as extras),
/// DCAT-US 3 in RDF. Texts keep every language (`eN` is `en`); the value shown is in the source's `language`
/// option, else untagged, else English. Values are kept as published: the normaliser reads dates, licences,
/// formats, languages, themes, frequencies and geometries afterwards.
public struct DCATMapper: RecordMapper {
    public init() {}

    /// More distributions than this are cut, with a warning: a record is not a file listing.
    static let maxDistributions = 2_000

    /// Properties of the record mapped to fields; every other one is kept as an extra.
    static let mapped = DCATIRISet([
        DCATIRIs.rdfType, DCATIRIs.dctTitle, DCATIRIs.dctDescription, DCATIRIs.dctIdentifier, DCATIRIs.admsIdentifier,
        DCATIRIs.dcatKeyword, DCATIRIs.dcatTheme, DCATIRIs.dctPublisher, DCATIRIs.dctCreator, DCATIRIs.dcatContactPoint,
        DCATIRIs.dctLicense, DCATIRIs.dctRights, DCATIRIs.dctAccessRights, DCATIRIs.dctIssued, DCATIRIs.dctModified, DCATIRIs.dctTemporal,
        DCATIRIs.dctSpatial, DCATIRIs.dctLanguage, DCATIRIs.dcatLandingPage, DCATIRIs.dctAccrualPeriodicity, DCATIRIs.dcatVersion,
        DCATIRIs.owlVersionInfo, DCATIRIs.dcatDistribution, DCATIRIs.dcLanguage, DCATIRIs.dcTitle, DCATIRIs.dcDescription,
        DCATIRIs.dcSubject, DCATIRIs.dctSubject,
    ])

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "dataset")
        let graph: DCATRecordGraph
        if let parsed = raw.preparsed as? DCATRecordGraph {
            // The harvester's cut gives the statements exactly as reading the payload would.
            graph = parsed
        } else {
            var triples: [RDFTriple] = []
            let report = NTriplesReader.read(raw.payload, baseIRI: raw.pageURL, blankScope: "", into: { triples.append($0) })
            if let problem = report.allProblems.first {
                issues.error("dcat.payload.invalid", "the stored N-Triples of the dataset at \(raw.location) do not parse (\(problem)); it was skipped.", at: raw.location)
                return MappingResult(record: nil, issues: issues.items)
            }
            graph = DCATRecordGraph(triples: triples)
        }
        guard let subject = graph.record else {
            issues.error("dcat.payload.empty", "the dataset at \(raw.location) has no statements; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        let view = DCATView(graph: graph, language: source.options["language"]?.lowercased() ?? "en")
        let localID = raw.localID ?? Self.localID(of: subject, view: view)
        guard let localID else {
            issues.error("dcat.dataset.no-identifier", "the dataset at \(raw.location) is a blank node without dct:identifier; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        let title: LocalizedText
        if let found = view.localized(subject, DCATIRIs.dctTitle, DCATIRIs.dcTitle, DCATIRIs.rdfsLabel) {
            title = found
        } else {
            title = LocalizedText(localID)
            issues.warning("dcat.dataset.missing-title", "the dataset has no dct:title; its identifier is used as its title.", at: "dct:title")
        }
        let iri = view.iri(subject)
        let provenance = Provenance(sourceID: source.id, kind: DCATHarvester.description.kind, originalID: localID,
                                    originalURL: iri.flatMap { $0.hasPrefix("http") ? $0 : nil },
                                    harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: title, provenance: provenance)
        record.description = view.localized(subject, DCATIRIs.dctDescription, DCATIRIs.dcDescription)
        record.identifiers = identifiers(subject, view: view)
        record.keywords = view.preferredTexts(subject, DCATIRIs.dcatKeyword)
        record.themes = themes(subject, view: view)
        record.publisher = agent(view.object(subject, DCATIRIs.dctPublisher), view: view)
        record.creator = agent(view.object(subject, DCATIRIs.dctCreator), view: view)
        record.contactPoint = contact(view.object(subject, DCATIRIs.dcatContactPoint), view: view)
        record.accessRights = concept(view.object(subject, DCATIRIs.dctAccessRights), view: view)
        record.issued = view.value(subject, DCATIRIs.dctIssued).map { CatalogDate(raw: $0) }
        record.modified = view.value(subject, DCATIRIs.dctModified).map { CatalogDate(raw: $0) }
        record.temporal = view.objects(subject, DCATIRIs.dctTemporal).compactMap { temporal($0, view: view) }
        record.spatial = view.objects(subject, DCATIRIs.dctSpatial).compactMap { spatial($0, view: view) }
        record.languages = languages(subject, view: view)
        record.landingPage = view.value(subject, DCATIRIs.dcatLandingPage)
        record.frequency = view.objects(subject, DCATIRIs.dctAccrualPeriodicity).lazy.compactMap { frequency($0, view: view) }.first
        record.version = view.value(subject, DCATIRIs.dcatVersion, DCATIRIs.owlVersionInfo)
        record.distributions = distributions(subject, view: view, issues: &issues)
        record.license = license(view.object(subject, DCATIRIs.dctLicense), view: view)
            ?? sharedLicense(record.distributions, issues: &issues)
        if record.license == nil, let rights = view.object(subject, DCATIRIs.dctRights), let text = view.plain(rights) ?? view.label(rights) {
            record.extras["dct:rights"] = text
        }
        let types = view.graph.types(of: subject)
        if let kind = types.first(where: { $0 != DCATTerms.dataset && DCATTerms.recordClasses.contains($0) }) {
            record.extras["dcat:type"] = NS.compact(kind)
        }
        keepExtras(subject, view: view, into: &record)
        catalogRecordDates(subject, view: view, into: &record)
        return MappingResult(record: record, issues: issues.items)
    }

    // MARK: - Identifiers, themes, languages

    private func identifiers(_ subject: DCATView.Node, view: DCATView) -> [Identifier] {
        var result: [Identifier] = []
        func add(_ value: String) {
            guard !result.contains(where: { $0.value == value }) else { return }
            result.append(Identifier(value, scheme: DCATIdentifierScheme.of(value)))
        }
        for object in view.objects(subject, DCATIRIs.dctIdentifier) { view.plain(object).map(add) }
        for object in view.objects(subject, DCATIRIs.admsIdentifier) {
            if let notation = view.value(object, DCATIRIs.skosNotation) ?? view.plain(object) { add(notation) }
        }
        if let iri = view.iri(subject) { add(iri) }
        return result
    }

    private func themes(_ subject: DCATView.Node, view: DCATView) -> [Concept] {
        var result: [Concept] = []
        for predicate in [DCATIRIs.dcatTheme, DCATIRIs.dctSubject, DCATIRIs.dcSubject] {
            for object in view.objects(subject, predicate) {
                if let concept = concept(object, view: view), !result.contains(concept) { result.append(concept) }
            }
        }
        return result
    }

    private func languages(_ subject: DCATView.Node, view: DCATView) -> [String] {
        var result: [String] = []
        for object in view.objects(subject, DCATIRIs.dctLanguage) + view.objects(subject, DCATIRIs.dcLanguage) {
            let found: String?
            switch view.term(object) {
            case .iri(let iri): found = iri
            case .literal: found = view.plain(object)
            case .blank: found = view.value(object, DCATIRIs.rdfValue, DCATIRIs.skosNotation) ?? view.label(object)
            }
            if let found, !result.contains(found) { result.append(found) }
        }
        return result
    }

    /// A vocabulary term: an IRI (with its label when the document gives one), a labelled node, or a text.
    func concept(_ term: DCATView.Node?, view: DCATView) -> Concept? {
        guard let term else { return nil }
        switch view.term(term) {
        case .iri(let iri):
            return Concept(uri: iri, label: view.label(term), scheme: view.value(term, DCATIRIs.skosInScheme))
        case .blank:
            let uri = view.value(term, DCATIRIs.skosExactMatch, DCATIRIs.owlSameAs)
            let label = view.label(term) ?? view.value(term, DCATIRIs.rdfValue)
            return uri == nil && label == nil ? nil : Concept(uri: uri, label: label, scheme: view.value(term, DCATIRIs.skosInScheme))
        case .literal:
            return view.plain(term).map { Concept(label: $0) }
        }
    }

    /// `dct:accrualPeriodicity`: an authority IRI, a text, or a `time:DurationDescription` (`time:months 1`),
    /// read as the ISO 8601 duration `P1M` for the frequency rule.
    private func frequency(_ term: DCATView.Node?, view: DCATView, depth: Int = 0) -> Concept? {
        guard let term else { return nil }
        if view.isBlank(term) {
            // datos.gob.es wraps the duration: `[ a dct:Frequency ; rdf:value [ a time:DurationDescription ; … ] ]`.
            if depth == 0, let value = view.object(term, DCATIRIs.rdfValue), view.isBlank(value) {
                return frequency(value, view: view, depth: 1)
            }
            let parts: [(String, String)] = [("years", "Y"), ("months", "M"), ("weeks", "W"), ("days", "D")]
            var duration = ""
            for (name, letter) in parts {
                if let amount = view.value(term, NS.time + name).flatMap({ Double($0) }), amount > 0 {
                    duration += (amount == amount.rounded() ? String(Int(amount)) : String(amount)) + letter
                }
            }
            var time = ""
            for (name, letter) in [("hours", "H"), ("minutes", "M"), ("seconds", "S")] {
                if let amount = view.value(term, NS.time + name).flatMap({ Double($0) }), amount > 0 {
                    time += (amount == amount.rounded() ? String(Int(amount)) : String(amount)) + letter
                }
            }
            if !duration.isEmpty || !time.isEmpty { return Concept(label: "P" + duration + (time.isEmpty ? "" : "T" + time)) }
        }
        return concept(term, view: view)
    }

    // MARK: - Extras

    /// Unmapped properties of the record, by compact name (`dct:conformsTo`), values joined with ` | `.
    private func keepExtras(_ subject: DCATView.Node, view: DCATView, into record: inout CatalogRecord) {
        var collected: [(key: String, values: [String])] = []
        let mapped = Self.mapped
        let predicates = view.graph.predicates
        for statement in view.graph.statements(about: subject) where !mapped.contains(predicates[statement.predicate]) {
            let text = view.isBlank(statement.object) ? view.label(statement.object) ?? view.value(statement.object, DCATIRIs.rdfValue)
                : view.plain(statement.object)
            guard let text else { continue }
            let key = NS.compact(predicates[statement.predicate])
            if let index = collected.firstIndex(where: { $0.key == key }) {
                if !collected[index].values.contains(text) { collected[index].values.append(text) }
            } else {
                collected.append((key, [text]))
            }
        }
        for (key, values) in collected where record.extras[key] == nil {
            record.extras[key] = values.joined(separator: " | ")
        }
    }

    /// A `dcat:CatalogRecord` about the dataset gives the catalogue's dates when the dataset has none.
    private func catalogRecordDates(_ subject: DCATView.Node, view: DCATView, into record: inout CatalogRecord) {
        guard let catalogRecord = view.graph.subjects(where: DCATIRIs.foafPrimaryTopic, is: subject).first else { return }
        if record.issued == nil, let issued = view.value(catalogRecord, DCATIRIs.dctIssued) { record.issued = CatalogDate(raw: issued) }
        if record.modified == nil, let modified = view.value(catalogRecord, DCATIRIs.dctModified) { record.modified = CatalogDate(raw: modified) }
        if let iri = view.iri(catalogRecord) { record.extras["dcat:CatalogRecord"] = iri }
        // DCAT-AP: the catalogue record's dct:source is the metadata this record was harvested from, so the
        // record is an aggregator's copy (the canonical-record rule prefers the publisher's own portal).
        if let source = view.object(catalogRecord, DCATIRIs.dctSource) {
            record.extras["dcat:CatalogRecord.source"] = view.plain(source) ?? view.value(source, DCATIRIs.dcatLandingPage, DCATIRIs.foafPage) ?? "yes"
        }
    }

    /// `dct:identifier` (a short text or IRI), else the record's IRI, else (for a blank node) the identifier of its
    /// `dcat:CatalogRecord`: what the cut gives (`DCATRecords`), read from the record's own graph.
    static func localID(of subject: DCATView.Node, view: DCATView) -> String? {
        func identifier(of node: DCATView.Node) -> String? {
            view.objects(node, DCATIRIs.dctIdentifier).lazy.compactMap { DCATRecords.identifierText(view.term($0)) }.first
        }
        if let found = identifier(of: subject) { return found }
        if let iri = view.iri(subject) { return iri }
        let records = view.objects(subject, DCATIRIs.foafIsPrimaryTopicOf) + view.graph.subjects(where: DCATIRIs.foafPrimaryTopic, is: subject)
        return records.lazy.compactMap(identifier).first
    }
}
