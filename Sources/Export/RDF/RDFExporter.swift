/// DCAT-AP 3 in one RDF syntax: the catalogue, one `dcat:Dataset` per dataset (its canonical record's fields), and one
/// `dcat:CatalogRecord` per source record of it (see `DCATGraph`).
public struct RDFExporter: Exporter {
    public enum Syntax: Sendable, CaseIterable {
        case turtle, rdfXML, jsonLD, nTriples
    }

    public let syntax: Syntax
    public let format: ExportFormat

    public init(_ syntax: Syntax) {
        self.syntax = syntax
        switch syntax {
        case .turtle:
            format = ExportFormat(name: "ttl", title: "DCAT-AP 3 (Turtle)", summary: "The catalogue as DCAT-AP 3 in Turtle.",
                                  fileExtension: "ttl", mediaType: "text/turtle", pageable: true)
        case .rdfXML:
            format = ExportFormat(name: "rdf", title: "DCAT-AP 3 (RDF/XML)", summary: "The catalogue as DCAT-AP 3 in RDF/XML.",
                                  fileExtension: "rdf", mediaType: "application/rdf+xml", pageable: true)
        case .jsonLD:
            format = ExportFormat(name: "jsonld", title: "DCAT-AP 3 (JSON-LD)", summary: "The catalogue as DCAT-AP 3 in JSON-LD.",
                                  fileExtension: "jsonld", mediaType: "application/ld+json", pageable: true)
        case .nTriples:
            format = ExportFormat(name: "nt", title: "DCAT-AP 3 (N-Triples)", summary: "The catalogue as DCAT-AP 3 in N-Triples, one statement a line.",
                                  fileExtension: "nt", mediaType: "application/n-triples", pageable: true)
        }
    }

    public func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink) throws(ExportError) {
        switch syntax {
        case .turtle: try write(reader, page: page, to: sink, syntax: TurtleSyntax())
        case .rdfXML: try write(reader, page: page, to: sink, syntax: RDFXMLSyntax())
        case .jsonLD: try write(reader, page: page, to: sink, syntax: JSONLDSyntax())
        case .nTriples: try write(reader, page: page, to: sink, syntax: NTriplesSyntax())
        }
    }

    private func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink, syntax: some RDFSyntaxWriter) throws(ExportError) {
        var syntax = syntax
        try sink.write(syntax.head())
        var catalog = DCATGraph(iris: reader.iris)
        catalog.catalog(title: reader.catalogTitle, modified: try reader.lastChange(), page: page)
        try sink.write(syntax.write(catalog.triples))
        try reader.datasets(offset: page?.offset ?? 0, limit: page?.size) { dataset throws(ExportError) in
            var graph = DCATGraph(iris: reader.iris)
            graph.dataset(dataset)
            try sink.write(syntax.write(graph.triples))
        }
        try sink.write(syntax.tail())
        try sink.flush()
    }
}
