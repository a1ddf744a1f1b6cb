// An OAI-PMH response, then the DataCite / oai_dc mapper on each record and on the whole input.
import FuzzSupport
import Harvesters

enum Target {
    static func test(_ bytes: [UInt8]) {
        let records = (try? OAIResponse.parse(bytes, url: "https://portal.example/oai"))?.records.map(\.payload) ?? []
        for payload in records + [bytes] {
            _ = OAIMapper().map(raw(payload, mediaType: "application/xml"), context: context(kind: "oaipmh"))
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
