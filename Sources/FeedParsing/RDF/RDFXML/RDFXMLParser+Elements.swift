/// The RDF/XML grammar proper: what each element is and which triples it gives.
extension RDFXMLParser {
    // MARK: - Grammar

    mutating func openRDF(_ attributes: [XMLAttribute], language: String?, base: Base?) {
        let parsed = RDFXMLAttributes(attributes)
        var frame = Frame(kind: .rdf, language: language, base: base)
        scope(parsed, into: &frame)
        parsed.problems.forEach { problem($0) }
        if parsed.id != nil || parsed.about != nil || parsed.nodeID != nil || parsed.resource != nil
            || parsed.datatype != nil || parsed.parseType != nil || !parsed.properties.isEmpty {
            problem("`rdf:RDF` takes no attributes besides xml:lang, xml:base and namespace declarations; the others are ignored")
        }
        frames.append(frame)
    }

    mutating func openOutside(_ attributes: [XMLAttribute], language: String?, base: Base?) {
        let frame = Frame(kind: .outside, language: language, base: base)
        for attribute in attributes where attribute.name.namespace == RDFXMLVocabulary.xml {
            if attribute.name.local == "lang" {
                frame.language = attribute.value.isEmpty ? nil : attribute.value
            } else if attribute.name.local == "base" {
                frame.base = resolveBase(attribute.value, against: frame.base)
            }
        }
        frames.append(frame)
    }

    /// Applies xml:lang and xml:base.
    mutating func scope(_ attributes: RDFXMLAttributes, into frame: inout Frame) {
        if let language = attributes.language { frame.language = language }
        if let base = attributes.base { frame.base = resolveBase(base, against: frame.base) }
    }

    mutating func resolveBase(_ value: String, against base: Base?) -> Base? {
        guard let resolved = resolve(value, base: base, what: "xml:base") else { return base }
        return IRIResolver(base: resolved).map(Base.init)
    }

    /// A node element: pushes its frame and returns its subject, or skips it (nil) when it is
    /// not one.
    mutating func nodeElement(_ name: XMLName, _ attributes: [XMLAttribute]) throws(XMLReadError) -> RDFTerm? {
        let parsed = RDFXMLAttributes(attributes)
        var frame = frames.isEmpty ? Frame(kind: .node, language: rootLanguage, base: rootBase)
            : Frame(kind: .node, language: frames[frames.count - 1].language, base: frames[frames.count - 1].base)
        scope(parsed, into: &frame)
        guard let namespace = name.namespace else {
            problem("the node element `\(name.qualified)` has no namespace, so it names no IRI; it is skipped")
            try reader.skipElement()
            return nil
        }
        var isDescription = false
        if namespace == RDFXMLVocabulary.rdf {
            let term = RDFXMLVocabulary.Term(local: name.local)
            if term.isSyntaxOnly || term == .li {
                problem("`\(name.qualified)` cannot be used as a node element; it is skipped")
                try reader.skipElement()
                return nil
            }
            isDescription = term == .description
            if !isDescription && !RDFXMLVocabulary.classes.contains(name.local) {
                problem("`\(name.qualified)` is not a class of the RDF vocabulary; the node is read without that type")
                isDescription = true
            }
        }
        parsed.problems.forEach { problem($0) }
        if parsed.resource != nil || parsed.datatype != nil || parsed.parseType != nil {
            problem("rdf:resource, rdf:datatype and rdf:parseType cannot be used on the node element `\(name.qualified)`; they are ignored")
        }
        if [parsed.about, parsed.id, parsed.nodeID].count(where: { $0 != nil }) > 1 {
            problem("the node element `\(name.qualified)` has more than one of rdf:about, rdf:ID and rdf:nodeID; the first of these in that order is used")
        }

        let subject: RDFTerm
        if let about = parsed.about {
            guard let iri = resolve(about, base: frame.base, what: "rdf:about") else {
                try reader.skipElement()
                return nil
            }
            subject = .iri(iri)
        } else if let id = parsed.id {
            guard let iri = resolveID(id, base: frame.base) else {
                try reader.skipElement()
                return nil
            }
            subject = .iri(iri)
        } else if let nodeID = parsed.nodeID {
            guard let blank = namedBlank(nodeID) else {
                try reader.skipElement()
                return nil
            }
            subject = blank
        } else {
            subject = freshBlank()
        }
        frame.subject = subject

        if !isDescription {
            emit(subject, RDFXMLVocabulary.type, .iri(predicate(namespace, name.local)))
        }
        for (predicate, value) in parsed.properties {
            emitPropertyAttribute(subject, predicate, value, frame: frame)
        }
        frames.append(frame)
        return subject
    }

    mutating func propertyElement(_ name: XMLName, _ attributes: [XMLAttribute], parent: Int) throws(XMLReadError) {
        guard let namespace = name.namespace else {
            problem("the property element `\(name.qualified)` has no namespace, so it names no property; it is skipped")
            try reader.skipElement()
            return
        }
        var predicate = self.predicate(namespace, name.local)
        if namespace == RDFXMLVocabulary.rdf {
            let term = RDFXMLVocabulary.Term(local: name.local)
            if term == .li {
                frames[parent].li += 1
                predicate = RDFXMLVocabulary.rdf + "_" + String(frames[parent].li)
            } else if term.isSyntaxOnly || term == .description {
                problem("`\(name.qualified)` cannot be used as a property element; it is skipped")
                try reader.skipElement()
                return
            } else if !RDFXMLVocabulary.isKnownProperty(name.local) {
                problem("`\(name.qualified)` is not a property of the RDF vocabulary; the element is skipped")
                try reader.skipElement()
                return
            }
        }

        let parsed = RDFXMLAttributes(attributes)
        var frame = Frame(kind: .property, language: frames[parent].language, base: frames[parent].base)
        scope(parsed, into: &frame)
        frame.subject = frames[parent].subject
        frame.predicate = predicate
        parsed.problems.forEach { problem($0) }
        if parsed.about != nil {
            problem("rdf:about cannot be used on the property element `\(name.qualified)`; it is ignored")
        }
        if let id = parsed.id {
            guard let iri = resolveID(id, base: frame.base) else {
                try reader.skipElement()
                return
            }
            frame.extra = Extra()
            frame.extra?.statementID = iri
        }

        if let parseType = parsed.parseType {
            if !parsed.namesNoObject || parsed.datatype != nil {
                problem("rdf:parseType cannot be combined with rdf:resource, rdf:nodeID, rdf:datatype or property attributes on `\(name.qualified)`; those are ignored")
            }
            switch parseType {
            case "Resource":
                let node = freshBlank()
                emit(frame.subject, predicate, node)
                reify(frame.statementID, frame.subject, predicate, node)
                frame.kind = .parseTypeResource
                frame.subject = node
            case "Collection":
                frame.kind = .collection
                if frame.extra == nil { frame.extra = Extra() }
            default:
                // "Literal", and any other value, which the specification reads as "Literal".
                frame.kind = .literal
                literal = RDFXMLLiteralWriter()
            }
            frames.append(frame)
            return
        }

        if let datatype = parsed.datatype {
            guard let iri = resolve(datatype, base: frame.base, what: "rdf:datatype") else {
                try reader.skipElement()
                return
            }
            frame.datatype = iri
        }
        if let resource = parsed.resource {
            if parsed.nodeID != nil {
                problem("the property element `\(name.qualified)` has both rdf:resource and rdf:nodeID; rdf:nodeID is ignored")
            }
            guard let iri = resolve(resource, base: frame.base, what: "rdf:resource") else {
                try reader.skipElement()
                return
            }
            frame.object = .iri(iri)
        } else if let nodeID = parsed.nodeID {
            guard let blank = namedBlank(nodeID) else {
                try reader.skipElement()
                return
            }
            frame.object = blank
        }
        if !parsed.properties.isEmpty {
            if frame.extra == nil { frame.extra = Extra() }
            frame.extra?.objectProperties = parsed.properties
        }
        frames.append(frame)
    }

    /// The end of a property element without a child element: a literal, or an empty property
    /// element naming its object with attributes.
    mutating func finishProperty(_ frame: Frame) {
        if frame.namesNoObject {
            let object: RDFTerm = frame.datatype != nil
                ? .literal(frame.text, datatype: frame.datatype, language: nil)
                : .literal(frame.text, datatype: nil, language: frame.language)
            emit(frame.subject, frame.predicate, object)
            reify(frame.statementID, frame.subject, frame.predicate, object)
            return
        }
        // Text beside rdf:resource or rdf:nodeID (GeoNetwork writes a label there) is ignored, as
        // raptor does; beside property attributes alone it leaves the object unclear.
        guard frame.object != nil || RDFXMLVocabulary.isWhitespace(frame.text) else {
            problem("the property element \(describe(frame)) has property attributes and also text; the statement is skipped")
            return
        }
        if frame.datatype != nil {
            problem("rdf:datatype cannot be combined with rdf:resource, rdf:nodeID or property attributes on the property element \(describe(frame)); it is ignored")
        }
        let object = frame.object ?? freshBlank()
        emit(frame.subject, frame.predicate, object)
        reify(frame.statementID, frame.subject, frame.predicate, object)
        for (predicate, value) in frame.extra?.objectProperties ?? [] {
            emitPropertyAttribute(object, predicate, value, frame: frame)
        }
    }

    mutating func emitPropertyAttribute(_ subject: RDFTerm, _ predicate: String, _ value: String, frame: Frame) {
        if predicate == RDFXMLVocabulary.type {
            guard let iri = resolve(value, base: frame.base, what: "rdf:type") else { return }
            emit(subject, predicate, .iri(iri))
        } else {
            emit(subject, predicate, .literal(value, datatype: nil, language: frame.language))
        }
    }

    /// The four reification triples of a property element with rdf:ID.
    mutating func reify(_ statementID: String?, _ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        guard let statementID else { return }
        let statement = RDFTerm.iri(statementID)
        emit(statement, RDFXMLVocabulary.type, .iri(RDFXMLVocabulary.statement))
        emit(statement, RDFXMLVocabulary.subject, subject)
        emit(statement, RDFXMLVocabulary.predicate, .iri(predicate))
        emit(statement, RDFXMLVocabulary.object, object)
    }
}
