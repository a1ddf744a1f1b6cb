// A CSW GetRecords response, then the ISO 19139 / Dublin Core mapper on each record and on the whole input.
import FuzzSupport
import Harvesters

enum Target {
    static func test(_ bytes: [UInt8]) {
        let records = (try? CSWResponse.parse(bytes, url: "https://portal.example/csw"))?.records.map(\.payload) ?? []
        for payload in records + [bytes] {
            _ = CSWMapper().map(raw(payload, mediaType: "application/xml"), context: context(kind: "csw"))
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
