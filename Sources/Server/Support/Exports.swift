import Export
import Foundation
import Hummingbird

/// Answers with one of `fedcat export`'s formats, written in memory for one request: the selection's datasets, or one
/// page of them with hydra links. IRIs are based on the server's own URL, so dataset IRIs resolve (`/dataset/{id}`).
struct Exports: Sendable {
    let catalogue: Catalogue

    /// The paging a request asks for.
    struct Paging: Sendable {
        var number: Int
        var size: Int
        /// The URL of page `n`.
        var address: @Sendable (Int) -> String
    }

    /// What an export wrote, or the last page when the page asked for lies past it.
    private enum Written: Sendable {
        case bytes([UInt8], type: String)
        case pastLast(Int)
    }

    /// Writes `format` (an `ExporterRegistry` name) for `selection`; `paging` cuts one page out of it.
    func answer(format: String, selection: ExportSelection, request: Request, paging: Paging?) async throws -> Response {
        let store = catalogue.store
        let contactEmail = catalogue.contactEmail
        let base = request.baseURL
        let outcome: Result<Written, ExportError> = try await Blocking.run {
            Result { () throws(ExportError) -> Written in
                let exporter = try ExporterRegistry.exporter(for: format)
                var reader = try ExportReader(store: store, selection: selection, iris: try IRIScheme(base: base + "/"))
                reader.contactEmail = contactEmail
                var page: ExportPage?
                if let paging {
                    let exportPage = ExportPage(number: paging.number, size: paging.size, total: try reader.count(), address: paging.address)
                    if exportPage.number > exportPage.last { return .pastLast(exportPage.last) }
                    page = exportPage
                }
                let sink = MemorySink()
                try exporter.write(reader, page: page, to: sink)
                return .bytes(sink.bytes, type: exporter.format.mediaType)
            }
        }
        switch outcome {
        case .success(.bytes(let bytes, let type)):
            return Responses.bytes(bytes, type: type + "; charset=utf-8")
        case .success(.pastLast(let last)):
            throw ServerError.badParameter(name: "page", reason: "is past the last page, \(last).")
        case .failure(.badQuery(_, let reason)):
            throw ServerError.badParameter(name: "q", reason: "is not a valid query: \(reason)")
        case .failure(.badSince):
            throw ServerError.badParameter(name: "modified_since", reason: "must be a date like 2024-01-31 or a date-time like 2024-01-31T12:00:00Z.")
        case .failure(let error):
            throw catalogue.internalFailure("export \(format): \(error.description)")
        }
    }
}
