import Export
import Foundation
import Testing
import TestSupport

/// The DCAT-AP exports checked by independent tools: rapper and rdflib parse them, the four syntaxes give the same
/// graph, and the graph conforms to the DCAT-AP 3.0.0 SHACL shapes.
@Suite struct RDFValidationTests {
    static let syntaxes = ["ttl": "turtle", "rdf": "rdfxml", "nt": "ntriples"]

    static func files() throws -> [String: String] {
        let store = try FixtureCatalogue.store()
        var files: [String: String] = [:]
        for format in ["ttl", "rdf", "jsonld", "nt"] {
            files[format] = try FixtureCatalogue.temporaryFile(FixtureCatalogue.export(format, store: store), name: "catalogue.\(format)")
        }
        return files
    }

    @Test(arguments: ["ttl", "rdf", "nt"])
    func rapperParsesTheExport(format: String) throws {
        guard let rapper = ToolChecks.rapper() else { return }
        let path = try Self.files()[format]!
        let result = try ExternalTool.run(rapper, ["-q", "-i", Self.syntaxes[format]!, "-c", path])
        #expect(result.status == 0, "rapper rejected the \(format) export: \(result.error)")
        #expect(!result.error.contains("Error"), "\(result.error)")
    }

    static let isomorphicScript = """
    import sys, json, rdflib
    from rdflib.compare import isomorphic
    formats = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld", "nt": "nt"}
    graphs = []
    for path in sys.argv[1:]:
        g = rdflib.Graph()
        g.parse(path, format=formats[path.rsplit(".", 1)[1]])
        graphs.append((path, g))
    base = graphs[0][1]
    sorted_ = lambda rows: sorted(rows, key=json.dumps)
    q = lambda g, s: [[str(x) if x is None or not hasattr(x, "language") else [str(x), x.language, str(x.datatype) if x.datatype else None] for x in row] for row in g.query(s)]
    print(json.dumps({
        "sizes": [len(g) for _, g in graphs],
        "isomorphic": [isomorphic(base, g) for _, g in graphs[1:]],
        "datasets": len(set(base.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset")))),
        "records": len(set(base.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#CatalogRecord")))),
        "titles": sorted_(q(base, "SELECT ?t WHERE { <urn:fedcat:dataset/city/air-quality> <http://purl.org/dc/terms/title> ?t }")),
        "description": q(base, "SELECT ?d WHERE { <urn:fedcat:dataset/city/air-quality> <http://purl.org/dc/terms/description> ?d }"),
        "dates": sorted_(q(base, "SELECT ?d WHERE { ?s <http://purl.org/dc/terms/issued>|<http://purl.org/dc/terms/modified> ?d . ?s a <http://www.w3.org/ns/dcat#Dataset> }")),
        "alsoAt": sorted_(q(base, "SELECT ?r ?p WHERE { ?r <http://xmlns.com/foaf/0.1/primaryTopic> <urn:fedcat:dataset/city/air-quality> ; <http://www.w3.org/ns/dcat#landingPage> ?p }")),
        "licence": q(base, "SELECT ?l WHERE { <urn:fedcat:dataset/city/air-quality> <http://purl.org/dc/terms/license> ?l }"),
        "spaceEncoded": q(base, "SELECT ?u WHERE { <urn:fedcat:dataset/city/bus-stops> <http://www.w3.org/ns/dcat#distribution>/<http://www.w3.org/ns/dcat#downloadURL> ?u }"),
    }, sort_keys=True))
    """

    @Test func rdflibReadsTheSameGraphFromEverySyntax() throws {
        let files = try Self.files()
        guard let result = try ToolChecks.python(Self.isomorphicScript, ["ttl", "rdf", "jsonld", "nt"].map { files[$0]! }) else { return }
        #expect(result.status == 0, "rdflib failed: \(result.error)")
        guard result.status == 0 else { return }
        let report = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        let sizes = report["sizes"] as! [Int]
        #expect(Set(sizes).count == 1 && sizes[0] > 150, "triple counts \(sizes)")
        #expect(report["isomorphic"] as! [Bool] == [true, true, true], "\(report)")
        #expect(report["datasets"] as! Int == 3)
        #expect(report["records"] as! Int == 4)
        let titles = report["titles"] as! [[Any]]
        #expect(titles.map { ($0[0] as! [Any?])[0] as! String }.sorted() == ["Air quality 2023", "Air quality 2023", "Qualité de l'air 2023"])
        #expect(titles.contains { ($0[0] as! [Any?])[1] as? String == "fr" })
        let description = ((report["description"] as! [[Any]])[0][0] as! [Any?])[0] as! String
        #expect(description == "Hourly \"NO2\" & PM10 readings <measured> at 12 stations.\nSecond line,\twith a tab; back\\slash.")
        let dates = (report["dates"] as! [[Any]]).map { ($0[0] as! [Any?]) }
        let typed = Dictionary(dates.map { ($0[0] as! String, ($0[2] as? String) ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(typed["2023"] == "http://www.w3.org/2001/XMLSchema#gYear")
        #expect(typed.first { $0.key.hasPrefix("2024-03-05T10:21:33") }?.value == "http://www.w3.org/2001/XMLSchema#dateTime")
        #expect(typed["2022-11"] == "http://www.w3.org/2001/XMLSchema#gYearMonth")
        #expect(typed["2025-09-30"] == "http://www.w3.org/2001/XMLSchema#date")
        #expect(typed["last spring"] == "", "an unread date stays a plain literal")
        let alsoAt = (report["alsoAt"] as! [[Any]]).map { "\($0[1])" }
        #expect(alsoAt.sorted() == ["https://city.example.org/dataset/air-quality", "https://data.nation.example/dataset/ds-77"])
        #expect("\(report["licence"]!)".contains("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"))
        #expect("\(report["spaceEncoded"]!)".contains("https://city.example.org/files/bus%20stops.geojson"))
    }

    static let shaclScript = """
    import sys, rdflib, pyshacl
    data = rdflib.Graph().parse(sys.argv[1], format="turtle")
    shapes = rdflib.Graph().parse(sys.argv[2], format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True)
    violations = list(results.subjects(rdflib.URIRef("http://www.w3.org/ns/shacl#resultSeverity"), rdflib.URIRef("http://www.w3.org/ns/shacl#Violation")))
    print(len(violations))
    print(text)
    """

    /// The full DCAT-AP 3.0.0 and 3.0.1 shapes files (mandatory properties, cardinality, datatype and class ranges),
    /// no inference; warnings (recommended properties) are allowed, violations are not.
    @Test(arguments: ["dcat-ap/3.0.0/dcat-ap-SHACL.ttl", "dcat-ap/3.0.1/dcat-ap-SHACL.ttl"])
    func turtleConformsToTheDCATAP3Shapes(shapesFile: String) throws {
        guard let shapes = ToolChecks.validation(shapesFile) else { return }
        let files = try Self.files()
        guard let result = try ToolChecks.python(Self.shaclScript, [files["ttl"]!, shapes]) else { return }
        #expect(result.status == 0, "pyshacl failed: \(result.error)")
        let violations = Int(result.output.split(separator: "\n").first ?? "") ?? -1
        #expect(violations == 0, "DCAT-AP 3 SHACL violations:\n\(result.output.prefix(6000))")
    }

    @Test func shapesCatchAMissingDescription() throws {
        // The same check on a dataset without dct:description must fail: the shapes do read the export.
        guard let shapes = ToolChecks.validation("dcat-ap/3.0.0/dcat-ap-SHACL.ttl") else { return }
        let broken = try FixtureCatalogue.export("ttl", store: FixtureCatalogue.store())
            .replacingOccurrences(of: "dct:description \"Every bus stop with its name and position.\" ;", with: "")
        let path = try FixtureCatalogue.temporaryFile(broken, name: "broken.ttl")
        guard let result = try ToolChecks.python(Self.shaclScript, [path, shapes]) else { return }
        #expect((Int(result.output.split(separator: "\n").first ?? "") ?? 0) >= 1, "\(result.output.prefix(2000)) \(result.error)")
    }
}
