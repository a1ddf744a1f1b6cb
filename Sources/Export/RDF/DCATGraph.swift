import CatalogModel
import FeedParsing

/// Maps a dataset to DCAT-AP 3 statements, one subject after another (the dataset, then the nodes it links to, then
/// one `dcat:CatalogRecord` per source record). Every node is named by an IRI from the `IRIScheme` (the dataset's
/// IRI with a fragment for its parts), so the same catalogue always gives the same graph, with no blank node.
struct DCATGraph {
    let iris: IRIScheme
    private(set) var triples: [RDFTriple] = []

    init(iris: IRIScheme) { self.iris = iris }

    private mutating func add(_ s: String, _ p: String, _ o: RDFTerm?) {
        if let o { triples.append(RDFTriple(.iri(s), p, o)) }
    }
    private mutating func link(_ s: String, _ p: String, _ iri: String?) {
        if let iri { triples.append(RDFTriple(.iri(s), p, .iri(iri))) }
    }
    private mutating func text(_ s: String, _ p: String, _ value: String?, language: String? = nil) {
        guard let value, !value.isEmpty else { return }
        triples.append(RDFTriple(.iri(s), p, .literal(RDFText.clean(value), datatype: nil, language: language.flatMap(RDFText.language))))
    }

    /// The catalogue node: title, description, publisher (fedcat) and, when `page` is given, its hydra view.
    mutating func catalog(title: String, modified: String?, page: ExportPage?) {
        let c = iris.catalog
        link(c, V.type, V.dcat + "Catalog")
        text(c, V.dct + "title", title)
        text(c, V.dct + "description", "Datasets gathered by fedcat from the portals it harvests, one per dataset however many portals publish it.")
        link(c, V.dct + "publisher", iris.catalogPublisher)
        add(c, V.dct + "modified", modified.map { .literal($0, datatype: V.xsd + "dateTime", language: nil) })
        link(iris.catalogPublisher, V.type, V.foaf + "Agent")
        text(iris.catalogPublisher, V.foaf + "name", "fedcat")
        guard let page else { return }
        let here = page.address(page.number)
        link(c, V.hydra + "view", here)
        link(here, V.type, V.hydra + "PartialCollectionView")
        add(here, V.hydra + "totalItems", .literal(String(page.total), datatype: V.xsd + "nonNegativeInteger", language: nil))
        link(here, V.hydra + "first", page.address(1))
        link(here, V.hydra + "last", page.address(page.last))
        if page.number > 1 { link(here, V.hydra + "previous", page.address(page.number - 1)) }
        if page.number < page.last { link(here, V.hydra + "next", page.address(page.number + 1)) }
    }

    /// The dataset with its canonical record's fields, then one catalogue record per source record.
    mutating func dataset(_ dataset: ExportDataset) {
        let r = dataset.canonical
        let d = iris.dataset(dataset.clusterID)
        link(iris.catalog, V.dcat + "dataset", d)
        link(d, V.type, V.dcat + "Dataset")
        link(d, V.type, V.dcat + "Resource")
        localized(d, V.dct + "title", r.title)
        if let description = r.description { localized(d, V.dct + "description", description) }
        text(d, V.dct + "identifier", r.identifiers.first?.value ?? r.provenance.originalID)
        for (index, identifier) in r.identifiers.dropFirst().enumerated() {
            let node = d + "#identifier-\(index + 1)"
            link(d, V.adms + "identifier", node)
            link(node, V.type, V.adms + "Identifier")
            text(node, V.skos + "notation", identifier.value)
            text(node, V.adms + "schemaAgency", identifier.scheme)
        }
        for keyword in r.keywords { text(d, V.dcat + "keyword", keyword) }
        for (index, theme) in r.themes.enumerated() { concept(d, V.dcat + "theme", theme, node: d + "#theme-\(index + 1)", type: V.skos + "Concept") }
        agent(d, V.dct + "publisher", r.publisher, node: d + "#publisher")
        agent(d, V.dct + "creator", r.creator, node: d + "#creator")
        contact(d, r.contactPoint, node: d + "#contact")
        license(d, r.license, node: d + "#licence")
        concept(d, V.dct + "accessRights", r.accessRights, node: d + "#access-rights", type: V.dct + "RightsStatement")
        add(d, V.dct + "issued", RDFText.date(r.issued))
        add(d, V.dct + "modified", RDFText.date(r.modified))
        for (index, span) in r.temporal.enumerated() {
            let node = d + "#temporal-\(index + 1)"
            link(d, V.dct + "temporal", node)
            link(node, V.type, V.dct + "PeriodOfTime")
            add(node, V.dcat + "startDate", RDFText.date(span.start))
            add(node, V.dcat + "endDate", RDFText.date(span.end))
        }
        for (index, place) in r.spatial.enumerated() { spatial(d, place, node: d + "#spatial-\(index + 1)") }
        for language in r.languages {
            let iri = RDFText.iri(language) ?? RDFText.language(language).map { "http://id.loc.gov/vocabulary/iso639-1/" + $0 }
            link(d, V.dct + "language", iri)
            if let iri { link(iri, V.type, V.dct + "LinguisticSystem") }
        }
        if let page = RDFText.iri(r.landingPage) {
            link(d, V.dcat + "landingPage", page)
            link(page, V.type, V.foaf + "Document")
        }
        concept(d, V.dct + "accrualPeriodicity", r.frequency, node: d + "#frequency", type: V.dct + "Frequency")
        text(d, V.dcat + "version", r.version)
        for (index, distribution) in r.distributions.enumerated() { self.distribution(d, distribution, node: d + "#distribution-\(index + 1)") }
        for member in dataset.records { catalogRecord(member, dataset: d) }
    }

    /// The text shown by default untagged (so a reader that asks for no language gets the same one back), then every
    /// language variant tagged.
    private mutating func localized(_ s: String, _ p: String, _ value: LocalizedText) {
        text(s, p, value.value)
        let variants = value.variants.compactMap { tag, text in RDFText.language(tag).map { ($0, text) } }.sorted { $0.0 < $1.0 }
        for (tag, variant) in variants { text(s, p, variant, language: tag) }
    }

    private mutating func concept(_ s: String, _ p: String, _ concept: Concept?, node: String, type: String) {
        guard let concept else { return }
        let iri = RDFText.iri(concept.uri) ?? (concept.label == nil ? nil : node)
        guard let iri else { return }
        link(s, p, iri)
        link(iri, V.type, type)
        text(iri, V.skos + "prefLabel", concept.label)
    }

    private mutating func agent(_ s: String, _ p: String, _ agent: Agent?, node: String) {
        guard let agent else { return }
        let iri = RDFText.iri(agent.uri) ?? node
        link(s, p, iri)
        link(iri, V.type, V.foaf + "Agent")
        text(iri, V.foaf + "name", agent.name)
        text(iri, V.dct + "identifier", agent.identifier)
        link(iri, V.foaf + "mbox", agent.email.flatMap { RDFText.iri("mailto:" + $0) })
        link(iri, V.foaf + "homepage", RDFText.iri(agent.homepage))
    }

    private mutating func contact(_ s: String, _ contact: Contact?, node: String) {
        guard let contact else { return }
        link(s, V.dcat + "contactPoint", node)
        link(node, V.type, V.vcard + "Kind")
        text(node, V.vcard + "fn", contact.name)
        link(node, V.vcard + "hasEmail", contact.email.flatMap { RDFText.iri($0.hasPrefix("mailto:") ? $0 : "mailto:" + $0) })
        link(node, V.vcard + "hasTelephone", contact.phone.flatMap { RDFText.iri("tel:" + $0.filter { !$0.isWhitespace }) })
        link(node, V.vcard + "hasURL", RDFText.iri(contact.url))
    }

    /// The EU licence authority IRI when fedcat recognised the licence, else the published IRI, else a node titled with the text.
    private mutating func license(_ s: String, _ license: LicenseRef?, node: String) {
        guard let license, !license.isEmpty else { return }
        let iri = RDFText.iri(license.euURI) ?? RDFText.iri(license.uri) ?? node
        link(s, V.dct + "license", iri)
        link(iri, V.type, V.dct + "LicenseDocument")
        if iri == node { text(iri, V.dct + "title", license.title ?? license.raw) }
    }

    private mutating func spatial(_ s: String, _ place: SpatialCoverage, node: String) {
        let iri = RDFText.iri(place.uri) ?? node
        link(s, V.dct + "spatial", iri)
        link(iri, V.type, V.dct + "Location")
        text(iri, V.skos + "prefLabel", place.label)
        if let box = place.bbox {
            let polygon = "POLYGON((\(box.west) \(box.south), \(box.east) \(box.south), \(box.east) \(box.north), \(box.west) \(box.north), \(box.west) \(box.south)))"
            add(iri, V.dcat + "bbox", .literal(polygon, datatype: V.gsp + "wktLiteral", language: nil))
        }
        // The geometry as published, on a locn:Geometry node (WKT or GeoJSON; GML and others as plain text).
        if let geometry = place.geometry?.trimmingCharacters(in: .whitespacesAndNewlines), !geometry.isEmpty {
            let shape = (RDFText.iri(place.uri) ?? node) + (place.uri == nil ? "-geometry" : "#geometry")
            link(iri, V.locn + "geometry", shape)
            link(shape, V.type, V.locn + "Geometry")
            let literal: RDFTerm = geometry.hasPrefix("{") ? .literal(RDFText.clean(geometry), datatype: V.gsp + "geoJSONLiteral", language: nil)
                : geometry.hasPrefix("<") ? .string(RDFText.clean(geometry))
                : .literal(RDFText.clean(geometry), datatype: V.gsp + "wktLiteral", language: nil)
            add(shape, geometry.hasPrefix("{") ? V.gsp + "asGeoJSON" : geometry.hasPrefix("<") ? V.gsp + "asGML" : V.gsp + "asWKT", literal)
        }
    }

    private mutating func distribution(_ d: String, _ x: Distribution, node: String) {
        link(d, V.dcat + "distribution", node)
        link(node, V.type, V.dcat + "Distribution")
        text(node, V.dct + "title", x.title)
        text(node, V.dct + "description", x.description)
        for (property, url) in [("accessURL", RDFText.iri(x.accessURL) ?? RDFText.iri(x.downloadURL)), ("downloadURL", RDFText.iri(x.downloadURL))] {
            guard let url else { continue }
            link(node, V.dcat + property, url)
            link(url, V.type, V.rdfs + "Resource")
        }
        if let fileType = RDFText.iri(x.fileType) {
            link(node, V.dct + "format", fileType)
            link(fileType, V.type, V.dct + "MediaTypeOrExtent")
        } else {
            text(node, V.dct + "format", x.format)
        }
        if let mediaType = x.mediaType, mediaType.range(of: #"^[a-z0-9.+-]+/[a-z0-9.+-]+$"#, options: [.regularExpression, .caseInsensitive]) != nil {
            let iri = "https://www.iana.org/assignments/media-types/" + mediaType.lowercased()
            link(node, V.dcat + "mediaType", iri)
            link(iri, V.type, V.dct + "MediaType")
        }
        add(node, V.dcat + "byteSize", x.byteSize.map { .literal(String($0), datatype: V.xsd + "nonNegativeInteger", language: nil) })
        license(node, x.license, node: node + "-licence")
        add(node, V.dct + "issued", RDFText.date(x.issued))
        add(node, V.dct + "modified", RDFText.date(x.modified))
    }

    /// One source's record: what it is about, its fedcat id, its id and page in the source, when fedcat last changed it.
    private mutating func catalogRecord(_ member: ExportedRecord, dataset d: String) {
        let record = member.record
        let iri = iris.record(record.id)
        link(iris.catalog, V.dcat + "record", iri)
        link(iri, V.type, V.dcat + "CatalogRecord")
        link(iri, V.foaf + "primaryTopic", d)
        text(iri, V.dct + "identifier", record.id)
        add(iri, V.dct + "modified", .literal(member.changedAt, datatype: V.xsd + "dateTime", language: nil))
        link(iri, V.dcat + "landingPage", RDFText.iri(record.provenance.originalURL))
        let original = iri + "#original"
        link(iri, V.adms + "identifier", original)
        link(original, V.type, V.adms + "Identifier")
        text(original, V.skos + "notation", record.provenance.originalID)
        text(original, V.adms + "schemaAgency", record.provenance.sourceID)
        let provenance = iri + "#provenance"
        link(iri, V.dct + "provenance", provenance)
        link(provenance, V.type, V.dct + "ProvenanceStatement")
        text(provenance, V.rdfs + "label", "Harvested by fedcat from source '\(record.provenance.sourceID)' (\(record.provenance.kind)), record '\(record.provenance.originalID)'.")
    }
}

import Foundation
