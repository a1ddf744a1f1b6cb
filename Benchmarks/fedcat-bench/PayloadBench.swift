import CatalogStore
import Foundation
import Harvesters

/// `fedcat-bench payload DIR [--codec zstd|deflate]`: the packages of every CKAN page in DIR, cut as the harvester
/// cuts them, compressed one by one as the store keeps them (`PayloadCodec`). Prints the time per package and the
/// stored size over the fetched size; the pages are read and cut before the clock starts.
func payloadBench(_ arguments: [String]) {
    guard let directory = arguments.first else { fail("usage: fedcat-bench payload DIR [--codec zstd|deflate]") }
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
    var fetched = 0, stored = 0
    let start = now()
    for payload in payloads {
        let (bytes, _) = PayloadCodec.encode(payload, method: method)
        fetched += payload.count
        stored += bytes.count
    }
    let seconds = now() - start
    print("{\"tool\":\"fedcat\",\"stage\":\"payload-\(method.rawValue)\",\"records\":\(payloads.count),\"bytes\":\(fetched),"
          + "\"stored_bytes\":\(stored),\"ratio\":\(String(format: "%.3f", Double(stored) / Double(max(fetched, 1)))),"
          + "\"seconds\":\(String(format: "%.3f", seconds)),\"us_per_record\":\(String(format: "%.1f", seconds * 1e6 / Double(max(payloads.count, 1))))}")
}
