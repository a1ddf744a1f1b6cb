import CatalogModel
import FeedParsing

extension DCATMapper {
    // MARK: - Agents and contacts

    /// A `foaf:Agent`/`org:Organization`/`vcard:Kind`/`skos:Concept` publisher or creator, a bare IRI (named by
    /// itself), or a text.
    func agent(_ term: DCATView.Node?, view: DCATView) -> Agent? {
        guard let term else { return nil }
        if view.isLiteral(term) { return view.plain(term).map { Agent(name: $0) } }
        let name = view.text(term, DCATIRIs.foafName, DCATIRIs.vcardFn, DCATIRIs.vcardOrganizationName, DCATIRIs.skosPrefLabel,
                             DCATIRIs.rdfsLabel, DCATIRIs.dctTitle, DCATIRIs.schemaName, DCATIRIs.schemaSName)
        let iri = view.iri(term)
        guard let name = name ?? iri else { return nil }
        var agent = Agent(name: name, uri: iri, identifier: view.value(term, DCATIRIs.dctIdentifier))
        agent.email = view.value(term, DCATIRIs.foafMbox, DCATIRIs.vcardHasEmail, DCATIRIs.schemaEmail).map(DataJSONMapper.withoutMailto)
        agent.homepage = view.value(term, DCATIRIs.foafHomepage, DCATIRIs.foafPage, DCATIRIs.schemaUrl)
        return agent
    }

    /// A `vcard:Kind` contact point: name, e-mail (a `mailto:` IRI, a text, or a node with `vcard:value`),
    /// telephone and URL.
    func contact(_ term: DCATView.Node?, view: DCATView) -> Contact? {
        guard let term else { return nil }
        if view.isLiteral(term) {
            guard let text = view.plain(term) else { return nil }
            return text.contains("@") ? Contact(email: DataJSONMapper.withoutMailto(text)) : Contact(name: text)
        }
        func nested(_ predicates: String...) -> String? {
            for predicate in predicates {
                for object in view.objects(term, predicate) {
                    if view.isBlank(object), let value = view.value(object, DCATIRIs.vcardValue, DCATIRIs.rdfValue) { return value }
                    if let value = view.plain(object) { return value }
                }
            }
            return nil
        }
        let contact = Contact(name: view.text(term, DCATIRIs.vcardFn, DCATIRIs.vcardOrganizationName, DCATIRIs.foafName, DCATIRIs.rdfsLabel),
                              email: nested(DCATIRIs.vcardHasEmail, DCATIRIs.vcardEmail, DCATIRIs.foafMbox).map(DataJSONMapper.withoutMailto),
                              phone: nested(DCATIRIs.vcardHasTelephone, DCATIRIs.vcardTel, DCATIRIs.foafPhone).map { $0.hasPrefix("tel:") ? String($0.dropFirst(4)) : $0 },
                              url: nested(DCATIRIs.vcardHasURL, DCATIRIs.vcardUrl, DCATIRIs.foafHomepage) ?? view.iri(term).flatMap { $0.hasPrefix("http") ? $0 : nil })
        return contact.name == nil && contact.email == nil && contact.phone == nil && contact.url == nil ? nil : contact
    }

    // MARK: - Licences

    /// `dct:license`: an IRI (with the document's title for it), a `dct:LicenseDocument` node (its
    /// `skos:exactMatch`/`owl:sameAs` IRI and title), or a text.
    func license(_ term: DCATView.Node?, view: DCATView) -> LicenseRef? {
        guard let term else { return nil }
        switch view.term(term) {
        case .iri(let iri):
            return LicenseRef(raw: iri, title: view.label(term), uri: iri)
        case .blank:
            let uri = view.value(term, DCATIRIs.skosExactMatch, DCATIRIs.owlSameAs, DCATIRIs.dctIdentifier, DCATIRIs.rdfsSeeAlso)
            let title = view.label(term) ?? view.value(term, DCATIRIs.rdfValue)
            guard uri != nil || title != nil else { return nil }
            return LicenseRef(raw: uri ?? title, title: title, uri: uri.flatMap { $0.hasPrefix("http") ? $0 : nil })
        case .literal:
            return view.plain(term).map { $0.lowercased().hasPrefix("http") ? LicenseRef(raw: $0, uri: $0) : LicenseRef(raw: $0) }
        }
    }

    /// DCAT-AP puts licences on distributions: when the dataset has none and its distributions agree on one, that one.
    func sharedLicense(_ distributions: [Distribution], issues: inout IssueCollector) -> LicenseRef? {
        let licences = distributions.compactMap(\.license)
        guard let first = licences.first else { return nil }
        let distinct = Set(licences.map { $0.uri ?? $0.raw ?? "" })
        if distinct.count > 1 {
            issues.warning("dcat.dataset.several-licenses", "the dataset has no dct:license and its distributions give \(distinct.count) different licences; the first distribution's is used.",
                           at: "dcat:distribution/dct:license")
        }
        return first
    }

    // MARK: - Coverage

    /// `dct:temporal`: a `dct:PeriodOfTime` with `dcat:startDate`/`endDate`, `schema:startDate`/`endDate` or
    /// `time:hasBeginning`/`hasEnd` instants; a text `start/end`.
    func temporal(_ term: DCATView.Node, view: DCATView) -> TemporalCoverage? {
        if view.isLiteral(term) {
            guard let text = view.plain(term) else { return nil }
            let parts = text.split(separator: "/", maxSplits: 1).map { String($0).trimmed }
            if parts.count == 2 { return TemporalCoverage(start: CatalogDate(raw: parts[0]), end: CatalogDate(raw: parts[1])) }
            return TemporalCoverage(start: CatalogDate(raw: text))
        }
        func instant(_ predicates: [String], _ timePredicate: String) -> CatalogDate? {
            for predicate in predicates {
                if let value = view.value(term, predicate) { return CatalogDate(raw: value) }
            }
            guard let node = view.object(term, timePredicate) else { return nil }
            return view.value(node, DCATIRIs.timeInXSDDateTimeStamp, DCATIRIs.timeInXSDDateTime, DCATIRIs.timeInXSDDate, DCATIRIs.timeInXSDgYear,
                              DCATIRIs.timeInXSDgYearMonth).map { CatalogDate(raw: $0) }
        }
        let start = instant([DCATIRIs.dcatStartDate, DCATIRIs.schemaStartDate, DCATIRIs.schemaSStartDate], DCATIRIs.timeHasBeginning)
        let end = instant([DCATIRIs.dcatEndDate, DCATIRIs.schemaEndDate, DCATIRIs.schemaSEndDate], DCATIRIs.timeHasEnd)
        return start == nil && end == nil ? nil : TemporalCoverage(start: start, end: end)
    }

    /// `dct:spatial`: a place IRI (with its label and geometry when described), a `dct:Location` with
    /// `dcat:bbox`, `locn:geometry` or `dcat:centroid` (WKT, GeoJSON or GML, read by the spatial rule), or a text.
    func spatial(_ term: DCATView.Node, view: DCATView) -> SpatialCoverage? {
        if view.isLiteral(term) { return view.plain(term).map { SpatialCoverage(geometry: $0) } }
        var coverage = SpatialCoverage(label: view.text(term, DCATIRIs.skosPrefLabel, DCATIRIs.locnGeographicName, DCATIRIs.rdfsLabel, DCATIRIs.dctTitle),
                                       uri: view.iri(term))
        coverage.geometry = view.value(term, DCATIRIs.dcatBbox, DCATIRIs.locnGeometry, DCATIRIs.dcatCentroid)
        if coverage.uri == nil, let same = view.value(term, DCATIRIs.skosExactMatch, DCATIRIs.owlSameAs, DCATIRIs.dctIdentifier), same.hasPrefix("http") {
            coverage.uri = same
        }
        return coverage.label == nil && coverage.uri == nil && coverage.geometry == nil ? nil : coverage
    }

    // MARK: - Distributions

    func distributions(_ subject: DCATView.Node, view: DCATView, issues: inout IssueCollector) -> [Distribution] {
        var terms = view.objects(subject, DCATIRIs.dcatDistribution)
        if terms.count > Self.maxDistributions {
            issues.warning("dcat.dataset.too-many-distributions", "the dataset lists \(terms.count) distributions; the first \(Self.maxDistributions) were kept.",
                           at: "dcat:distribution")
            terms = Array(terms.prefix(Self.maxDistributions))
        }
        return terms.compactMap { term -> Distribution? in
            if view.isLiteral(term) { return view.plain(term).map { Distribution(accessURL: $0) } }
            let iri = view.iri(term)
            var distribution = Distribution(id: iri, title: view.text(term, DCATIRIs.dctTitle, DCATIRIs.rdfsLabel),
                                            accessURL: view.value(term, DCATIRIs.dcatAccessURL))
            distribution.description = view.text(term, DCATIRIs.dctDescription)
            distribution.downloadURL = view.value(term, DCATIRIs.dcatDownloadURL)
            if distribution.accessURL == nil {
                // DCAT-AP requires accessURL; old profiles only give a download URL, a page, or the distribution's own IRI.
                distribution.accessURL = distribution.downloadURL ?? view.value(term, DCATIRIs.foafPage) ?? iri
            }
            distribution.format = formatText(view.object(term, DCATIRIs.dctFormat), view: view)
            distribution.mediaType = formatText(view.object(term, DCATIRIs.dcatMediaType), view: view)
            if let size = view.value(term, DCATIRIs.dcatByteSize, DCATIRIs.spdxFileSize), let bytes = Self.byteCount(size) {
                distribution.byteSize = bytes
            }
            distribution.license = license(view.object(term, DCATIRIs.dctLicense), view: view)
            distribution.issued = view.value(term, DCATIRIs.dctIssued).map { CatalogDate(raw: $0) }
            distribution.modified = view.value(term, DCATIRIs.dctModified).map { CatalogDate(raw: $0) }
            return distribution
        }
    }

    /// A format: an IRI (EU file type, IANA media type), a `dct:IMT` node with `rdf:value` or a label, or a text.
    private func formatText(_ term: DCATView.Node?, view: DCATView) -> String? {
        guard let term else { return nil }
        if view.isBlank(term) { return view.value(term, DCATIRIs.rdfValue) ?? view.label(term) }
        return view.plain(term)
    }

    /// `43008`, `43008.0` and `4.3e4` as a whole number of bytes; nil for negative or fractional sizes.
    static func byteCount(_ text: String) -> Int64? {
        if let whole = Int64(text), whole >= 0 { return whole }
        guard let number = Double(text), number >= 0, number == number.rounded(), number < 9.0e18 else { return nil }
        return Int64(number)
    }
}
