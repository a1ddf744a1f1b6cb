/// Turning expanded values into RDF terms: IRIs, relabelled blank nodes and literals (JSON-LD 1.1
/// "Object to RDF Conversion").
extension JSONLDExpander {
    // MARK: Resources

    /// The term for an `@id`-like string: resolved against the base, blank node labels relabelled.
    func nodeTerm(_ value: String, context: JSONLDActiveContext) -> RDFTerm? {
        resourceTerm(expandIRI(value, in: context, vocab: false, documentRelative: true))
    }

    /// The term for an expanded IRI or blank node identifier; nil (reported) for what is neither.
    func resourceTerm(_ expanded: String?) -> RDFTerm? {
        guard let expanded else { return nil }
        if expanded.utf8.first == UInt8(ascii: "_"), expanded.hasPrefix("_:") {
            return blankNode(label: String(expanded.utf8.dropFirst(2))!)
        }
        if JSONLDIRI.isAbsolute(expanded) {
            if JSONLDIRI.isWellFormed(expanded) { return .iri(expanded) }
            problems.add("The IRI <\(expanded)> at \(path.display) contains a space or a character IRIs cannot hold "
                + "(<>\"{}|^`\\ or a control character); the statement was dropped.")
            return nil
        }
        if expanded.utf8.first == UInt8(ascii: "@") {
            problems.add("The keyword `\(expanded)` at \(path.display) stands where a node IRI is expected; "
                + "the statement was dropped.")
        } else {
            problems.add("The IRI `\(expanded)` at \(path.display) is relative and there is no base IRI to resolve it "
                + "against; the statement was dropped.")
        }
        return nil
    }

    /// The blank node for a document label (`_:x`), the same for every use of the label in the document.
    func blankNode(label: String) -> RDFTerm {
        if let known = blankLabels[label] { return .blank(known) }
        let name = nextBlankName()
        blankLabels[label] = name
        return .blank(name)
    }

    /// A blank node for a node without `@id`, a list cell or a graph.
    func freshBlank() -> RDFTerm {
        .blank(nextBlankName())
    }

    private func nextBlankName() -> String {
        defer { blankCounter += 1 }
        return blankScope + "b" + String(blankCounter)
    }

    // MARK: Literals

    /// A string, number or boolean under `property`, with its coercion or default language.
    func scalarTerm(_ value: JSONValue, context: JSONLDActiveContext, property: JSONLDTermDefinition?) -> RDFTerm? {
        let coercion = property?.coercion ?? .none
        switch value {
        case .string(let text):
            switch coercion {
            case .id:
                return nodeTerm(text, context: context)
            case .vocab:
                return resourceTerm(expandVocab(text, in: context))
            case .json:
                return jsonLiteral(value)
            case .datatype(let datatype):
                return typedLiteral(text, datatype: datatype)
            case .none:
                let language: String?
                if let termLanguage = property?.language { language = termLanguage } else { language = context.defaultLanguage }
                return .literal(text, datatype: nil, language: language)
            }
        case .number(let number):
            if case .datatype(let datatype) = coercion { return numberLiteral(number, datatype: datatype) }
            return numberLiteral(number, datatype: nil)
        case .bool(let flag):
            if case .datatype(let datatype) = coercion { return typedLiteral(flag ? "true" : "false", datatype: datatype) }
            return .literal(flag ? "true" : "false", datatype: JSONLDVocabulary.xsdBoolean, language: nil)
        case .null, .array, .object:
            return nil
        }
    }

    /// `{"@value": …, "@type": …, "@language": …}`.
    func valueObjectTerm(_ members: [JSONObject.Member], mark: Int, context: JSONLDActiveContext) -> RDFTerm? {
        var value: JSONValue = .null
        var datatype: String?
        var isJSON = false
        var language: String?
        for (index, member) in members.enumerated() {
            guard case .keyword(let keyword) = meanings[mark + index] else {
                if case .ignored = meanings[mark + index] { continue }
                problems.add("The value object at \(path.display) has the member `\(member.key)`; value objects hold "
                    + "only @value, @type, @language, @direction and @index, so it was ignored.")
                continue
            }
            switch keyword {
            case .value:
                value = member.value
            case .type:
                guard case .string(let text) = member.value else {
                    problems.add("The `@type` of the value object at \(path.display) is \(JSONLDProblems.kind(member.value)), "
                        + "not a datatype IRI; the value was dropped.")
                    return nil
                }
                if text == "@json" {
                    isJSON = true
                } else {
                    path.push(member.key)
                    let expanded = expandVocab(text, in: context)
                    path.pop()
                    guard let expanded, JSONLDIRI.isAbsolute(expanded) || expanded.hasPrefix("_:") else {
                        problems.add("The `@type` of the value object at \(path.display), `\(text)`, is not an IRI; "
                            + "the value was dropped.")
                        return nil
                    }
                    datatype = expanded
                }
            case .language:
                guard case .string(let tag) = member.value else {
                    if !member.value.isNull {
                        problems.add("The `@language` at \(path.display) is \(JSONLDProblems.kind(member.value)), not a language "
                            + "tag; it was ignored.")
                    }
                    continue
                }
                language = tag
            case .index, .direction, .context:
                continue
            default:
                problems.add("The value object at \(path.display) has the keyword `\(keyword.rawValue)`, which value "
                    + "objects cannot hold; it was ignored.")
            }
        }
        if isJSON { return jsonLiteral(value) }
        if language != nil && datatype != nil {
            problems.add("The value object at \(path.display) has both `@type` and `@language`; the language was ignored.")
            language = nil
        }
        switch value {
        case .null:
            return nil
        case .string(let text):
            if let datatype { return typedLiteral(text, datatype: datatype) }
            return .literal(text, datatype: nil, language: language)
        case .number(let number):
            if language != nil { languageOnNonString() }
            return numberLiteral(number, datatype: datatype)
        case .bool(let flag):
            if language != nil { languageOnNonString() }
            return .literal(flag ? "true" : "false", datatype: datatype ?? JSONLDVocabulary.xsdBoolean, language: nil)
        case .array, .object:
            problems.add("The `@value` at \(path.display) is \(JSONLDProblems.kind(value)); "
                + "only `@json` values may be arrays or objects, so it was dropped.")
            return nil
        }
    }

    private func languageOnNonString() {
        problems.add("The value object at \(path.display) gives a `@language` to a number or boolean; the language "
            + "was ignored.")
    }

    /// A literal with a datatype; `xsd:string` is the same as no datatype and is not kept.
    func typedLiteral(_ text: String, datatype: String) -> RDFTerm {
        .literal(text, datatype: datatype == JSONLDVocabulary.xsdString ? nil : datatype, language: nil)
    }

    /// A native number: `xsd:integer` for integral values below 10^21, else `xsd:double` in canonical form;
    /// a coerced datatype keeps the same lexical rules.
    func numberLiteral(_ number: JSONNumber, datatype: String?) -> RDFTerm {
        let literal = number.literal
        let wantsDouble = datatype == JSONLDVocabulary.xsdDouble
        if !wantsDouble && number.isIntegerLiteral {
            let digits = literal.utf8.count - (literal.utf8.first == UInt8(ascii: "-") ? 1 : 0)
            if digits <= 21 {
                let lexical = literal == "-0" ? "0" : literal
                return typedLiteral(lexical, datatype: datatype ?? JSONLDVocabulary.xsdInteger)
            }
        }
        guard let value = number.double, value.isFinite else {
            return typedLiteral(literal, datatype: datatype ?? JSONLDVocabulary.xsdDouble)
        }
        if !wantsDouble && value.rounded(.towardZero) == value && abs(value) < 1e21 {
            let lexical = number.int64.map { String($0) } ?? JSONLDNumberFormat.integerText(value)
            return typedLiteral(lexical, datatype: datatype ?? JSONLDVocabulary.xsdInteger)
        }
        return typedLiteral(JSONLDNumberFormat.canonicalDouble(value), datatype: datatype ?? JSONLDVocabulary.xsdDouble)
    }

    /// A `@json` value as an `rdf:JSON` literal in canonical form.
    func jsonLiteral(_ value: JSONValue) -> RDFTerm {
        .literal(JSONLDCanonicalJSON.text(value), datatype: JSONLDVocabulary.rdfJSON, language: nil)
    }
}
