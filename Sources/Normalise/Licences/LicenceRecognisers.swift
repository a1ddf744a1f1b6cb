/// Licences read from their structure rather than from a listed alias: Creative Commons URLs in every form, and
/// licence names in free text (`CC BY 4.0`, `Creative Commons Namensnennung 3.0 Deutschland`, `OGL v3`, …).
enum LicenceRecognisers {
    // MARK: Creative Commons URLs

    /// CC URL path codes and the SPDX spelling of their elements (1.0 wrote `by-nd-nc`).
    private static let ccCodes: [String: String] = [
        "by": "by", "by-sa": "by-sa", "by-nd": "by-nd", "by-nc": "by-nc", "by-nc-sa": "by-nc-sa",
        "by-nc-nd": "by-nc-nd", "by-nd-nc": "by-nc-nd", "sa": "sa",
    ]

    /// `creativecommons.org/licenses/<code>/<version>[/<jurisdiction>][/legalcode|/deed.xx]`,
    /// `creativecommons.org/publicdomain/zero/1.0`, `…/publicdomain/mark/1.0`, and the licence badges
    /// `licensebuttons.net/l/<code>/<version>[/<jurisdiction>]/88x31.png`. Segments are lower-cased, host first.
    static func creativeCommonsURL(_ segments: [String]) -> LicenceMatcher.Reading? {
        guard segments.count >= 2 else { return nil }
        var path = segments.dropFirst()
        if segments[0] != "creativecommons.org" {
            // Badges: l/<code>/… for licences, p/<zero|mark>/… for public domain tools.
            guard let first = path.first, first == "l" || first == "p" else { return nil }
            path = path.dropFirst()
            if first == "p" { path = ArraySlice(["publicdomain"] + path) }
        } else if path.first == "licenses" {
            path = path.dropFirst()
        } else if path.first == "public-domain", path.dropFirst().first == "cc0" {
            return LicenceMatcher.known("cc0-1.0", kind: "cc-uri")
        }
        guard let code = path.first else { return nil }
        if code == "publicdomain" {
            switch path.dropFirst().first {
            case "zero": return LicenceMatcher.known("cc0-1.0", kind: "cc-uri")
            case "mark": return LicenceMatcher.known("cc-pdm-1.0", kind: "cc-uri")
            case nil where segments[0] == "creativecommons.org" && segments.count == 3:
                return LicenceMatcher.known("cc-pddc", kind: "cc-uri") // creativecommons.org/licenses/publicdomain
            default: return nil
            }
        }
        guard let elements = ccCodes[code] else { return nil }
        let rest = Array(path.dropFirst())
        // A version CC never published (…/by/9.9/) is not a licence.
        if let first = rest.first, first.first?.isNumber == true, !isVersion(first) { return nil }
        let version = rest.first.flatMap { isVersion($0) ? $0 : nil }
        let jurisdiction = version == nil ? nil : rest.dropFirst().first.flatMap { isJurisdiction($0) ? $0 : nil }
        return creativeCommons(elements, version: version, jurisdiction: jurisdiction, kind: "cc-uri")
    }

    /// The CC licence with `elements` (`by-nc-sa`), `version` (`4.0`) and `jurisdiction` (`de`, `igo`): the ported
    /// SPDX id when it exists (`CC-BY-3.0-DE`), else the generic one with `.ported-generic` in the rule name; the
    /// unversioned family when no version was given.
    static func creativeCommons(_ elements: String, version: String?, jurisdiction: String?, kind: String)
        -> LicenceMatcher.Reading?
    {
        guard let version else { return LicenceMatcher.known("cc-\(elements)", kind: kind) }
        if let jurisdiction {
            if let reading = LicenceMatcher.known("cc-\(elements)-\(version)-\(jurisdiction)", kind: kind) { return reading }
            return LicenceMatcher.known("cc-\(elements)-\(version)", kind: kind + ".ported-generic")
        }
        return LicenceMatcher.known("cc-\(elements)-\(version)", kind: kind)
    }

    private static func isVersion(_ segment: String) -> Bool {
        ["1.0", "2.0", "2.1", "2.5", "3.0", "4.0"].contains(segment)
    }

    private static func isJurisdiction(_ segment: String) -> Bool {
        (2...8).contains(segment.count) && segment.allSatisfy { $0.isASCII && $0.isLetter }
            && !segment.hasPrefix("deed") && !segment.hasPrefix("legalcode") && segment != "rdf"
    }

    // MARK: Free text

    /// A licence named in free text, from its words (already `LicenceKeys.textTokens`).
    static func text(_ tokens: [String]) -> LicenceMatcher.Reading? {
        let words = Set(tokens)
        return creativeCommonsText(tokens, words) ?? openDataCommons(tokens, words) ?? openGovernment(tokens, words)
            ?? licenceOuverte(tokens, words) ?? datenlizenz(tokens, words) ?? italian(tokens, words) ?? eupl(tokens, words)
    }

    private static let versions: Set<String> = ["1.0", "1.1", "1.2", "2.0", "2.1", "2.5", "3.0", "4.0"]

    private static func version(_ tokens: [String]) -> String? {
        tokens.first { versions.contains($0) }
    }

    /// True when `phrase` appears in `tokens` as consecutive words.
    private static func has(_ tokens: [String], _ phrase: String...) -> Bool {
        guard phrase.count <= tokens.count else { return false }
        return (0...(tokens.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { tokens[start + $0] == phrase[$0] }
        }
    }

    private static let attributionWords: Set<String> = [
        "by", "attribution", "namensnennung", "attribuzione", "paternite", "reconocimiento", "naamsvermelding",
        "atribucion", "atribuicao", "navngivelse", "erkannande", "nimea", "uznanie", "atribuire", "imenovanje",
        "priznanje", "uvedte", "nevezd", "atsaucoties", "priskyrimas", "ccby",
    ]
    private static let shareAlikeWords: Set<String> = [
        "sa", "sharealike", "share", "alike", "weitergabe", "condividi", "partage", "compartirigual", "gelijk",
    ]
    private static let ccJurisdictions: [String: String] = [
        "australia": "au", "austria": "at", "osterreich": "at", "germany": "de", "deutschland": "de",
        "netherlands": "nl", "nederland": "nl", "france": "fr", "england": "uk", "wales": "uk", "japan": "jp",
        "italy": "it", "italia": "it", "zealand": "nz", "spain": "es", "espana": "es", "igo": "igo",
        "intergovernmental": "igo", "canada": "ca", "switzerland": "ch", "schweiz": "ch", "suisse": "ch",
        "brazil": "br", "brasil": "br", "portugal": "pt", "poland": "pl", "polska": "pl", "belgium": "be",
        "ireland": "ie", "scotland": "scotland", "states": "us",
    ]

    /// `Creative Commons Attribution 4.0 International`, `CC BY-SA 4.0`, `CC-BY 4.0`, `cc-by-4`,
    /// `Creative Commons Attribution 3.0 Australia`, `CC0 1.0`, `Creative Commons Non-Commercial (Any)`.
    private static func creativeCommonsText(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        guard has(tokens, "creative", "commons") || words.contains("cc") || words.contains("cc0")
            || words.contains("cczero") || words.contains("ccby") else { return nil }
        if words.contains("cc0") || words.contains("zero") || words.contains("cczero") {
            return LicenceMatcher.known("cc0-1.0", kind: "text")
        }
        if words.contains("mark"), has(tokens, "public", "domain") {
            return LicenceMatcher.known("cc-pdm-1.0", kind: "text")
        }
        var attribution = !words.isDisjoint(with: attributionWords)
        let shareAlike = !words.isDisjoint(with: shareAlikeWords)
        let nonCommercial = tokens.contains { $0 == "nc" || $0.contains("commerc") || $0.contains("kommerz")
            || $0.contains("comerc") || $0.contains("komerc") }
        let noDerivatives = tokens.contains { $0 == "nd" || $0.contains("deriv") || $0 == "bearbeitung"
            || $0 == "modification" }
        // From 2.0 on, every CC licence requires attribution: "Non-Commercial (Any)" means BY-NC.
        if !attribution, shareAlike || nonCommercial || noDerivatives { attribution = true }
        guard attribution, !(shareAlike && noDerivatives) else { return nil }
        let elements = "by" + (nonCommercial ? "-nc" : "") + (shareAlike ? "-sa" : "") + (noDerivatives ? "-nd" : "")
        var version = version(tokens)
        var jurisdiction = tokens.lazy.compactMap { ccJurisdictions[$0] }.first
        if jurisdiction == nil, let version, let position = tokens.firstIndex(of: version), position + 1 < tokens.count,
           tokens[position + 1].count == 2, tokens[position + 1].allSatisfy(\.isLetter) {
            jurisdiction = tokens[position + 1] // "3.0 de"
        }
        if jurisdiction == "igo", version == nil { version = "3.0" } // CC's IGO ports exist only for 3.0
        return creativeCommons(elements, version: version, jurisdiction: jurisdiction, kind: "text")
    }

    /// `Open Database License (ODbL)`, `ODC-By`, `PDDL`.
    private static func openDataCommons(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        if words.contains("odbl") || has(tokens, "open", "database") { return LicenceMatcher.known("odbl-1.0", kind: "text") }
        if words.contains("pddl") { return LicenceMatcher.known("pddl-1.0", kind: "text") }
        if (words.contains("odc") && words.contains("by")) || (has(tokens, "open", "data", "commons") && words.contains("attribution")) {
            return LicenceMatcher.known("odc-by-1.0", kind: "text")
        }
        return nil
    }

    /// `Open Government Licence v3.0`, `OGL 2`, `UK OGL`, `Open Government Licence - Canada`.
    private static func openGovernment(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        guard words.contains("ogl") || has(tokens, "open", "government") else { return nil }
        // Other governments' licences of the same name, and the Taiwan Open Government Data License.
        let others: Set<String> = ["ontario", "alberta", "columbia", "nova", "scotia", "quebec", "yukon", "hong", "kong",
                                   "data", "taiwan"]
        guard words.isDisjoint(with: others) else { return nil }
        if words.contains("canada") { return LicenceMatcher.known("ogl-canada-2.0", kind: "text") }
        switch version(tokens) {
        case "1.0": return LicenceMatcher.known("ogl-uk-1.0", kind: "text")
        case "2.0": return LicenceMatcher.known("ogl-uk-2.0", kind: "text")
        case "3.0": return LicenceMatcher.known("ogl-uk-3.0", kind: "text")
        case nil: return LicenceMatcher.known("ogl-uk", kind: "text")
        default: return nil
        }
    }

    /// `Licence Ouverte Version 2.0`, `Licence Ouverte (Etalab)`, `Soumis à la licence Etalab`.
    private static func licenceOuverte(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        guard words.contains("ouverte") || words.contains("etalab") else { return nil }
        switch version(tokens) {
        case "1.0": return LicenceMatcher.known("licence-ouverte-1.0", kind: "text")
        case "2.0": return LicenceMatcher.known("etalab-2.0", kind: "text")
        case nil: return LicenceMatcher.known("licence-ouverte", kind: "text")
        default: return nil
        }
    }

    /// `Datenlizenz Deutschland – Namensnennung – Version 2.0`, `Data licence Germany – zero – version 2.0`, `DL-DE BY 2.0`.
    private static func datenlizenz(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        guard words.contains("datenlizenz") || (words.contains("dl") && words.contains("de"))
            || (words.contains("data") && words.contains("germany")) else { return nil }
        let version = version(tokens)
        if words.contains("zero") { return version == nil || version == "2.0" ? LicenceMatcher.known("dl-de-zero-2.0", kind: "text") : nil }
        let nonCommercial = words.contains("nc") || tokens.contains { $0.contains("kommerz") || $0.contains("commerc") }
        guard nonCommercial || words.contains("by") || words.contains("namensnennung") || words.contains("attribution") else {
            return nil
        }
        switch (nonCommercial, version) {
        case (true, "1.0"), (true, nil): return LicenceMatcher.known("dl-de-by-nc-1.0", kind: "text")
        case (false, "1.0"): return LicenceMatcher.known("dl-de-by-1.0", kind: "text")
        case (false, "2.0"): return LicenceMatcher.known("dl-de-by-2.0", kind: "text")
        case (false, nil): return LicenceMatcher.known("dl-de-by", kind: "text")
        default: return nil
        }
    }

    /// `Italian Open Data License v2.0`, `IODL 2.0`.
    private static func italian(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        guard words.contains("iodl") || has(tokens, "italian", "open", "data") else { return nil }
        switch version(tokens) {
        case "1.0": return LicenceMatcher.known("iodl-1.0", kind: "text")
        case "2.0": return LicenceMatcher.known("iodl-2.0", kind: "text")
        case nil: return LicenceMatcher.known("iodl", kind: "text")
        default: return nil
        }
    }

    /// `EUPL v1.2`, `European Union Public Licence 1.1`.
    private static func eupl(_ tokens: [String], _ words: Set<String>) -> LicenceMatcher.Reading? {
        guard words.contains("eupl") || has(tokens, "european", "union", "public") else { return nil }
        guard let version = version(tokens), ["1.0", "1.1", "1.2"].contains(version) else { return nil }
        return LicenceMatcher.known("eupl-\(version)", kind: "text")
    }
}
