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
