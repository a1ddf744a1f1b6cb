/// Context processing (JSON-LD 1.1 processing algorithms, section 4.1): builds the active context a local
/// `@context` makes. Never fails: a bad definition is reported and skipped, the rest of the context applies.
extension JSONLDExpander {
    /// Applies `local` (an object, an IRI string, null, or an array of these) on top of `active`.
    ///
    /// - Parameters:
    ///   - baseURL: what a relative context IRI resolves against: the document's base, or the IRI of the
    ///     bundled context being read.
    ///   - remote: the bundled contexts being read, innermost last (to stop cycles and ignore `@base`).
    ///   - propagate: false for type-scoped contexts, which do not reach nested node objects.
    func processContext(_ local: JSONValue, onto active: JSONLDActiveContext, baseURL: String?,
                        remote: [String] = [], propagate: Bool = true) -> JSONLDActiveContext {
        // A context with `"@propagate": false` behaves like a type-scoped one.
        let localPropagate = propagate && !Self.disablesPropagation(local)
        // Contexts handed out (the active one, cached bundled ones) are shared: copy before changing one.
        var result = active
        var owned = false
        let items: [JSONValue]
        if case .array(let array) = local { items = array } else { items = [local] }
        for (position, item) in items.enumerated() {
            let inArray = local.array != nil
            if inArray { path.push(position) }
            defer { if inArray { path.pop() } }
            switch item {
            case .null:
                let reset = JSONLDActiveContext(base: active.originalBase)
                if !localPropagate { reset.previous = result }
                result = reset
                owned = true
            case .string(let reference):
                result = applyRemoteContext(reference, onto: result, baseURL: baseURL, remote: remote)
                owned = false
            case .object(let object):
                if !owned {
                    result = JSONLDActiveContext(copying: result)
                    owned = true
                }
                applyContextObject(object, to: result, baseURL: baseURL, remote: remote)
            default:
                problems.add("The context at \(path.display) is \(JSONLDProblems.kind(item)); a context must be an object, "
                    + "an IRI string, null or an array of these, so it was ignored.")
            }
        }
        if !localPropagate && result.previous == nil {
            if !owned { result = JSONLDActiveContext(copying: result) }
            result.previous = active
        }
        return result
    }

    /// Reads a context given by IRI: from the bundled contexts only; never fetched.
    private func applyRemoteContext(_ reference: String, onto active: JSONLDActiveContext, baseURL: String?,
                                    remote: [String]) -> JSONLDActiveContext {
        let url = JSONLDIRI.resolve(reference, against: baseURL)
        if remote.contains(url) {
            problems.add("The context <\(url)> at \(path.display) includes itself; the inner reference was ignored.")
            return active
        }
        guard remote.count < 8 else {
            problems.add("Contexts at \(path.display) refer to one another more than 8 levels deep; <\(url)> was ignored.")
            return active
        }
        let key = RemoteContextKey(source: ObjectIdentifier(active), url: url)
        if let cached = remoteContextCache[key] { return cached.result }
        guard let bundled = JSONLDBundledContexts.context(for: url) else {
            let shown = reference == url ? "<\(url)>" : "`\(reference)` (<\(url)>)"
            problems.addOnce(key: "remote " + url,
                "The remote context \(shown) at \(path.display) is not one of the contexts bundled with fedcat, "
                + "and fedcat never fetches contexts: the document was read with the rest of its context, "
                + "so the terms it would define are dropped.")
            return active
        }
        let result = processContext(bundled, onto: active, baseURL: url, remote: remote + [url])
        remoteContextCache[key] = (active, result)
        return result
    }

    /// Applies one context object: its keywords, then every term definition.
    private func applyContextObject(_ object: JSONObject, to result: JSONLDActiveContext, baseURL: String?,
                                    remote: [String]) {
        var members = object.members
        if let imported = object["@import"] {
            members.removeAll { $0.key == "@import" }
            if let reference = imported.string {
                let url = JSONLDIRI.resolve(reference, against: baseURL)
                if case .object(let importedObject)? = JSONLDBundledContexts.context(for: url) {
                    members = importedObject.members + members
                } else {
                    problems.add("The context imported at \(path.display)/@import, <\(url)>, is not bundled with fedcat "
                        + "and was not fetched.")
                }
            } else {
                problems.add("The `@import` at \(path.display) is not a string and was ignored.")
            }
        }
        let builder = JSONLDContextBuilder(expander: self, result: result, members: members, baseURL: baseURL)
        for member in members {
            switch member.key {
            case "@base":
                guard remote.isEmpty else { continue }
                path.push("@base")
                builder.applyBase(member.value)
                path.pop()
            case "@vocab":
                path.push("@vocab")
                builder.applyVocab(member.value)
                path.pop()
            case "@language":
                path.push("@language")
                builder.applyLanguage(member.value)
                path.pop()
            default:
                continue
            }
        }
        for member in members where !JSONLDContextBuilder.contextKeywords.contains(member.key) {
            builder.define(member.key)
        }
    }
}

extension JSONLDExpander {
    /// True when `local` (or an object in it) says `"@propagate": false`.
    static func disablesPropagation(_ local: JSONValue) -> Bool {
        switch local {
        case .object(let object): return object["@propagate"]?.bool == false
        case .array(let items): return items.contains { $0.object?["@propagate"]?.bool == false }
        default: return false
        }
    }
}

/// Identifies a bundled context applied on top of one particular active context.
struct RemoteContextKey: Hashable {
    let source: ObjectIdentifier
    let url: String
}
