/// Turtle through libserd. Graph blocks (TriG content served as Turtle) are read too, their graphs merged.
public enum TurtleReader: RDFSyntaxReader {
    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        SerdRDFReader.read(bytes, syntax: .turtle, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }
}

/// TriG through libserd; named graphs are merged into one graph.
public enum TriGReader: RDFSyntaxReader {
    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        SerdRDFReader.read(bytes, syntax: .trig, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }
}

/// N-Triples through libserd; a bad line is reported and skipped.
public enum NTriplesReader: RDFSyntaxReader {
    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        SerdRDFReader.read(bytes, syntax: .ntriples, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }
}

/// N-Quads through libserd; graph labels are dropped (graphs merged), a bad line is reported and skipped.
public enum NQuadsReader: RDFSyntaxReader {
    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        SerdRDFReader.read(bytes, syntax: .nquads, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }
}
