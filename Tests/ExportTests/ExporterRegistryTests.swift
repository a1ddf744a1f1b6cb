import Export
import Foundation
import Testing

@Suite struct ExporterRegistryTests {
    @Test func everyFormatIsRegisteredOnceWithAFileExtension() {
        let names = ExporterRegistry.names
        #expect(names == ["ttl", "rdf", "jsonld", "nt", "datajson", "datajson3", "csv", "ndjson", "atom"])
        #expect(Set(names).count == names.count)
        for exporter in ExporterRegistry.builtIn {
            #expect(!exporter.format.fileExtension.isEmpty && !exporter.format.mediaType.isEmpty && !exporter.format.summary.isEmpty)
        }
    }

    @Test func unknownFormatNamesTheKnownOnes() {
        #expect(throws: ExportError.self) { try ExporterRegistry.exporter(for: "yaml") }
        do { _ = try ExporterRegistry.exporter(for: "yaml") } catch {
            #expect(error.description == "The export format 'yaml' is unknown; the known formats are ttl, rdf, jsonld, nt, datajson, datajson3, csv, ndjson, atom.")
        }
        #expect((try? ExporterRegistry.exporter(for: "TTL"))?.format.name == "ttl")
    }

    @Test func badSinceAndBaseAreNamed() throws {
        let store = try FixtureCatalogue.store()
        do { _ = try ExportReader(store: store, selection: ExportSelection(since: "yesterday")); Issue.record("no error") } catch {
            #expect(error.description.contains("'yesterday'"))
        }
        do { _ = try IRIScheme(base: "not an iri"); Issue.record("no error") } catch {
            #expect(error.description.contains("'not an iri'"))
        }
        do { _ = try ExportReader(store: store, selection: ExportSelection(query: "title:")); Issue.record("no error") } catch {
            #expect(error.description.hasPrefix("The query 'title:' could not be read"))
        }
    }

    @Test func writingIntoAMissingFolderSaysSo() {
        do { _ = try FileSink(path: "/nonexistent-folder-fedcat/out.ttl"); Issue.record("no error") } catch {
            #expect(error.description == "The folder /nonexistent-folder-fedcat does not exist; create it first or choose another output path.")
        }
    }
}
