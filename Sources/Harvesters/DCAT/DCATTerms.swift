import FeedParsing

/// The vocabularies DCAT documents use, as IRI prefixes, and the names fedcat reads from them.
enum NS {
    static let rdf = RDFNames.namespace
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let adms = "http://www.w3.org/ns/adms#"
    static let locn = "http://www.w3.org/ns/locn#"
    static let owl = "http://www.w3.org/2002/07/owl#"
    static let hydra = "http://www.w3.org/ns/hydra/core#"
    static let schema = "http://schema.org/"
    static let schemaS = "https://schema.org/"
    static let time = "http://www.w3.org/2006/time#"
    static let dcatap = "http://data.europa.eu/r5r/"
    static let org = "http://www.w3.org/ns/org#"
    static let prov = "http://www.w3.org/ns/prov#"
    static let spdx = "http://spdx.org/rdf/terms#"
    static let geodcat = "http://data.europa.eu/930/"
    static let dcatde = "http://dcat-ap.de/def/dcatde/"
    static let dcatapit = "http://dati.gov.it/onto/dcatapit#"
    static let xsd = RDFNames.xsd

    /// Prefixes for naming extras compactly (`dct:conformsTo`), the common ones first.
    static let prefixes: [(prefix: String, namespace: String)] = [
        ("dct", dct), ("dcat", dcat), ("dcatap", dcatap), ("adms", adms), ("foaf", foaf), ("owl", owl), ("rdfs", rdfs),
        ("skos", skos), ("vcard", vcard), ("locn", locn), ("prov", prov), ("schema", schema), ("schema", schemaS),
        ("dc", dc), ("spdx", spdx), ("geodcat", geodcat), ("dcatde", dcatde), ("dcatapit", dcatapit), ("hydra", hydra),
        ("time", time), ("org", org), ("rdf", rdf),
    ]

    /// `dct:conformsTo` for a known namespace, the full IRI otherwise.
    static func compact(_ iri: String) -> String {
        for (prefix, namespace) in prefixes where iri.hasPrefix(namespace) {
            return prefix + ":" + iri.dropFirst(namespace.count)
        }
        return iri
    }
}

/// The classes and properties the DCAT harvester reads.
enum DCATTerms {
    // Classes of records.
    static let dataset = DCATIRIs.dcatClassDataset
    static let datasetSeries = DCATIRIs.dcatClassDatasetSeries
    static let dataService = DCATIRIs.dcatClassDataService
    static let catalog = DCATIRIs.dcatClassCatalog
    static let catalogRecord = DCATIRIs.dcatClassCatalogRecord
    /// The classes whose instances become records.
    static let recordClasses: Set<String> = [dataset, datasetSeries, dataService]
    /// The same classes as arrays, for `isAny`.
    static let recordClassList = [dataset, datasetSeries, dataService]
    static let catalogClassList = [catalog, DCATIRIs.dcatClassCatalogue]
    static let primaryTopic = [DCATIRIs.foafPrimaryTopic]
    /// Catalogue links to records: `dcat:dataset`, `dcat:service`, DCAT 3's `dcat:resource`.
    static let catalogMembers = [DCATIRIs.dcatDataset, DCATIRIs.dcatService, DCATIRIs.dcatResource]
    /// Catalogue classes, with the typo the HVD examples carry (`dcat:Catalogue`).
    static let catalogClasses: Set<String> = [catalog, DCATIRIs.dcatClassCatalogue]

    // Hydra paging.
    static let hydraNext = [DCATIRIs.hydraNext, DCATIRIs.hydraNextPage]
    static let hydraTotal = DCATIRIs.hydraTotalItems
    /// The predicates that carry paging (`hydraNext` and `hydraTotal`).
    static let pagingPredicates = hydraNext + [hydraTotal]
    static let hydraViews: Set<String> = [DCATIRIs.hydraClassPagedCollection, DCATIRIs.hydraClassPartialCollectionView, DCATIRIs.hydraClassCollection]

    /// True when `iri` is one of `candidates`: lengths are compared first, which settles most statements of a
    /// stream without comparing text.
    @inline(__always)
    static func isAny(_ iri: String, of candidates: [String]) -> Bool {
        for candidate in candidates where same(candidate, iri) { return true }
        return false
    }

    /// Two IRIs compared lengths first (`RDFGraph.same`).
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool { RDFGraph.same(a, b) }
}
