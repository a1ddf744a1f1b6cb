/// The RDF/XML grammar (W3C RDF 1.1 XML Syntax, section 7) run over `XMLReader` events: a stack
/// of open elements and what each one is (node, property, collection ...), triples handed to the
/// sink as soon as their three terms are known. No tree of the document is built.
struct RDFXMLParser {
    /// What an open element is.
    enum Kind {
        /// XML around the RDF (scan mode, or the caller's document in `readElement`).
        case outside
        /// `rdf:RDF`: its children are node elements.
        case rdf
        /// A node element: its children are property elements about `subject`.
        case node
        /// A property element that has had no child element yet: text or nothing so far.
        case property
        /// A property element whose object was its child node element (or that was given up).
        case resourceProperty
        /// `rdf:parseType="Resource"`: its children are property elements about the blank `subject`.
        case parseTypeResource
        /// `rdf:parseType="Collection"`: its children are node elements, the members of a list.
        case collection
        /// `rdf:parseType="Literal"` (or an unknown parse type): its content is an XML literal.
        case literal
    }

    /// One open element. Kept small (it is created and destroyed for every element): what few
    /// elements need lives in `Extra`. A class: a frame lives in `frames` only, and pushing, reading and popping it
    /// copies one reference instead of its dozen fields (5% of reading RDF/XML went to copying frames as values).
    final class Frame {
        var kind: Kind
        var language: String?
        var base: Base?
        /// Node-like frames: the node. Property-like frames: the subject of the statement.
        var subject: RDFTerm = .blank("")
        var predicate = ""
        /// Node-like frames: the last rdf:li number.
        var li = 0
        /// Property frames: the text so far.
        var text = ""
        var datatype: String?
        /// Property frames with rdf:resource or rdf:nodeID: the object they name.
        var object: RDFTerm?
        var extra: Extra?

        init(kind: Kind, language: String?, base: Base?) {
            self.kind = kind
            self.language = language
            self.base = base
        }

        /// The statement IRI an rdf:ID on a property element gives (reification), if any.
        var statementID: String? { extra?.statementID }

        /// No rdf:resource, rdf:nodeID or property attributes.
        var namesNoObject: Bool { object == nil && (extra?.objectProperties.isEmpty ?? true) }
    }

    /// What only some frames need.
    final class Extra {
        var statementID: String?
        /// Property attributes of an empty property element, about its object.
        var objectProperties: [(predicate: String, value: String)] = []
        /// Collection frames: the first and the last list cell so far.
        var firstCell: RDFTerm?
        var lastCell: RDFTerm?
    }

    /// The base IRI in scope, shared by the frames it applies to.
    final class Base {
        let resolver: IRIResolver
        init(_ resolver: IRIResolver) { self.resolver = resolver }
    }

    let reader: XMLReader
    let sink: (RDFTriple) -> Void
    let blankScope: String
    let scanForRDF: Bool
    var frames: [Frame] = []
    let rootLanguage: String?
    let rootBase: Base?
    /// Predicate IRIs of recent element names, so the common ones are not concatenated again.
    var predicateCache = [(namespace: String, local: String, iri: String)?](repeating: nil, count: 64)
    var literal = RDFXMLLiteralWriter()
    var blankCounter = 0
    var usedIDs: Set<String> = []
    var report = RDFReadReport()
    /// At most this many problems are recorded (a broken document could produce millions).
    static let problemLimit = 1_000

    init(reader: XMLReader, baseIRI: String, language: String? = nil, blankScope: String, scanForRDF: Bool,
         sink: @escaping (RDFTriple) -> Void) {
        self.reader = reader
        self.sink = sink
        self.blankScope = blankScope
        self.scanForRDF = scanForRDF
        self.rootLanguage = language
        self.rootBase = IRIResolver(base: baseIRI).map(Base.init)
    }

    // MARK: - Driving

    /// Reads the whole document.
    mutating func run() {
        do throws(XMLReadError) {
            while let event = try reader.next() { try handle(event) }
        } catch {
            report.fatal = RDFXMLReader.syntaxError(error)
        }
    }

    /// Reads one element whose start event the caller has already taken from the reader, up to
    /// and including its end; the reader then stands after it.
    mutating func runElement(_ name: XMLName, attributes: [XMLAttribute]) {
        frames.append(Frame(kind: .outside, language: rootLanguage, base: rootBase))
        do throws(XMLReadError) {
            try start(name, attributes)
            while frames.count > 1, let event = try reader.next() { try handle(event) }
        } catch {
            report.fatal = RDFXMLReader.syntaxError(error)
        }
    }

    @inline(__always)
    mutating func handle(_ event: XMLEvent) throws(XMLReadError) {
        switch event {
        case .startElement(let name, let attributes, _): try start(name, attributes)
        case .endElement(let name): end(name)
        case .text(let text): self.text(text)
        }
    }

    // MARK: - Events

    mutating func start(_ name: XMLName, _ attributes: [XMLAttribute]) throws(XMLReadError) {
        guard let top = frames.indices.last else {
            if name.matches(RDFXMLVocabulary.rdf, "RDF") {
                openRDF(attributes, language: rootLanguage, base: rootBase)
            } else if scanForRDF {
                openOutside(attributes, language: rootLanguage, base: rootBase)
            } else {
                _ = try nodeElement(name, attributes)
            }
            return
        }
        switch frames[top].kind {
        case .outside:
            if name.matches(RDFXMLVocabulary.rdf, "RDF") {
                openRDF(attributes, language: frames[top].language, base: frames[top].base)
            } else if frames.count == 1 && !scanForRDF {
                _ = try nodeElement(name, attributes)   // readElement given a node element
            } else {
                openOutside(attributes, language: frames[top].language, base: frames[top].base)
            }
        case .rdf:
            _ = try nodeElement(name, attributes)
        case .node, .parseTypeResource:
            try propertyElement(name, attributes, parent: top)
        case .property:
            if !RDFXMLVocabulary.isWhitespace(frames[top].text) {
                problem("the property element \(describe(frames[top])) holds both text and an element; the text is ignored")
            }
            if !frames[top].namesNoObject || frames[top].datatype != nil {
                problem("the property element \(describe(frames[top])) has rdf:resource, rdf:nodeID, rdf:datatype or property attributes and so cannot hold a node element; the statement is skipped")
                frames[top].kind = .resourceProperty
                try reader.skipElement()
                return
            }
            frames[top].kind = .resourceProperty
            if let object = try nodeElement(name, attributes) {
                emit(frames[top].subject, frames[top].predicate, object)
                reify(frames[top].statementID, frames[top].subject, frames[top].predicate, object)
            }
        case .resourceProperty:
            problem("the property element \(describe(frames[top])) holds more than one node element; `\(name.qualified)` is skipped")
            try reader.skipElement()
        case .collection:
            guard let member = try nodeElement(name, attributes), let extra = frames[top].extra else { return }
            let cell = freshBlank()
            if let last = extra.lastCell {
                emit(last, RDFXMLVocabulary.rest, cell)
            } else {
                emit(frames[top].subject, frames[top].predicate, cell)
                extra.firstCell = cell
            }
            emit(cell, RDFXMLVocabulary.first, member)
            extra.lastCell = cell
        case .literal:
            literal.start(name, attributes: attributes)
        }
    }

    mutating func end(_ name: XMLName) {
        guard let frame = frames.popLast() else { return }
        switch frame.kind {
        case .outside, .rdf, .node, .resourceProperty, .parseTypeResource:
            break
        case .property:
            finishProperty(frame)
        case .collection:
            let object: RDFTerm = frame.extra?.firstCell ?? .iri(RDFXMLVocabulary.nil_)
            if let last = frame.extra?.lastCell {
                emit(last, RDFXMLVocabulary.rest, .iri(RDFXMLVocabulary.nil_))
            } else {
                emit(frame.subject, frame.predicate, object)
            }
            reify(frame.statementID, frame.subject, frame.predicate, object)
        case .literal:
            if literal.depth > 0 {
                literal.end(name)
                frame.kind = .literal
                frames.append(frame)
                return
            }
            let object = RDFTerm.literal(literal.lexical, datatype: RDFXMLVocabulary.xmlLiteral, language: nil)
            literal = RDFXMLLiteralWriter()
            emit(frame.subject, frame.predicate, object)
            reify(frame.statementID, frame.subject, frame.predicate, object)
        }
    }

    mutating func text(_ text: String) {
        guard let top = frames.indices.last else { return }
        switch frames[top].kind {
        case .property:
            if frames[top].text.isEmpty {
                frames[top].text = text
            } else {
                frames[top].text += text
            }
        case .literal:
            literal.text(text)
        case .outside:
            break
        case .rdf, .node, .resourceProperty, .parseTypeResource, .collection:
            if !RDFXMLVocabulary.isWhitespace(text) {
                problem("text is not allowed here (\(Self.place(frames[top].kind))): `\(Self.excerpt(text))` is ignored")
            }
        }
    }
}
