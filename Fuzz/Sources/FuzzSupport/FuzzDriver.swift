#if canImport(Glibc)
import Glibc
#endif
public import CatalogModel
public import Foundation
public import Harvesters

/// libFuzzer's driver (in libclang_rt.fuzzer): parses `-max_total_time=…` and the corpus folders, then calls
/// the callback with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Each target's main.swift defines `LLVMFuzzerTestOneInput` (what libFuzzer's own `main` calls when the linker
/// picks it) and then calls `runFuzzer` with the same function (for when the Swift `main` runs first), so the
/// target works with either. State a target needs lives in `static let`s, which do not depend on top-level code.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as bytes.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// A source and mapping context for the mappers, as a harvest would give them.
public func context(kind: String) -> MappingContext {
    MappingContext(source: SourceConfig(id: "fuzz", kind: kind, url: "https://portal.example/"),
                   harvestedAt: Date(timeIntervalSince1970: 1_700_000_000))
}

public func raw(_ bytes: [UInt8], mediaType: String) -> RawRecord {
    RawRecord(localID: "fuzz-1", payload: bytes, mediaType: mediaType, pageURL: "https://portal.example/page", location: "/0")
}
