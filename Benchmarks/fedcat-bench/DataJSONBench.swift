import CatalogModel
import FeedParsing
import Foundation
import Harvesters
import Normalise

/// `fedcat-bench datajson FILE [--parse-only | --no-normalise]`: a data.json read a dataset at a time from the file,
/// as the `datajson` harvester streams a spooled body (each dataset parsed and written back as its stored payload),
/// then mapped and normalised; with the process's peak resident memory.
func dataJSONBench(_ arguments: [String]) {
    guard let path = arguments.first else { fail("usage: fedcat-bench datajson FILE [--parse-only | --no-normalise]") }
    let parseOnly = arguments.contains("--parse-only"), normalise = !arguments.contains("--no-normalise")
    let source = SourceConfig(id: "bench", kind: "datajson", url: "file://" + path)
    let context = MappingContext(source: source, harvestedAt: Date())
    let mapper = DataJSONMapper(), normaliser = Normaliser.standard
    var records = 0, mapped = 0, failed = 0, broken = 0, issues = 0
    let start = now()
    let file: JSONFileSource
    do { file = try JSONFileSource(path: path) } catch { fail(error.description) }
    do throws(DataJSONError) {
        _ = try DataJSONCatalog.read(file) { item in
            guard case .dataset(let pointer, let value) = item else {
                broken += 1
                return true
            }
            records += 1
            let payload = JSONWriter.write(value)
            guard !parseOnly else { return true }
            let raw = RawRecord(localID: DataJSONMapper.localID(of: value), payload: payload, mediaType: "application/json",
                                pageURL: source.url, location: pointer, preparsed: value)
            let result = mapper.map(raw, context: context)
            issues += result.issues.count
            guard let record = result.record else {
                failed += 1
                return true
            }
            if normalise { issues += normaliser.normalise(record).1.count }
            mapped += 1
            return true
        }
    } catch {
        fail(error.description)
    } 
    let seconds = now() - start
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    let size = fileSize(path)
    let stage = parseOnly ? "parse" : normalise ? "parse+map+normalise" : "parse+map"
    print("{\"tool\":\"fedcat\",\"stage\":\"datajson-\(stage)\",\"bytes\":\(size),\"records\":\(records),\"mapped\":\(mapped),"
          + "\"failed\":\(failed),\"broken\":\(broken),\"issues\":\(issues),\"seconds\":\(String(format: "%.3f", seconds)),"
          + "\"records_per_s\":\(Int(Double(records) / max(seconds, 0.001))),\"peak_rss_mb\":\(usage.ru_maxrss / 1024)}")
}
