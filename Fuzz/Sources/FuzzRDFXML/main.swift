// RDF/XML through fedcat's safe XML reader.
import FeedParsing
import FuzzSupport

run { bytes in
    _ = RDFXMLReader.read(bytes, baseIRI: "https://portal.example/", blankScope: "f") { _ in }
}
