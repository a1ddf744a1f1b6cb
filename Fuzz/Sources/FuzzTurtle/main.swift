// Turtle, N-Triples, TriG and N-Quads through libserd.
import FeedParsing
import FuzzSupport

run { bytes in
    for syntax in [RDFSyntax.turtle, .ntriples, .trig, .nquads] {
        _ = RDFDocument.read(bytes, syntax: syntax, baseIRI: "https://portal.example/", blankScope: "f") { _ in }
    }
}
