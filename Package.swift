// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
// The parsers and mappers: release builds leave out Swift's run-time exclusivity checks (each access to a class's
// stored property or a global is otherwise registered and checked: 3-11% of DCAT parse + map CPU time, measured with
// `fedcat-bench dcat FILE --no-normalise`, see README "DCAT"). Debug builds, which `make test` and the corpus sweep
// run, keep the checks, so an overlapping access still traps under test.
let hot: [SwiftSetting] = strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "fedcat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fedcat", targets: ["fedcat"]),
        .executable(name: "sample-portal", targets: ["sample-portal"]),
        // The parsers, for the fuzz targets of Fuzz/Package.swift (built with -sanitize=fuzzer,address).
        .library(name: "FedcatParsers", targets: ["CatalogModel", "FeedParsing", "Harvesters", "CatalogStore", "Search"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // C libraries, through small shims.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSerd", path: "Sources/CSerd", pkgConfig: "serd-0",
                       providers: [.apt(["libserd-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CSQLiteConfig", path: "Sources/CSQLiteConfig", providers: [.apt(["libsqlite3-dev"])]),

        // Value types, no I/O.
        .target(name: "CatalogModel", dependencies: ["CMalloc"], swiftSettings: strict),
        // JSON, XML and RDF (RDF/XML, Turtle family through libserd, JSON-LD) readers.
        .target(name: "FeedParsing", dependencies: ["CLibXML2", "CSerd"], swiftSettings: hot),
        // HTTP over libcurl.
        .target(name: "Fetch", dependencies: ["CCurl"], swiftSettings: strict),
        // Field normalisation rules applied to every mapped record.
        .target(name: "Normalise", dependencies: ["CatalogModel"], swiftSettings: strict),
        // Harvester protocol, registry and one folder per kind.
        .target(name: "Harvesters",
                dependencies: ["CatalogModel", "FeedParsing", "Fetch", "Normalise"],
                swiftSettings: hot),
        // Which records describe the same dataset: match keys and the canonical-record rule (pure).
        .target(name: "Merge", dependencies: ["CatalogModel"], swiftSettings: strict),
        // SQLite: migrations, runs, issues, records, FTS5, clusters.
        .target(name: "CatalogStore",
                dependencies: ["CatalogModel", "FeedParsing", "Merge", "CZlib", "CZstd", "CSQLiteConfig", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: strict),
        // Metadata quality: MQA metrics per record and source, fixes, and the report views (pure).
        .target(name: "Quality", dependencies: ["CatalogModel"], swiftSettings: strict),
        // Query language, ranking, result rendering.
        .target(name: "Search",
                dependencies: ["CatalogModel", "CatalogStore", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: strict),
        // Exporters: DCAT-AP 3 (Turtle, RDF/XML, JSON-LD, N-Triples), DCAT-US data.json, CSV, NDJSON, Atom changes.
        .target(name: "Export",
                dependencies: ["CatalogModel", "CatalogStore", "Search", "FeedParsing", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: strict),
        // Source registry files (harvesters/<id>.yaml).
        .target(name: "SourceRegistry",
                dependencies: ["CatalogModel", "FeedParsing", "Harvesters", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        // A harvest run end to end: harvester -> mapper -> normaliser -> store.
        .target(name: "Pipeline",
                dependencies: ["CatalogModel", "Harvesters", "Normalise", "CatalogStore", "SourceRegistry", "Fetch", "Merge", "Quality"],
                swiftSettings: strict),
        // Cron expressions in time zones, schedule files, what is due, back-off and per-source locks.
        .target(name: "Scheduling",
                dependencies: ["CatalogModel", "CatalogStore", "Pipeline", "SourceRegistry", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        // `fedcat serve`: read-only HTTP over the catalogue (DCAT, data.json, CKAN Action API, search, HTML).
        .target(name: "Server",
                dependencies: ["CatalogModel", "CatalogStore", "Search", "FeedParsing", "Export",
                               .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "Hummingbird", package: "hummingbird")],
                swiftSettings: strict),
        // The command-line tool: argument parsing and printing only.
        .executableTarget(name: "fedcat",
                          dependencies: ["CatalogModel", "CatalogStore", "Search", "SourceRegistry", "Pipeline",
                                         "Harvesters", "FeedParsing", "Export", "Fetch", "Quality", "Scheduling", "Server",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // Stage benchmarks on generated files (bench/*.sh), kept out of the tests.
        .executableTarget(name: "fedcat-bench", dependencies: ["CatalogModel", "FeedParsing", "Harvesters", "Normalise", "CatalogStore", "Search", "Fetch",
                                                               .product(name: "GRDB", package: "GRDB.swift")],
                          path: "Benchmarks/fedcat-bench", swiftSettings: strict),

        // Loopback HTTP server and CKAN emulator over the bundled samples (demo and tests).
        .target(name: "LoopbackHTTP", swiftSettings: strict),
        .target(name: "SamplePortal", dependencies: ["LoopbackHTTP", "FeedParsing"], swiftSettings: strict),
        .executableTarget(name: "sample-portal", dependencies: ["SamplePortal", "LoopbackHTTP"], swiftSettings: strict),

        // Shared by the test targets: where the third-party corpus is.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "FetchTests", dependencies: ["Fetch", "LoopbackHTTP"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "NormaliseTests", dependencies: ["Normalise", "CatalogModel", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "HarvestersTests",
                    dependencies: ["Harvesters", "CatalogModel", "FeedParsing", "Fetch", "LoopbackHTTP", "SamplePortal", "TestSupport", "Merge"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "CatalogStoreTests",
                    dependencies: ["CatalogStore", "CatalogModel", "FeedParsing", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "QualityTests",
                    dependencies: ["Quality", "Pipeline", "CatalogStore", "CatalogModel", "Normalise", "FeedParsing", "TestSupport",
                                   "LoopbackHTTP", "Fetch", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "MergeTests", dependencies: ["Merge", "CatalogModel"], swiftSettings: strict),
        .testTarget(name: "SearchTests", dependencies: ["Search", "CatalogStore", "CatalogModel"], swiftSettings: strict),
        .testTarget(name: "PipelineTests",
                    dependencies: ["Pipeline", "SourceRegistry", "CatalogStore", "Search", "Harvesters",
                                   "LoopbackHTTP", "SamplePortal", "CatalogModel", "TestSupport",
                                   .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "ExportTests",
                    dependencies: ["Export", "CatalogStore", "CatalogModel", "Search", "Pipeline", "SourceRegistry", "TestSupport",
                                   .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ServerTests",
                    dependencies: ["Server", "Pipeline", "SourceRegistry", "CatalogStore", "CatalogModel", "Search",
                                   "Harvesters", "Fetch", "FeedParsing", "LoopbackHTTP", "SamplePortal", "TestSupport",
                                   .product(name: "GRDB", package: "GRDB.swift"),
                                   .product(name: "Hummingbird", package: "hummingbird"),
                                   .product(name: "HummingbirdTesting", package: "hummingbird")],
                    swiftSettings: strict),
        .testTarget(name: "SourceRegistryTests", dependencies: ["SourceRegistry", "CatalogModel"], swiftSettings: strict),
        .testTarget(name: "SchedulingTests",
                    dependencies: ["Scheduling", "CatalogStore", "CatalogModel", "Pipeline", "TestSupport",
                                   "LoopbackHTTP", "SamplePortal", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "LoopbackHTTPTests", dependencies: ["LoopbackHTTP"], swiftSettings: strict),
        .testTarget(name: "SamplePortalTests", dependencies: ["SamplePortal", "LoopbackHTTP"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "CLITests",
                    dependencies: ["LoopbackHTTP", "SamplePortal", "CatalogStore", "TestSupport", "Fetch", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
    ]
)
