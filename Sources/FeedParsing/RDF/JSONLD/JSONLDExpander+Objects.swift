/// Expansion of JSON objects: value objects, list and set objects, and node objects with their `@id`,
/// `@type`, properties, `@reverse`, `@graph`, `@included` and `@nest` members.
extension JSONLDExpander {
    /// Expands one object as a value of `property`.
    ///
    /// - Parameters:
    ///   - injectedID: the key of an `@id` map the object sits in, used when it has no `@id` of its own.
    ///   - injectedType: the key of a `@type` map the object sits in, added to its types.
    func expandObject(_ object: JSONObject, context active: JSONLDActiveContext, property: JSONLDTermDefinition?,
                      injectedID: String? = nil, injectedType: String? = nil) {
        guard depth < Self.maxDepth else {
            problems.addOnce(key: "depth", "Values are nested more than \(Self.maxDepth) levels deep at \(path.display); "
                + "the deeper part was skipped.")
            return
        }
        depth += 1
        defer { depth -= 1 }
        let members = object.members
        var context = active
        // A type-scoped context does not reach nested node objects.
        if let previous = context.previous, !isValueOrReference(members, context: context) { context = previous }
        if let property, property.localContext != nil {
            context = scopedContext(context, term: property, propagate: true)
        }
        for member in members where member.key == "@context" {
            path.push("@context")
            context = processContext(member.value, onto: context, baseURL: documentBase)
            path.pop()
        }
        let typeScopedContext = context
        if context.hasScopedTerms { context = applyTypeScopes(members, context: context) }

        let mark = meanings.count
        defer { meanings.removeSubrange(mark..<meanings.count) }
        var idIndex = -1, valueIndex = -1, listIndex = -1, setIndex = -1
        for (index, member) in members.enumerated() {
            let meaning = meaning(of: member.key, in: context)
            meanings.append(meaning)
            guard case .keyword(let keyword) = meaning else { continue }
            switch keyword {
            case .id: idIndex = index
            case .value: valueIndex = index
            case .list: listIndex = index
            case .set: setIndex = index
            default: break
            }
        }
        if valueIndex >= 0 {
            if let term = valueObjectTerm(members, mark: mark, context: typeScopedContext) { objects.append(term) }
            return
        }
        if listIndex >= 0 {
            path.push(members[listIndex].key)
            expandList(members[listIndex].value, context: context, property: property)
            path.pop()
            return
        }
        if setIndex >= 0 {
            path.push(members[setIndex].key)
            expandElement(members[setIndex].value, context: context, property: property)
            path.pop()
            return
        }

        if idIndex < 0 && injectedID == nil && property == nil && isBareGraph(mark: mark, count: members.count) {
            // `{"@context": …, "@graph": [...]}`: a wrapper, not a node; no blank node for it.
            for index in members.indices {
                guard case .keyword(let keyword) = meanings[mark + index] else { continue }
                path.push(members[index].key)
                if keyword == .graph || keyword == .included {
                    let objectMark = objects.count
                    expandElement(members[index].value, context: context, property: nil)
                    objects.removeSubrange(objectMark..<objects.count)
                }
                path.pop()
            }
            return
        }
        let subject = nodeSubject(members, idIndex: idIndex, injectedID: injectedID, context: context)
        for index in members.indices {
            guard case .keyword(.type) = meanings[mark + index] else { continue }
            path.push(members[index].key)
            emitTypes(members[index].value, of: subject, context: typeScopedContext)
            path.pop()
        }
        if let injectedType, let type = resourceTerm(expandVocab(injectedType, in: typeScopedContext)) {
            emit(subject, JSONLDVocabulary.rdfType, type)
        }
        for index in members.indices {
            let member = members[index]
            switch meanings[mark + index] {
            case .property(let iri, let term):
                path.push(member.key)
                expandProperty(of: subject, iri: iri, term: term, value: member.value, context: context)
                path.pop()
            case .keyword(let keyword):
                path.push(member.key)
                expandNodeKeyword(keyword, value: member.value, subject: subject, context: context)
                path.pop()
            case .undefined:
                problems.undefinedKey(member.key, at: pointer(appending: member.key))
            case .blankProperty(let label):
                problems.addOnce(key: "blank property " + label,
                    "The key `\(member.key)` at \(pointer(appending: member.key)) is a blank node identifier; "
                    + "RDF properties must be IRIs, so its value was dropped.")
            case .ignored:
                continue
            }
        }
        objects.append(subject)
    }

    /// The members of a node object that are keywords other than `@id` and `@type`.
    private func expandNodeKeyword(_ keyword: JSONLDKeyword, value: JSONValue, subject: RDFTerm,
                                   context: JSONLDActiveContext) {
        switch keyword {
        case .id, .type, .context, .index, .language, .direction:
            return
        case .reverse:
            expandReverse(value, of: subject, context: context)
        case .graph, .included:
            // Named graphs are merged into the default graph; included nodes stand on their own.
            let mark = objects.count
            expandElement(value, context: context, property: nil)
            objects.removeSubrange(mark..<objects.count)
        case .nest:
            expandNest(value, of: subject, context: context)
        default:
            problems.add("The keyword `\(keyword.rawValue)` at \(path.display) is not allowed in a node object; "
                + "it was ignored.")
        }
    }

    /// The node's subject: its `@id`, the `@id` map key it sits under, or a fresh blank node.
    private func nodeSubject(_ members: [JSONObject.Member], idIndex: Int, injectedID: String?,
                             context: JSONLDActiveContext) -> RDFTerm {
        if idIndex >= 0 {
            path.push(members[idIndex].key)
            defer { path.pop() }
            if case .string(let id) = members[idIndex].value {
                let expanded = expandIRI(id, in: context, vocab: false, documentRelative: true)
                if let expanded, !expanded.hasPrefix("_:"), !JSONLDIRI.isAbsolute(expanded) {
                    problems.add("The `@id` at \(path.display), `\(id)`, is relative and there is no base IRI to resolve "
                        + "it against; the node was read as a blank node.")
                } else if let term = resourceTerm(expanded) {
                    return term
                }
            } else {
                problems.add("The `@id` at \(path.display) is \(JSONLDProblems.kind(members[idIndex].value)), not a string; "
                    + "the node was given a blank node instead.")
            }
        } else if let injectedID, let term = nodeTerm(injectedID, context: context) {
            return term
        }
        return freshBlank()
    }

    /// Delivers `subject rdf:type T` for each `@type` value.
    private func emitTypes(_ value: JSONValue, of subject: RDFTerm, context: JSONLDActiveContext) {
        var seen: [String] = []
        let items = value.array ?? [value]
        for item in items {
            guard case .string(let text) = item else {
                problems.add("A `@type` value at \(path.display) is \(JSONLDProblems.kind(item)), not a string; it was ignored.")
                continue
            }
            guard let expanded = expandVocab(text, in: context), !seen.contains(expanded) else { continue }
            seen.append(expanded)
            if let type = resourceTerm(expanded) { emit(subject, JSONLDVocabulary.rdfType, type) }
        }
    }

    /// Applies the scoped contexts of the node's types, in lexicographic order.
    private func applyTypeScopes(_ members: [JSONObject.Member], context: JSONLDActiveContext) -> JSONLDActiveContext {
        var types: [String] = []
        for member in members {
            guard case .keyword(.type) = meaning(of: member.key, in: context) else { continue }
            for item in member.value.array ?? [member.value] {
                if let text = item.string, context.terms[text]?.localContext != nil { types.append(text) }
            }
        }
        guard !types.isEmpty else { return context }
        var result = context
        for type in types.sorted() {
            if let term = context.terms[type] { result = scopedContext(result, term: term, propagate: false) }
        }
        return result
    }

    /// True when the object's members are only `@graph`, `@included` and `@context` (no properties, types or
    /// anything else that would need a subject).
    private func isBareGraph(mark: Int, count: Int) -> Bool {
        var sawGraph = false
        for index in 0..<count {
            switch meanings[mark + index] {
            case .keyword(.graph), .keyword(.included):
                sawGraph = true
            case .keyword(.context), .ignored:
                continue
            default:
                return false
            }
        }
        return sawGraph
    }

    /// True for a value object or a lone `@id`: objects a type-scoped context still applies to.
    private func isValueOrReference(_ members: [JSONObject.Member], context: JSONLDActiveContext) -> Bool {
        var onlyID = members.count == 1
        for member in members {
            guard case .keyword(let keyword) = meaning(of: member.key, in: context) else {
                onlyID = false
                continue
            }
            if keyword == .value { return true }
            if keyword != .id { onlyID = false }
        }
        return onlyID
    }

    /// The JSON pointer of a member of the current object.
    func pointer(appending key: String) -> String {
        path.push(key)
        defer { path.pop() }
        return path.display
    }
}
