// swift-tools-version:6.0
// Fuzz targets, one executable per parser, built only with libFuzzer and AddressSanitizer:
//     swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
//     make fuzz SECONDS=60         (scripts/fuzz.sh: seeds from the corpus, copied to a temp folder)
// A separate package, so that `swift build` and `swift test` of fedcat never link libFuzzer.
// Slot for the cron parser (the Scheduling target, written on another branch): add
//     .executableTarget(name: "FuzzCron", dependencies: ["FuzzSupport", .product(name: "FedcatParsers", package: "fedcat")])
// once Scheduling is in the FedcatParsers product, with a main.swift that calls its parse function through
// FuzzSupport.run, and the name FuzzCron in scripts/fuzz.sh's target list (its seeds: cron lines, no corpus).
import PackageDescription

let parsers: Target.Dependency = .product(name: "FedcatParsers", package: "fedcat")
let targets = ["JSONMapping", "Turtle", "RDFXML", "JSONLD", "CSW", "OAI", "Atom", "Query"]

let package = Package(
    name: "fedcat-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "fedcat", path: "..")],
    targets: [.target(name: "FuzzSupport", dependencies: [parsers])]
        + targets.map { .executableTarget(name: "Fuzz\($0)", dependencies: ["FuzzSupport", parsers]) }
)
