// Source: the schema.org JSON-LD context served for http(s)://schema.org (docs/jsonldcontext.jsonld),
// reduced by hand to what matters for reading dataset descriptions: the vocabulary
// (`"@vocab": "http://schema.org/"`, which is what the published context declares, also when it is
// fetched over https), its `id`/`type` aliases and namespace prefixes, and `@id` typing for the
// properties whose values are links. Date properties, which the published context types as schema:Date
// or schema:DateTime, are left as plain literals here. Schema.org terms are under CC BY-SA 3.0.

extension JSONLDBundledContexts {
    /// schema.org, for `"@context": "https://schema.org"` and its spellings (http, trailing slash: URLs
    /// match without regard to those).
    static let schemaOrg = JSONLDBundledContext(
        name: "schema.org",
        urls: ["https://schema.org", "https://schema.org/docs/jsonldcontext.jsonld", "https://schema.org/docs/jsonldcontext.json"],
        vocab: "http://schema.org/",
        terms: [
            .simple("id", "@id"),
            .simple("type", "@type"),
            .simple("schema", "http://schema.org/"),
            .simple("dc", "http://purl.org/dc/elements/1.1/"),
            .simple("dcat", "http://www.w3.org/ns/dcat#"),
            .simple("dct", "http://purl.org/dc/terms/"),
            .simple("dcterms", "http://purl.org/dc/terms/"),
            .simple("foaf", "http://xmlns.com/foaf/0.1/"),
            .simple("owl", "http://www.w3.org/2002/07/owl#"),
            .simple("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
            .simple("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
            .simple("skos", "http://www.w3.org/2004/02/skos/core#"),
            .simple("void", "http://rdfs.org/ns/void#"),
            .simple("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ] + linkProperties.map { .define($0, id: "schema:" + $0, type: "@id") })

    /// Properties whose values are URLs (or things named by one), `@id`-typed as in the published context.
    private static let linkProperties = [
        "acquireLicensePage", "additionalType", "archivedAt", "codeRepository", "contentUrl", "discussionUrl",
        "downloadUrl", "embedUrl", "hasMap", "image", "installUrl", "isBasedOn", "isBasedOnUrl", "license", "logo",
        "mainEntityOfPage", "sameAs", "schemaVersion", "thumbnailUrl", "url", "usageInfo",
    ]
}
