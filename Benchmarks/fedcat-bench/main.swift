// fedcat-bench: the stages of fedcat timed on generated files, one JSON line each (see bench/*.sh).
//
//   fedcat-bench dcat FILE                  parse + cut + map + normalise a DCAT dump, streaming from the file
//   fedcat-bench dcat FILE --no-normalise   parse + cut + map (what rdflib's side of bench/dcat-parse.sh does)
//   fedcat-bench dcat FILE --parse-only     parse + cut records (no mapping)
//   fedcat-bench dcat FILE ... --serial     all on one thread (by default the file is parsed on a thread of its own)
//   fedcat-bench dcat FILE --triples-only   the RDF parser alone
//   fedcat-bench dcat FILE --digest         also a hash of every record's payload, mapped record and issues (to
//                                           check a change gives the same records; mapped as of 1970)
//   fedcat-bench fetch BASE_URL PAGES [PAGE_SIZE]   CKAN pages over loopback HTTP, bodies discarded
//   fedcat-bench search DB QUERIES_TSV [--reps N]   the bench queries through SearchEngine: p50/p95/max ms
//   fedcat-bench oai DIR [--parse-only | --no-normalise]   read + map + normalise every OAI-PMH ListRecords page in DIR
//   fedcat-bench csw DIR [--parse-only | --no-normalise]   the same for CSW GetRecords pages (ISO 19139)
//   fedcat-bench ckan DIR [--parse-only | --no-normalise | --encode]   the same for CKAN package_search pages;
//                                            --encode also builds what the writer stores (JSON, hash, terms, keys)
//   fedcat-bench oai|csw|ckan DIR --digest   also a hash of every record's payload, mapped record and issues (and,
//                                           unless --no-normalise, the normalised record and its issues); mapped as of 1970
//   fedcat-bench datajson FILE [--parse-only | --no-normalise]   a data.json streamed from the file, mapped, normalised;
//                                           with the peak resident memory
//   fedcat-bench payload DIR [--codec zstd|deflate] [--dictionary]   compress each package of the CKAN pages in DIR as it is stored
import CatalogModel
import CatalogStore
import FeedParsing
import Foundation
import Harvesters
import Normalise

func now() -> Double { Date().timeIntervalSince1970 }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}

/// The size of the file at `path` in bytes, through symbolic links (`stat`, not `lstat`: the bench's 100,000 files are
/// links); 0 when it cannot be read.
func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

func dcat(_ arguments: [String]) {
    guard let path = arguments.first else { fail("usage: fedcat-bench dcat FILE [--triples-only | --parse-only | --no-normalise] [--digest]") }
    let parseOnly = arguments.contains("--parse-only")
    let normalise = !arguments.contains("--no-normalise")
    let digest = arguments.contains("--digest")
    let serial = arguments.contains("--serial")
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
    let context = MappingContext(source: source, harvestedAt: digest ? Date(timeIntervalSince1970: 0) : Date())
    let mapper = DCATMapper()
    let normaliser = Normaliser.standard
    var mapped = 0, failed = 0, issues = 0
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var digested: [UInt8] = []
    let start = now()
    let summary: DCATDump.Summary
    do {
        summary = try DCATDump.read(path: path, baseIRI: "https://bench.example/", overlap: !serial) { raw in
            guard !parseOnly else { return }
            let result = mapper.map(raw, context: context)
            if digest {
                digested += Array((raw.localID ?? "-").utf8) + raw.payload
                digested += (try? encoder.encode(result.record)).map(Array.init) ?? []
                digested += (try? encoder.encode(result.issues)).map(Array.init) ?? []
                digested = Array(ContentHash.hex(digested).utf8)
            }
            issues += result.issues.count
            guard let record = result.record else { failed += 1; return }
            if normalise { issues += normaliser.normalise(record).1.count }
            mapped += 1
        }
    } catch {
        fail(error.description)
    }
    let seconds = now() - start
    let size = fileSize(path)
    let threads = serial ? "-1-thread" : ""
    print("{\"tool\":\"fedcat\",\"stage\":\"dcat-\(parseOnly ? "parse" : normalise ? "parse+map+normalise" : "parse+map")\(threads)\",\"file\":\"\((path as NSString).lastPathComponent)\",\"syntax\":\"\(summary.syntax.rawValue)\","
          + "\"bytes\":\(size),\"triples\":\(summary.report.triples),\"datasets\":\(summary.records),\"mapped\":\(mapped),\"failed\":\(failed),"
          + "\"issues\":\(issues),\"problems\":\(summary.report.allProblems.count),\"late_statements\":\(summary.lateStatements),"
          + "\"seconds\":\(String(format: "%.3f", seconds)),\"datasets_per_s\":\(Int(Double(summary.records) / max(seconds, 0.001))),"
          + "\"triples_per_s\":\(Int(Double(summary.report.triples) / max(seconds, 0.001)))"
          + (digest ? ",\"digest\":\"\(String(decoding: digested, as: UTF8.self))\"" : "") + "}")
}

/// One page's records as (local id, stored payload, where, what the page reader already parsed of it): what the
/// harvester hands over.
typealias PageRecords = [(id: String?, payload: [UInt8], pointer: String, preparsed: (any Sendable)?)]

/// Reads every page of DIR (files ending in `suffix`) as `kind` does, then maps (and normalises, and with
/// `--encode` encodes for the store) each record, like the producer side of a harvest.
func pages(_ arguments: [String], kind: String, suffix: String, mediaType: String, mapper: any RecordMapper,
           read: ([UInt8], String) throws -> PageRecords) {
    guard let directory = arguments.first else { fail("usage: fedcat-bench \(kind) DIR [--parse-only | --no-normalise | --encode] [--digest]") }
    let parseOnly = arguments.contains("--parse-only"), normalise = !arguments.contains("--no-normalise")
    let encode = arguments.contains("--encode"), digest = arguments.contains("--digest")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    let source = SourceConfig(id: "bench", kind: kind, url: "https://bench.example/\(kind)")
    let context = MappingContext(source: source, harvestedAt: digest ? Date(timeIntervalSince1970: 0) : Date())
    let normaliser = Normaliser.standard
    var records = 0, mapped = 0, failed = 0, issues = 0, bytes = 0, encoded = 0
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var digested: [UInt8] = []
    let start = now()
    for file in files {
        guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { fail("cannot read \(file)") }
        bytes += data.count
        let entries: PageRecords
        do { entries = try read([UInt8](data), file) } catch { fail("\(file): \(error)") }
        for entry in entries {
            records += 1
            guard !parseOnly else { continue }
            let raw = RawRecord(localID: entry.id, payload: entry.payload, mediaType: mediaType, pageURL: file, location: entry.pointer,
                                preparsed: entry.preparsed)
            let result = mapper.map(raw, context: context)
            if digest {
                digested += Array((raw.localID ?? "-").utf8) + raw.payload
                digested += (try? encoder.encode(result.record)).map(Array.init) ?? []
                digested += (try? encoder.encode(result.issues)).map(Array.init) ?? []
            }
            issues += result.issues.count
            guard var record = result.record else {
                failed += 1
                if digest { digested = Array(ContentHash.hex(digested).utf8) }
                continue
            }
            if normalise {
                let (normalised, found) = normaliser.normalise(record)
                issues += found.count
                record = normalised
                if digest {
                    digested += (try? encoder.encode(normalised)).map(Array.init) ?? []
                    digested += (try? encoder.encode(found)).map(Array.init) ?? []
                }
            }
            if digest { digested = Array(ContentHash.hex(digested).utf8) }
            if encode { encoded += EncodedRecord(record).json.storedCount }
            mapped += 1
        }
    }
    let seconds = now() - start
    let stage = parseOnly ? "parse" : !normalise ? "parse+map" : encode ? "parse+map+normalise+encode" : "parse+map+normalise"
    print("{\"tool\":\"fedcat\",\"stage\":\"\(kind)-\(stage)\",\"files\":\(files.count),\"bytes\":\(bytes),\"records\":\(records),"
          + "\"mapped\":\(mapped),\"failed\":\(failed),\"issues\":\(issues),\"seconds\":\(String(format: "%.3f", seconds)),"
          + "\"records_per_s\":\(Int(Double(records) / max(seconds, 0.001)))"
          + (digest ? ",\"digest\":\"\(String(decoding: digested, as: UTF8.self))\"" : "") + "}")
}

ProcessMemory.keepFreedMemoryForReuse()
var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("usage: fedcat-bench dcat FILE [--triples-only | --parse-only | --no-normalise] [--digest]") }
arguments.removeFirst()
switch command {
case "dcat": dcat(arguments)
case "oai":
    pages(arguments, kind: "oaipmh", suffix: ".xml", mediaType: "application/xml", mapper: OAIMapper()) { bytes, file in
        try OAIResponse.parse(bytes, url: file).records.map {
            (id: $0.header.identifier, payload: $0.payload, pointer: $0.pointer, preparsed: $0.tree)
        }
    }
case "csw":
    pages(arguments, kind: "csw", suffix: ".xml", mediaType: "application/xml", mapper: CSWMapper()) { bytes, file in
        try CSWResponse.parse(bytes, url: file).records.map { (id: $0.id, payload: $0.payload, pointer: $0.pointer, preparsed: $0.tree) }
    }
case "ckan":
    // As CKANHarvester hands packages over: the envelope parsed, each package's bytes cut from the page as its stored payload.
    pages(arguments, kind: "ckan", suffix: ".json", mediaType: "application/json", mapper: CKANMapper()) { bytes, _ in
        try CKANEnvelope.parse(bytes).packages.map { package in
            (id: package.node["id"]?.string, payload: package.payload, pointer: package.pointer, preparsed: package.node)
        }
    }
case "datajson": dataJSONBench(arguments)
case "payload": payloadBench(arguments)
case "search": searchBench(arguments)
case "fetch": fetchBench(arguments)
default: fail("unknown benchmark '\(command)'; known: dcat, oai, csw, ckan, datajson, payload, search, fetch")
}
