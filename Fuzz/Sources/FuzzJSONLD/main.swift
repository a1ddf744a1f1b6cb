// JSON-LD expansion to triples (bundled contexts only, no network).
import FeedParsing
import FuzzSupport

enum Target {
    static func test(_ bytes: [UInt8]) {
        _ = JSONLDReader.read(bytes, baseIRI: "https://portal.example/", blankScope: "f") { _ in }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
