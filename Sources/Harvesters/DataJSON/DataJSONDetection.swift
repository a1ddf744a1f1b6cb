import FeedParsing

/// Recognises a DCAT-US data.json: a catalogue (`dataset` list, `conformsTo` naming Project Open Data or
/// DCAT-US) or a Project Open Data 1.0 bare array of datasets, at the URL itself or at `/data.json`.
struct DataJSONDetection: DocumentDetector {
    let kind = "datajson"
    let name = "data.json"

    func probePaths(for look: FirstLook) -> [String] { ["/data.json"] }

    func registeredURL(probed: String, look: FirstLook) -> String { probed }

    /// What a data.json document is, or nil when it is not one.
    func describe(_ look: FirstLook) -> String? {
        guard let json = look.json else { return nil }
        if let array = json.array {
            // POD 1.0: objects with the POD required fields, not any list of objects.
            guard !array.isEmpty, array.allSatisfy({ $0["identifier"] != nil && $0["title"] != nil
                    && ($0["accessLevel"] != nil || $0["keyword"] != nil || $0["distribution"] != nil) }) else { return nil }
            return "a Project Open Data 1.0 array of \(array.count) dataset\(array.count == 1 ? "" : "s")"
        }
        guard let object = json.object else { return nil }
        if object["@context"] == nil, ["Dataset", "dcat:Dataset"].contains(object["@type"]?.string ?? ""),
           object["title"] != nil, object["identifier"] != nil || object["@id"] != nil {
            return "a single DCAT-US dataset (@type \(object["@type"]?.string ?? ""), no catalogue around it)"
        }
        let conformsText = object["conformsTo"].map { JSONWriter.string($0) } ?? ""
        let named = ["project-open-data", "dcat-us", "resources.data.gov"].contains { conformsText.lowercased().contains($0) }
        let listed = object["dataset"]?.array != nil || object["catalog"]?.array != nil || object["datasetSeries"]?.array != nil
        guard listed, named || object["@type"]?.string == "dcat:Catalog",
              let catalog = try? DataJSONCatalog.parse(look.response.body) else { return nil }
        let count = catalog.datasets.count
        let standard = catalog.conformsTo.map { " (conformsTo \($0))" } ?? " (@type dcat:Catalog)"
        return "a data.json catalogue with \(count) dataset\(count == 1 ? "" : "s")\(standard)"
    }
}
