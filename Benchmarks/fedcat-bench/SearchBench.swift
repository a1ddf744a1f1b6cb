import CatalogStore
import Foundation
import GRDB
import Search

/// `fedcat-bench search DB QUERIES_TSV [--reps N] [--cpu]`: the 100 queries of ../shared/bench's queries.tsv through
/// fedcat's SearchEngine (ranked first page of 20 with the total, one hit per dataset), one warm-up and N timed
/// repetitions each; prints p50/p95/max of the per-query medians in ms, like query_bench.py does for the peer.
/// `--cpu` times the process's CPU instead of the clock, which other processes on a shared machine disturb less;
/// `--slowest N` lists the N slowest queries (kind, query, median ms) on standard error; `--profile-sql` lists the
/// statements that took the most time in all (SQLite's own measure, statements FTS5 runs inside others included).
func searchBench(_ arguments: [String]) {
    guard arguments.count >= 2 else { fail("usage: fedcat-bench search DB QUERIES_TSV [--reps N] [--cpu] [--slowest N] [--profile-sql]") }
    let cpu = arguments.contains("--cpu")
    func clock() -> Double {
        guard cpu else { return now() }
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let reps = arguments.firstIndex(of: "--reps").flatMap { Int(arguments[safe: $0 + 1] ?? "") } ?? 5
    let slowest = arguments.firstIndex(of: "--slowest").flatMap { Int(arguments[safe: $0 + 1] ?? "") } ?? 0
    let store: CatalogStore
    let profiled = arguments.contains("--profile-sql") ? StatementProfile() : nil
    // Read-only: the bench must never migrate or write a benchmark catalogue (the million one is 18 GB).
    do { store = try CatalogStore(path: arguments[0], readOnly: true, profile: profiled?.listener) } catch { fail(error.description) }
    guard let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else { fail("cannot read \(arguments[1])") }
    // kind \t query \t format filter: the peer writes `(q) AND formats:F`, fedcat's language `q format:F`.
    let queries = text.split(separator: "\n").map { line -> (kind: String, text: String) in
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let query = parts.count > 1 ? parts[1] : ""
        return (parts[0], parts.count > 2 && !parts[2].isEmpty ? "(\(query)) format:\(parts[2].lowercased())" : query)
    }
    let engine = SearchEngine(store: store)
    var medians: [Double] = [], hits = 0, failures: [String] = []
    var byKind: [String: [Double]] = [:]
    for (kind, query) in queries {
        var times: [Double] = []
        for round in 0...reps {
            let start = clock()
            do {
                let results = try engine.search(SearchRequest(text: query, limit: 20))
                if round == 0 { hits += results.total }
            } catch {
                if round == 0 { failures.append("\(query): \(error.description)") }
            }
            if round > 0 { times.append((clock() - start) * 1000) }
        }
        medians.append(times.sorted()[times.count / 2])
        byKind[kind, default: []].append(medians.last!)
    }
    for (index, median) in medians.enumerated().sorted(by: { $0.element > $1.element }).prefix(slowest) {
        FileHandle.standardError.write(Data("slow: \(queries[index].kind)\t\(queries[index].text)\t\(String(format: "%.2f", median)) ms\n".utf8))
    }
    profiled?.report(top: 15)
    for failure in failures { FileHandle.standardError.write(Data("fedcat-bench: query failed: \(failure)\n".utf8)) }
    func percentile(_ p: Double, of values: [Double]) -> Double {
        let sorted = values.sorted()
        let k = Double(sorted.count - 1) * p / 100
        let low = Int(k), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (k - Double(low))
    }
    func percentile(_ p: Double) -> Double { percentile(p, of: medians) }
    let kinds = byKind.keys.sorted().map { "\"\($0)\":\(String(format: "%.2f", percentile(50, of: byKind[$0]!)))" }.joined(separator: ",")
    let rows = (try? store.read("counting") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0 }) ?? 0
    print("{\"tool\":\"fedcat\",\"stage\":\"search-top20\",\"clock\":\"\(cpu ? "cpu" : "wall")\",\"records\":\(rows),\"queries\":\(queries.count),\"failed\":\(failures.count),"
          + "\"hits\":\(hits),\"p50_ms\":\(String(format: "%.2f", percentile(50))),\"p95_ms\":\(String(format: "%.2f", percentile(95))),"
          + "\"max_ms\":\(String(format: "%.2f", medians.max() ?? 0)),\"by_kind_p50_ms\":{\(kinds)}}")
}

/// Time per statement, its numbers and quoted strings replaced by `?` so that one shape sums.
final class StatementProfile: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [String: (seconds: Double, count: Int)] = [:]

    var listener: @Sendable (String, Double) -> Void { { self.add($0, $1) } }

    func add(_ sql: String, _ seconds: Double) {
        let shape = sql.replacingOccurrences(of: #"'[^']*'|\b\d+(\.\d+)?\b"#, with: "?", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        lock.withLock { totals[shape, default: (0, 0)].seconds += seconds; totals[shape, default: (0, 0)].count += 1 }
    }

    func report(top: Int) {
        let rows = lock.withLock { totals.sorted { $0.value.seconds > $1.value.seconds }.prefix(top) }
        for (shape, total) in rows {
            FileHandle.standardError.write(Data(String(format: "sql: %8.1f ms %7d× %@\n", total.seconds * 1000, total.count, String(shape.prefix(220))).utf8))
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
