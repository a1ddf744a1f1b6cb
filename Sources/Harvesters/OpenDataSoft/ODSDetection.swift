import FeedParsing

/// Recognises an OpenDataSoft portal: an Explore API catalogue page at the URL itself, or
/// `/api/explore/v2.1/catalog/datasets` answering `total_count` and `results`.
struct ODSDetection: DocumentDetector {
    let kind = "opendatasoft"
    let name = "OpenDataSoft"

    func probePaths(for look: FirstLook) -> [String] { ["/api/explore/v2.1/catalog/datasets?limit=1"] }

    /// What an Explore API answer is, or nil when it is not one.
    func describe(_ look: FirstLook) -> String? {
        guard let envelope = try? ODSEnvelope.parse(look.response.body) else { return nil }
        let total = envelope.totalCount.map { " total_count \($0)" } ?? ""
        switch envelope.shape {
        case .v21:
            guard look.json?["total_count"] != nil, envelope.datasets.allSatisfy({ ODSEnvelope.isDataset($0.value) }) else { return nil }
            return "an Explore API v2.1 catalogue page with\(total.isEmpty ? " results" : total)"
        case .v20:
            guard look.json?["total_count"] != nil else { return nil }
            return "an Explore API v2.0 catalogue page with\(total.isEmpty ? " datasets" : total)"
        case .v1Search:
            guard look.json?["nhits"] != nil else { return nil }
            return "an Explore API v1 search with nhits \(envelope.totalCount ?? 0)"
        case .export:
            return nil
        case .dataset:
            let id = look.json?["dataset_id"]?.scalarText ?? look.json?["datasetid"]?.scalarText ?? "?"
            return "one Explore API dataset ('\(id)' with its metas)"
        }
    }
}
