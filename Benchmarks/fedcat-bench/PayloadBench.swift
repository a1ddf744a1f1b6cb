import CatalogStore
import Foundation
import Harvesters

/// `fedcat-bench payload DIR [--codec zstd|deflate] [--dictionary]`: the packages of every CKAN page in DIR, cut as the
/// harvester cuts them, compressed one by one as the store keeps them (`PayloadCodec`). Prints the time per package and
/// the stored size over the fetched size; the pages are read and cut before the clock starts. With `--dictionary`, a
/// dictionary is trained on the first packages (`DictionaryTrainer.sampledRecords`) and compresses the others.
func payloadBench(_ arguments: [String]) {
    guard let directory = arguments.first else { fail("usage: fedcat-bench payload DIR [--codec zstd|deflate] [--dictionary]") }
    var method = PayloadCodec.Method.zstd
    if let flag = arguments.firstIndex(of: "--codec"), flag + 1 < arguments.count {
        guard let chosen = PayloadCodec.Method(rawValue: arguments[flag + 1]) else {
            fail("unknown codec '\(arguments[flag + 1])'; known: \(PayloadCodec.Method.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        method = chosen
    }
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    var payloads: [[UInt8]] = []
    for file in files {
        guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { fail("cannot read \(file)") }
        do { payloads += try CKANEnvelope.parse([UInt8](data)).packages.map(\.payload) } catch { fail("\(file): \(error)") }
    }
    // As a harvest does: a dictionary trained on the first records' payloads compresses the rest.
    var dictionary: CompressionDictionary?
    var training = 0.0
    if arguments.contains("--dictionary") {
        guard method == .zstd else { fail("--dictionary is for --codec zstd") }
        let sampled = DictionaryTrainer.sampledRecords
        let started = now()
        dictionary = CompressionDictionary.train(Array(payloads.prefix(sampled)))
        training = now() - started
        guard dictionary != nil else { fail("no dictionary could be trained on the first \(sampled) packages") }
        payloads.removeFirst(min(sampled, payloads.count))
    }
    var fetched = 0, stored = 0
    let start = now()
    for payload in payloads {
        let (bytes, _) = PayloadCodec.encode(payload, method: method, dictionary: dictionary)
        fetched += payload.count
        stored += bytes.count
    }
    let seconds = now() - start
    let stage = "payload-\(method.rawValue)" + (dictionary == nil ? "" : "-dictionary")
    print("{\"tool\":\"fedcat\",\"stage\":\"\(stage)\",\"records\":\(payloads.count),\"bytes\":\(fetched),"
          + (dictionary == nil ? "" : "\"training_seconds\":\(String(format: "%.3f", training)),")
          + "\"stored_bytes\":\(stored),\"ratio\":\(String(format: "%.3f", Double(stored) / Double(max(fetched, 1)))),"
          + "\"seconds\":\(String(format: "%.3f", seconds)),\"us_per_record\":\(String(format: "%.1f", seconds * 1e6 / Double(max(payloads.count, 1))))}")
}
