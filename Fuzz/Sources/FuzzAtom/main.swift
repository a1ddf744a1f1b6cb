// An Atom or RSS page, then the entry mapper on each entry and on the whole input.
import FuzzSupport
import Harvesters

enum Target {
    static func test(_ bytes: [UInt8]) {
        let items = (try? AtomFeedPage.parse(bytes))?.items.map(\.payload) ?? []
        for payload in items + [bytes] {
            _ = AtomMapper().map(raw(payload, mediaType: "application/atom+xml"), context: context(kind: "atom"))
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
