import Foundation

extension JSONLDReader {
    /// Reads a JSON-LD file a node at a time where its shape allows: a top-level array, or a top-level object whose
    /// `@graph` array comes after its `@context` (ckanext-dcat, piveau and the generator write dumps so), is read
    /// one element at a time with `JSONStream`, each expanded as soon as it is parsed; memory then holds one
    /// element and the context, not the document. Any other shape (no `@context` before `@graph`, an aliased
    /// `@graph`, other members before it) is read whole, as `read` does.
    ///
    /// Invalid JSON ends the read with its line and column; streamed, the elements before it have been delivered.
    public static func readFile(path: String, baseIRI: String, blankScope: String, into sink: (RDFTriple) -> Void) -> RDFReadReport {
        let source: JSONFileSource
        do { source = try JSONFileSource(path: path) } catch {
            return RDFReadReport(fatal: RDFSyntaxError(line: 0, column: 0, message: error.description))
        }
        return withoutActuallyEscaping(sink) { sink in
            let expander = JSONLDExpander(baseIRI: baseIRI.isEmpty ? nil : baseIRI, blankScope: blankScope, sink: sink)
            var context: JSONLDActiveContext? = nil
            var wholeNeeded = false
            var broken: RDFSyntaxError? = nil
            let outline: JSONStream.Outline
            do throws(JSONStreamError) {
                outline = try JSONStream.read(source, streaming: "@graph") { place, element in
                    if context == nil {
                        // Streamed only when `@context`, and nothing else, comes before `@graph` (one after could
                        // change what the graph means).
                        guard place.member == nil || place.preceding.keys == ["@context"] else {
                            wholeNeeded = true
                            return false
                        }
                        context = expander.streamedGraphContext(place.preceding["@context"])
                    }
                    switch element {
                    case .tooLarge(let size):
                        expander.problems.add("The node at \(place.pointer) (byte \(place.offset)) is \(size) bytes, larger than one node may be; it was skipped.")
                    case .bytes(let bytes):
                        do throws(JSONParseError) {
                            let value = try JSONParser.parse(bytes)
                            expander.expandStreamedGraphElement(value, at: place, context: context!)
                        } catch {
                            // Reads the file again from its start; harmless, since the stream stops here.
                            let (line, column) = JSONStream.locate(place.offset + error.byteOffset, in: source)
                            broken = RDFSyntaxError(line: line, column: column, message: "The document is not valid JSON: \(error.message).")
                            return false
                        }
                    }
                    return true
                }
            } catch {
                if case .syntax(let syntax) = error { return RDFReadReport(triples: expander.triples, problems: expander.problems.finish(), fatal: notJSON(syntax)) }
                return RDFReadReport(triples: expander.triples, problems: expander.problems.finish(),
                                     fatal: RDFSyntaxError(line: 0, column: 0, message: error.description))
            }
            if wholeNeeded {
                guard let data = FileManager.default.contents(atPath: path) else {
                    return RDFReadReport(fatal: RDFSyntaxError(line: 0, column: 0, message: "the file \(path) cannot be read"))
                }
                return read(file: data, baseIRI: baseIRI, blankScope: blankScope, into: sink)
            }
            if let broken { return RDFReadReport(triples: expander.triples, problems: expander.problems.finish(), fatal: broken) }
            if case .object(let members) = outline.root, outline.streamed == nil || members.keys.contains(where: { $0 != "@context" }) {
                // Nothing was streamed (the document is its members), or members beside the graph describe a node:
                // expanded as the document less its graph.
                expander.expandDocument(.object(members))
            } else if case .scalar(let value) = outline.root {
                expander.expandDocument(value)
            }
            return RDFReadReport(triples: expander.triples, problems: expander.problems.finish())
        }
    }
}

extension JSONLDExpander {
    /// The active context of a streamed `@graph`: the document's `@context`, processed as `expandObject` does.
    func streamedGraphContext(_ local: JSONValue?) -> JSONLDActiveContext {
        let initial = JSONLDActiveContext(base: documentBase)
        guard let local else { return initial }
        path.push("@context")
        defer { path.pop() }
        return processContext(local, onto: initial, baseURL: documentBase)
    }

    /// Expands one streamed element, at the depth and path it has in the whole document (`/@graph/17`, or `/17` in a
    /// top-level array), as the expansion of the whole document does for each element.
    func expandStreamedGraphElement(_ element: JSONValue, at place: JSONStream.Place, context: JSONLDActiveContext) {
        let levels = place.member == nil ? 1 : 2
        depth += levels
        if let member = place.member { path.push(member) }
        path.push(place.index)
        expandElement(element, context: context, property: nil)
        path.pop()
        if place.member != nil { path.pop() }
        depth -= levels
        objects.removeAll(keepingCapacity: true)
    }
}
