// Turtle, N-Triples, TriG and N-Quads through libserd: in memory as triples, and from a file as a DCAT dump (serd's
// nodes handed to the stream as bytes, records cut, mapped).
#if canImport(Glibc)
import Glibc
#endif
import FeedParsing
import FuzzSupport
import Harvesters

enum Target {
    /// One file per process, written for each input and removed after it.
    static let path = "/tmp/fedcat-fuzz-turtle-\(getpid()).ttl"
    static let mapping = context(kind: "dcat")

    static func test(_ bytes: [UInt8]) {
        for syntax in [RDFSyntax.turtle, .ntriples, .trig, .nquads] {
            _ = RDFDocument.read(bytes, syntax: syntax, baseIRI: "https://portal.example/", blankScope: "f") { _ in }
        }
        guard let file = fopen(path, "wb") else { return }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        for syntax in [RDFSyntax.turtle, .ntriples] {
            _ = try? DCATDump.read(path: path, syntax: syntax, baseIRI: "https://portal.example/") { raw in
                _ = DCATMapper().map(raw, context: mapping)
            }
        }
        unlink(path)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
