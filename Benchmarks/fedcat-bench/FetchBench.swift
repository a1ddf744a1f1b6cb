import Fetch
import Foundation

/// `fedcat-bench fetch BASE_URL PAGES [PAGE_SIZE]`: GETs the CKAN package_search pages BASE_URL serves
/// (`start = 0, PAGE_SIZE, …`) over one libcurl handle, as a harvest does, and throws the bodies away: the fetch
/// stage alone (HTTP over loopback), in MB/s and records/s.
func fetchBench(_ arguments: [String]) {
    guard arguments.count >= 2, let pages = Int(arguments[1]) else { fail("usage: fedcat-bench fetch BASE_URL PAGES [PAGE_SIZE]") }
    let size = arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000
    let fetcher = Fetcher(options: FetchOptions(userAgent: "fedcat-bench"))
    var bytes = 0
    let start = now()
    for page in 0..<pages {
        let url = "\(arguments[0])/api/3/action/package_search?q=*:*&rows=\(size)&start=\(page * size)"
        do {
            let response = try fetcher.get(url)
            guard response.isSuccess else { fail("\(url) answered HTTP \(response.status)") }
            bytes += response.body.count
        } catch {
            fail(error.description)
        }
    }
    let seconds = now() - start
    print("{\"tool\":\"fedcat\",\"stage\":\"fetch\",\"pages\":\(pages),\"records\":\(pages * size),\"bytes\":\(bytes),"
          + "\"seconds\":\(String(format: "%.3f", seconds)),\"mb_per_s\":\(String(format: "%.1f", Double(bytes) / 1_048_576 / max(seconds, 0.001))),"
          + "\"records_per_s\":\(Int(Double(pages * size) / max(seconds, 0.001)))}")
}
