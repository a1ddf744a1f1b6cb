// Turtle, N-Triples, TriG and N-Quads through libserd.
import FeedParsing
import FuzzSupport

enum Target {
    static func test(_ bytes: [UInt8]) {
        for syntax in [RDFSyntax.turtle, .ntriples, .trig, .nquads] {
            _ = RDFDocument.read(bytes, syntax: syntax, baseIRI: "https://portal.example/", blankScope: "f") { _ in }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
