public import FeedParsing

/// What a data.json dataset breaks of DCAT-US while it can still be harvested: each becomes a warning with the JSON
/// pointer of the field, so a portal operator sees what a schema validator (and data.gov's harvester) would reject.
///
/// - `datajson.dataset.missing-required`: fields the schema requires that are absent, null or empty. DCAT-US 1.1
///   (`../shared/validation/dcat-us/1.1/datagov-harvester/non-federal_dataset.json`) requires title, description,
///   keyword, modified, publisher, contactPoint, identifier and accessLevel; DCAT-US 3.0 (`3.0/datagov-harvester`)
///   title, description, contactPoint and identifier. A dataset is read as 3.0 when its `@type` is `Dataset`
///   (1.1 writes `dcat:Dataset`). A missing identifier or title has its own code (`DataJSONMapper`). POD 1.0's
///   `mbox` stands for `contactPoint`.
/// - `datajson.dataset.reserved-title`: a title CKAN cannot turn into a dataset name (`new`, `edit`, `search`, which
///   CKAN's `name_validator` refuses): CKAN-based harvesters of the catalogue, data.gov's among them, reject it.
/// - `datajson.dataset.licence-html`: a `license` holding HTML (ArcGIS Hub publishes terms of use there) where a
///   licence URI belongs; normalising turns it into text (`HTMLTextRule`).
/// - `datajson.distribution.bad-url`: an `accessURL` or `downloadURL` that is not an absolute URL
///   (`//////not-a-url.example.com/`).
enum DataJSONChecks {
    static let requiredV11 = ["title", "description", "keyword", "modified", "publisher", "contactPoint", "identifier", "accessLevel"]
    static let requiredV30 = ["title", "description", "contactPoint", "identifier"]
    /// The names CKAN's `name_validator` refuses.
    static let reservedNames: Set<String> = ["new", "edit", "search"]

    static func check(_ dataset: JSONObject, title: String, location: String, issues: inout IssueCollector) {
        let isV30 = dataset["@type"]?.string == "Dataset"
        let required = isV30 ? requiredV30 : requiredV11
        // Title and identifier have their own codes.
        let missing = required.filter { field in
            guard field != "title", field != "identifier" else { return false }
            if field == "contactPoint", isPresent(dataset["mbox"]) { return false }
            return !isPresent(dataset[field])
        }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            issues.warning("datajson.dataset.missing-required",
                           "the dataset lacks \(missing.count == 1 ? "a field" : "fields") DCAT-US \(isV30 ? "3.0" : "1.1") requires: \(names); it was harvested without \(missing.count == 1 ? "it" : "them").",
                           at: location)
        }
        if reservedNames.contains(title.lowercased()) {
            issues.warning("datajson.dataset.reserved-title",
                           "the title '\(title)' is a name CKAN keeps for its own pages (new, edit, search): CKAN-based harvesters of this catalogue, data.gov's among them, refuse the dataset.",
                           at: "\(location)/title")
        }
        if let licence = dataset["license"]?.string, looksLikeHTML(licence) {
            issues.warning("datajson.dataset.licence-html",
                           "'license' holds \(licence.count) characters of HTML, not a licence URI; its text is kept as the licence.",
                           at: "\(location)/license")
        }
    }

    /// Checks a distribution's URLs (`index` in the dataset's `distribution` list).
    static func checkURLs(_ distribution: JSONValue, index: Int, location: String, issues: inout IssueCollector) {
        for field in ["accessURL", "downloadURL"] {
            guard let url = distribution[field]?.string, !url.isEmpty, !isAbsoluteURL(url) else { continue }
            issues.warning("datajson.distribution.bad-url",
                           "distribution \(index) has \(field) '\(url.prefix(200))', which is not an absolute URL; it is kept as published.",
                           at: "\(location)/distribution/\(index)/\(field)")
        }
    }

    /// A value that says something: not absent, null, blank text, an empty list or an empty object.
    static func isPresent(_ value: JSONValue?) -> Bool {
        guard let value, !value.isNull else { return false }
        if let text = value.string { return !text.trimmed.isEmpty }
        if let array = value.array { return !array.isEmpty }
        if let object = value.object { return !object.isEmpty }
        return true
    }

    /// A scheme (`http:`, `ftp:`, `mailto:`…) and, for the schemes with an authority, a host after `//`.
    static func isAbsoluteURL(_ text: String) -> Bool {
        let trimmed = text.trimmed
        guard IRIResolver.isAbsolute(trimmed), let colon = trimmed.firstIndex(of: ":") else { return false }
        let rest = trimmed[trimmed.index(after: colon)...]
        switch trimmed[..<colon].lowercased() {
        case "http", "https", "ftp", "ftps", "sftp":
            guard rest.hasPrefix("//") else { return false }
            let host = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty
        default:
            return !rest.isEmpty
        }
    }

    /// Text with an HTML tag in it (`<p`, `<span`, `</div>`, `<br/>`).
    static func looksLikeHTML(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "<") else { continue }
            guard let next = bytes.next() else { return false }
            if next == UInt8(ascii: "/") || (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "z")) { return true }
        }
        return false
    }
}
