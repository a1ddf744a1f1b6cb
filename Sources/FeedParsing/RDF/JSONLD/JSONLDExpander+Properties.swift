/// Expansion of property values: coercions, containers (`@list`, `@set`, `@language`, `@index`, `@id`,
/// `@type`, `@graph`), reverse properties and `@nest` objects.
extension JSONLDExpander {
    /// Delivers `subject iri object` (or `object iri subject` for a reverse term) for every value.
    func expandProperty(of subject: RDFTerm, iri: String, term: JSONLDTermDefinition?, value: JSONValue,
                        context: JSONLDActiveContext) {
        let mark = objects.count
        expandPropertyValue(value, context: context, term: term)
        let reverse = term?.isReverse ?? false
        var index = mark
        while index < objects.count {
            let object = objects[index]
            if reverse {
                emitReverse(object, iri, subject)
            } else {
                emit(subject, iri, object)
            }
            index += 1
        }
        objects.removeSubrange(mark..<objects.count)
    }

    /// Expands the value of a property according to its term's container and coercion.
    func expandPropertyValue(_ value: JSONValue, context: JSONLDActiveContext, term: JSONLDTermDefinition?) {
        guard let term else {
            expandElement(value, context: context, property: nil)
            return
        }
        if case .json = term.coercion {
            objects.append(jsonLiteral(value))
            return
        }
        let container = term.container
        if container.isEmpty || container == .set {
            expandElement(value, context: context, property: term)
            return
        }
        if case .object(let map) = value {
            if container.contains(.language) {
                expandLanguageMap(map)
                return
            }
            if !container.isDisjoint(with: [.index, .id, .type]), !isKeywordObject(map, context: context) {
                expandMap(map, context: context, term: term)
                return
            }
        }
        if container.contains(.list) {
            if case .object(let map) = value, isKeywordObject(map, context: context, keyword: .list) {
                expandElement(value, context: context, property: term)
            } else {
                expandList(value, context: context, property: term)
            }
            return
        }
        if container.contains(.graph) {
            expandGraphContainer(value, context: context, term: term, graphName: nil)
            return
        }
        expandElement(value, context: context, property: term)
    }

    /// Delivers `object iri subject`; a literal cannot be a subject, so it is reported instead.
    private func emitReverse(_ object: RDFTerm, _ iri: String, _ subject: RDFTerm) {
        if object.isResource {
            emit(object, iri, subject)
        } else {
            problems.add("A value of the reverse property <\(iri)> at \(path.display) is a literal; only nodes can "
                + "point back at the node, so it was dropped.")
        }
    }

    /// True when `map` has a member meaning `keyword` (any of `@value`, `@list`, `@set`, `@id`… when nil),
    /// i.e. it is not a container map but an object of its own.
    private func isKeywordObject(_ map: JSONObject, context: JSONLDActiveContext, keyword: JSONLDKeyword? = nil) -> Bool {
        for member in map.members {
            guard case .keyword(let found) = meaning(of: member.key, in: context) else { continue }
            if let keyword {
                if found == keyword { return true }
            } else if found == .value || found == .list || found == .set {
                return true
            }
        }
        return false
    }

    // MARK: Lists

    /// Expands `value` (an array or a single value) as an RDF list and appends its head.
    func expandList(_ value: JSONValue, context: JSONLDActiveContext, property: JSONLDTermDefinition?) {
        guard depth < Self.maxDepth else { return }
        depth += 1
        defer { depth -= 1 }
        let mark = objects.count
        if case .array(let items) = value {
            for (index, item) in items.enumerated() {
                path.push(index)
                if case .array = item {
                    expandList(item, context: context, property: property)
                } else {
                    expandElement(item, context: context, property: property)
                }
                path.pop()
            }
        } else {
            expandElement(value, context: context, property: property)
        }
        let count = objects.count - mark
        guard count > 0 else {
            objects.append(.iri(JSONLDVocabulary.rdfNil))
            return
        }
        var head: RDFTerm = .iri(JSONLDVocabulary.rdfNil)
        // Built from the end so each cell knows its rest.
        var index = objects.count - 1
        while index >= mark {
            let cell = freshBlank()
            emit(cell, JSONLDVocabulary.rdfFirst, objects[index])
            emit(cell, JSONLDVocabulary.rdfRest, head)
            head = cell
            index -= 1
        }
        objects.removeSubrange(mark..<objects.count)
        objects.append(head)
    }

    // MARK: Maps

    /// `{"en": "Title", "de": ["Titel"]}` under a `@language` container.
    private func expandLanguageMap(_ map: JSONObject) {
        for member in map.members {
            path.push(member.key)
            defer { path.pop() }
            let language: String? = member.key == "@none" ? nil : member.key
            for item in member.value.array ?? [member.value] {
                switch item {
                case .null:
                    continue
                case .string(let text):
                    objects.append(.literal(text, datatype: nil, language: language))
                default:
                    problems.add("A value of the language map at \(path.display) is \(JSONLDProblems.kind(item)); language maps "
                        + "hold strings, so it was dropped.")
                }
            }
        }
    }

    /// An `@index`, `@id` or `@type` map (possibly of graphs).
    private func expandMap(_ map: JSONObject, context: JSONLDActiveContext, term: JSONLDTermDefinition) {
        let container = term.container
        for member in map.members {
            path.push(member.key)
            defer { path.pop() }
            let isNone = member.key == "@none" || {
                if case .keyword(.none) = meaning(of: member.key, in: context) { return true }
                return false
            }()
            if container.contains(.graph) {
                let name = container.contains(.id) && !isNone ? nodeTerm(member.key, context: context) : nil
                expandGraphContainer(member.value, context: context, term: term, graphName: name)
            } else if container.contains(.id) {
                for item in member.value.array ?? [member.value] {
                    guard case .object(let object) = item else {
                        problems.add("A value of the `@id` map at \(path.display) is \(JSONLDProblems.kind(item)), not a node "
                            + "object; it was dropped.")
                        continue
                    }
                    expandObject(object, context: context, property: term, injectedID: isNone ? nil : member.key)
                }
            } else if container.contains(.type) {
                for item in member.value.array ?? [member.value] {
                    switch item {
                    case .string(let id):
                        guard let node = nodeTerm(id, context: context) else { continue }
                        if !isNone, let type = resourceTerm(expandVocab(member.key, in: context)) {
                            emit(node, JSONLDVocabulary.rdfType, type)
                        }
                        objects.append(node)
                    case .object(let object):
                        expandObject(object, context: context, property: term, injectedType: isNone ? nil : member.key)
                    default:
                        problems.add("A value of the `@type` map at \(path.display) is \(JSONLDProblems.kind(item)), not a node; "
                            + "it was dropped.")
                    }
                }
            } else {
                expandElement(member.value, context: context, property: term)
            }
        }
    }

    /// Values of a `@graph` container: each becomes a graph (merged here) named by `graphName` or a blank
    /// node, and the property points at that name.
    private func expandGraphContainer(_ value: JSONValue, context: JSONLDActiveContext, term: JSONLDTermDefinition,
                                      graphName: RDFTerm?) {
        let items = value.array ?? [value]
        for (index, item) in items.enumerated() {
            if value.array != nil { path.push(index) }
            defer { if value.array != nil { path.pop() } }
            if case .object(let object) = item,
               object.members.contains(where: { if case .keyword(.graph) = meaning(of: $0.key, in: context) { return true }; return false }) {
                expandElement(item, context: context, property: term)
                continue
            }
            let mark = objects.count
            expandElement(item, context: context, property: term)
            objects.removeSubrange(mark..<objects.count)
            objects.append(graphName ?? freshBlank())
        }
    }

    // MARK: @reverse and @nest

    /// `"@reverse": {"dcat:dataset": {"@id": "catalog"}}`: the values point at the node.
    func expandReverse(_ value: JSONValue, of subject: RDFTerm, context: JSONLDActiveContext) {
        guard case .object(let map) = value else {
            problems.add("The `@reverse` at \(path.display) is \(JSONLDProblems.kind(value)), not an object; it was ignored.")
            return
        }
        for member in map.members {
            switch meaning(of: member.key, in: context) {
            case .property(let iri, let term):
                path.push(member.key)
                let mark = objects.count
                expandPropertyValue(member.value, context: context, term: term)
                var index = mark
                while index < objects.count {
                    // A reverse term inside @reverse points forward again.
                    if term?.isReverse == true {
                        emit(subject, iri, objects[index])
                    } else {
                        emitReverse(objects[index], iri, subject)
                    }
                    index += 1
                }
                objects.removeSubrange(mark..<objects.count)
                path.pop()
            case .undefined:
                problems.undefinedKey(member.key, at: pointer(appending: member.key))
            case .ignored:
                continue
            case .keyword, .blankProperty:
                problems.add("The key `\(member.key)` at \(pointer(appending: member.key)) is not a property; "
                    + "`@reverse` holds properties only, so it was ignored.")
            }
        }
    }

    /// `"@nest": {...}`: members that belong to the node itself, grouped for readability.
    func expandNest(_ value: JSONValue, of subject: RDFTerm, context: JSONLDActiveContext) {
        guard depth < Self.maxDepth else { return }
        depth += 1
        defer { depth -= 1 }
        let items = value.array ?? [value]
        for (index, item) in items.enumerated() {
            if value.array != nil { path.push(index) }
            defer { if value.array != nil { path.pop() } }
            guard case .object(let object) = item else {
                problems.add("The `@nest` value at \(path.display) is \(JSONLDProblems.kind(item)), not an object; it was ignored.")
                continue
            }
            for member in object.members {
                path.push(member.key)
                defer { path.pop() }
                switch meaning(of: member.key, in: context) {
                case .property(let iri, let term):
                    expandProperty(of: subject, iri: iri, term: term, value: member.value, context: context)
                case .keyword(.nest):
                    expandNest(member.value, of: subject, context: context)
                case .undefined:
                    problems.undefinedKey(member.key, at: path.display)
                case .ignored:
                    continue
                case .keyword, .blankProperty:
                    problems.add("The key `\(member.key)` at \(path.display) is not a property; `@nest` objects hold "
                        + "properties only, so it was ignored.")
                }
            }
        }
    }
}
