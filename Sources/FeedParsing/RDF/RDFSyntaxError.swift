/// A syntax problem in an RDF document, with where it is.
public struct RDFSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line; 0 when the parser cannot tell.
    public var line: Int
    /// 1-based column; 0 when the parser cannot tell.
    public var column: Int
    /// A sentence saying what is wrong, e.g. "the prefix `healthdcatap:` is not declared".
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "line 12, column 4: the prefix `healthdcatap:` is not declared".
    public var description: String {
        if line == 0 { return message }
        if column == 0 { return "line \(line): \(message)" }
        return "line \(line), column \(column): \(message)"
    }
}

/// What reading one document produced besides its triples.
public struct RDFReadReport: Sendable, Hashable {
    /// How many triples went to the sink.
    public var triples: Int
    /// Problems the parser recovered from: the statements around them were skipped, the rest was read.
    public var problems: [RDFSyntaxError]
    /// The problem that stopped the parser before the end of the document (truncation, broken markup),
    /// nil when it read to the end. Triples before it were delivered.
    public var fatal: RDFSyntaxError?

    public init(triples: Int = 0, problems: [RDFSyntaxError] = [], fatal: RDFSyntaxError? = nil) {
        self.triples = triples
        self.problems = problems
        self.fatal = fatal
    }

    /// Every problem, the fatal one last.
    public var allProblems: [RDFSyntaxError] { problems + (fatal.map { [$0] } ?? []) }
}
