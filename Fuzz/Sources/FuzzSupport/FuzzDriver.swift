#if canImport(Glibc)
import Glibc
#endif
public import CatalogModel
public import Foundation
public import Harvesters

/// libFuzzer's own driver (in libclang_rt.fuzzer): parses `-max_total_time=…` and the corpus folders, then calls
/// the callback with each input. SwiftPM renames an executable's `main`, so the targets call it from main.swift.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The one input under test, set once by `run` before libFuzzer starts.
nonisolated(unsafe) var body: (([UInt8]) -> Void)?

/// Runs libFuzzer with `test` as the fuzz target: every input it makes is handed over as bytes. A crash, a trap
/// (a failed precondition, an out-of-range index) or an AddressSanitizer report stops the run with the input saved.
public func run(_ test: @escaping ([UInt8]) -> Void) -> Never {
    body = test
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        body?(bytes)
        return 0
    })
}

/// A source and mapping context for the mappers, as a harvest would give them.
public func context(kind: String) -> MappingContext {
    MappingContext(source: SourceConfig(id: "fuzz", kind: kind, url: "https://portal.example/"),
                   harvestedAt: Date(timeIntervalSince1970: 1_700_000_000))
}

public func raw(_ bytes: [UInt8], mediaType: String) -> RawRecord {
    RawRecord(localID: "fuzz-1", payload: bytes, mediaType: mediaType, pageURL: "https://portal.example/page", location: "/0")
}
