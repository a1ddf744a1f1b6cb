import CatalogModel
import Testing
@testable import Harvesters

@Suite("Harvester registry")
struct RegistryTests {
    @Test func everyKindIsDescribedOnce() {
        let kinds = HarvesterRegistry.kinds
        #expect(Set(kinds).count == kinds.count)
        #expect(kinds == ["ckan", "datajson", "dcat", "socrata", "opendatasoft", "udata", "schemaorg", "atom", "oaipmh", "csw"])
        for type in HarvesterRegistry.builtIn {
            #expect(!type.description.title.isEmpty && !type.description.summary.isEmpty)
            #expect(type.description.exampleURL.hasPrefix("http"))
        }
    }

    @Test func unknownKindListsTheKnownOnes() {
        #expect(throws: UnknownKindError(kind: "sparql", known: ["ckan", "datajson", "dcat", "socrata", "opendatasoft", "udata", "schemaorg", "atom", "oaipmh", "csw"])) {
            try HarvesterRegistry.harvesterType(for: "sparql")
        }
        let message = UnknownKindError(kind: "sparql", known: ["ckan"]).description
        #expect(message == "Unknown harvester kind 'sparql'. Known kinds: ckan.")
    }

    @Test func kindLookupIgnoresCase() throws {
        #expect(try HarvesterRegistry.harvesterType(for: "CKAN").description.kind == "ckan")
    }
}

@Suite("Options every kind shares")
struct SharedOptionTests {
    /// Every kind that pages reads `max_pages` the same way: a whole number of at least 1.
    @Test(arguments: ["ckan", "socrata", "opendatasoft", "udata", "schemaorg", "dcat", "atom", "oaipmh", "csw"])
    func maxPagesMustBeAtLeastOne(_ kind: String) throws {
        let type = try HarvesterRegistry.harvesterType(for: kind)
        for (value, expected) in [("0", "option 'max_pages' is 0, but it must be at least 1."), ("many", "option 'max_pages'")] {
            let source = SourceConfig(id: "s", kind: kind, url: type.description.exampleURL, options: ["max_pages": value])
            #expect(throws: HarvestError.self) { _ = try type.init(source: source) }
            do { _ = try type.init(source: source) } catch {
                #expect(error.description.contains(expected), "\(kind): \(error.description)")
            }
        }
    }
}
