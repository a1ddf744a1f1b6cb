// Source: the Project Open Data metadata schema v1.1 JSON-LD context, published at
// https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld (repository project-open-data/
// project-open-data.github.io, file v1.1/schema/catalog.jsonld). A work of the US Government, public
// domain. Written out by hand, term for term, in the order of the source.

extension JSONLDBundledContexts {
    /// The context of DCAT-US 1.1 `data.json` catalogues (Project Open Data v1.1). Its quirks are kept:
    /// `issued`/`modified` are typed `xsd:date` whatever they hold, and `license` is not `@id`-typed.
    static let projectOpenData = JSONLDBundledContext(
        name: "Project Open Data v1.1",
        urls: ["https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"],
        vocab: "http://www.w3.org/ns/dcat#",
        terms: [
            .simple("dcat", "http://www.w3.org/ns/dcat#"),
            .simple("org", "http://www.w3.org/ns/org#"),
            .simple("vcard", "http://www.w3.org/2006/vcard/ns#"),
            .simple("foaf", "http://xmlns.com/foaf/0.1/"),
            .simple("dc", "http://purl.org/dc/terms/"),
            .simple("pod", "https://project-open-data.cio.gov/v1.1/schema#"),
            .simple("skos", "http://www.w3.org/2004/02/skos/core#"),
            .define("describedBy", id: "http://www.w3.org/2007/05/powder#describedby", type: "@id"),
            .define("downloadURL", id: "dcat:downloadURL", type: "@id"),
            .define("accessURL", id: "dcat:accessURL", type: "@id"),
            .simple("title", "dc:title"),
            .simple("description", "dc:description"),
            .define("issued", id: "dc:issued", type: "http://www.w3.org/2001/XMLSchema#date"),
            .define("modified", id: "dc:modified", type: "http://www.w3.org/2001/XMLSchema#date"),
            .simple("language", "dc:language"),
            .simple("license", "dc:license"),
            .simple("rights", "dc:rights"),
            .simple("spatial", "dc:spatial"),
            .define("conformsTo", id: "dc:conformsTo", type: "@id"),
            .simple("publisher", "dc:publisher"),
            .simple("identifier", "dc:identifier"),
            .simple("temporal", "dc:temporal"),
            .simple("format", "dc:format"),
            .simple("accrualPeriodicity", "dc:accrualPeriodicity"),
            .simple("homepage", "foaf:homepage"),
            .simple("accessLevel", "pod:accessLevel"),
            .simple("bureauCode", "pod:bureauCode"),
            .simple("dataQuality", "pod:dataQuality"),
            .simple("describedByType", "pod:describedByType"),
            .simple("primaryITInvestmentUII", "pod:primaryITInvestmentUII"),
            .simple("programCode", "pod:programCode"),
            .simple("fn", "vcard:fn"),
            .simple("hasEmail", "vcard:email"),
            .simple("name", "skos:prefLabel"),
            .simple("subOrganizationOf", "org:subOrganizationOf"),
        ])
}
