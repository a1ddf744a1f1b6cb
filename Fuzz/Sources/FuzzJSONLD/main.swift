// JSON-LD expansion to triples (bundled contexts only, no network).
import FeedParsing
import FuzzSupport

run { bytes in
    _ = JSONLDReader.read(bytes, baseIRI: "https://portal.example/", blankScope: "f") { _ in }
}
