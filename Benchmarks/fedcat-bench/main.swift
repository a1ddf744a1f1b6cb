// fedcat-bench: the stages of fedcat timed on generated files, one JSON line each (see bench/*.sh).
//
//   fedcat-bench dcat FILE                  parse + cut + map + normalise a DCAT dump, streaming from the file
//   fedcat-bench dcat FILE --parse-only     parse + cut records (no mapping)
//   fedcat-bench dcat FILE --triples-only   the RDF parser alone
//   fedcat-bench fetch BASE_URL PAGES [PAGE_SIZE]   CKAN pages over loopback HTTP, bodies discarded
//   fedcat-bench search DB QUERIES_TSV [--reps N]   the bench queries through SearchEngine: p50/p95/max ms
//   fedcat-bench oai DIR [--parse-only | --no-normalise]   read + map + normalise every OAI-PMH ListRecords page in DIR
import CatalogModel
import FeedParsing
import Foundation
import Harvesters
import Normalise

func now() -> Double { Date().timeIntervalSince1970 }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}

func dcat(_ arguments: [String]) {
    guard let path = arguments.first else { fail("usage: fedcat-bench dcat FILE [--triples-only | --parse-only]") }
    let parseOnly = arguments.contains("--parse-only")
    if arguments.contains("--triples-only") {
        // The parser alone: triples into a counting closure.
        let start = now()
        let head = [UInt8]((FileHandle(forReadingAtPath: path)?.readData(ofLength: 8192)) ?? Data())
        guard let syntax = RDFDocument.choose(contentType: nil, url: path, bytes: head)?.syntax else { fail("not RDF: \(path)") }
        var count = 0
        let report = RDFDocument.readFile(path: path, syntax: syntax, baseIRI: "https://bench.example/", blankScope: "d") { _ in count += 1 }
        let seconds = now() - start
        print("{\"tool\":\"fedcat\",\"stage\":\"rdf-parse\",\"file\":\"\((path as NSString).lastPathComponent)\",\"syntax\":\"\(syntax.rawValue)\",\"triples\":\(count),"
              + "\"problems\":\(report.allProblems.count),\"seconds\":\(String(format: "%.3f", seconds)),\"triples_per_s\":\(Int(Double(count) / max(seconds, 0.001)))}")
        return
    }
    let source = SourceConfig(id: "bench", kind: "dcat", url: "file://" + path)
    let context = MappingContext(source: source, harvestedAt: Date())
    let mapper = DCATMapper()
    let normaliser = Normaliser.standard
    var mapped = 0, failed = 0, issues = 0
    let start = now()
    let summary: DCATDump.Summary
    do {
        summary = try DCATDump.read(path: path, baseIRI: "https://bench.example/") { raw in
            guard !parseOnly else { return }
            let result = mapper.map(raw, context: context)
            issues += result.issues.count
            guard let record = result.record else { failed += 1; return }
            issues += normaliser.normalise(record).1.count
            mapped += 1
        }
    } catch {
        fail(error.description)
    }
    let seconds = now() - start
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("{\"tool\":\"fedcat\",\"stage\":\"dcat-\(parseOnly ? "parse" : "parse+map")\",\"file\":\"\((path as NSString).lastPathComponent)\",\"syntax\":\"\(summary.syntax.rawValue)\","
          + "\"bytes\":\(size),\"triples\":\(summary.report.triples),\"datasets\":\(summary.records),\"mapped\":\(mapped),\"failed\":\(failed),"
          + "\"issues\":\(issues),\"problems\":\(summary.report.allProblems.count),\"late_statements\":\(summary.lateStatements),"
          + "\"seconds\":\(String(format: "%.3f", seconds)),\"datasets_per_s\":\(Int(Double(summary.records) / max(seconds, 0.001))),"
          + "\"triples_per_s\":\(Int(Double(summary.report.triples) / max(seconds, 0.001)))}")
}

/// One page's records as (local id, stored XML, where, the tree read from the page): what the harvester hands over.
typealias PageRecords = [(id: String?, payload: [UInt8], pointer: String, tree: XMLElementNode)]

/// Reads every `.xml` page of DIR as `kind` does, then maps (and normalises) each record, like a harvest.
func xmlPages(_ arguments: [String], kind: String, mapper: any RecordMapper, read: ([UInt8], String) throws -> PageRecords) {
    guard let directory = arguments.first else { fail("usage: fedcat-bench \(kind) DIR [--parse-only | --no-normalise]") }
    let parseOnly = arguments.contains("--parse-only"), normalise = !arguments.contains("--no-normalise")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
    let source = SourceConfig(id: "bench", kind: kind, url: "https://bench.example/\(kind)")
    let context = MappingContext(source: source, harvestedAt: Date())
    let normaliser = Normaliser.standard
    var records = 0, mapped = 0, failed = 0, issues = 0, bytes = 0
    let start = now()
    for file in files {
        guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { fail("cannot read \(file)") }
        bytes += data.count
        let entries: PageRecords
        do { entries = try read([UInt8](data), file) } catch { fail("\(file): \(error)") }
        for entry in entries {
            records += 1
            guard !parseOnly else { continue }
            let raw = RawRecord(localID: entry.id, payload: entry.payload, mediaType: "application/xml", pageURL: file, location: entry.pointer,
                                preparsed: entry.tree)
            let result = mapper.map(raw, context: context)
            issues += result.issues.count
            guard let record = result.record else { failed += 1; continue }
            if normalise { issues += normaliser.normalise(record).1.count }
            mapped += 1
        }
    }
    let seconds = now() - start
    print("{\"tool\":\"fedcat\",\"stage\":\"\(kind)-\(parseOnly ? "parse" : normalise ? "parse+map+normalise" : "parse+map")\",\"files\":\(files.count),\"bytes\":\(bytes),\"records\":\(records),"
          + "\"mapped\":\(mapped),\"failed\":\(failed),\"issues\":\(issues),\"seconds\":\(String(format: "%.3f", seconds)),"
          + "\"records_per_s\":\(Int(Double(records) / max(seconds, 0.001)))}")
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("usage: fedcat-bench dcat FILE [--triples-only | --parse-only]") }
arguments.removeFirst()
switch command {
case "dcat": dcat(arguments)
case "oai":
    xmlPages(arguments, kind: "oaipmh", mapper: OAIMapper()) { bytes, file in
        try OAIResponse.parse(bytes, url: file).records.map { (id: $0.header.identifier, payload: $0.payload, pointer: $0.pointer, tree: $0.tree) }
    }
case "csw":
    xmlPages(arguments, kind: "csw", mapper: CSWMapper()) { bytes, file in
        try CSWResponse.parse(bytes, url: file).records.map { (id: $0.id, payload: $0.payload, pointer: $0.pointer, tree: $0.tree) }
    }
case "search": searchBench(arguments)
case "fetch": fetchBench(arguments)
default: fail("unknown benchmark '\(command)'; known: dcat, oai, csw, search, fetch")
}
