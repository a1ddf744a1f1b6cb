public import CatalogStore
public import Search
import Foundation

/// What the routes read: the store opened read-only and a search engine over it. Store failures are logged on stderr
/// and become a generic 500; query mistakes become a 400 naming the parameter that carried the query.
public struct Catalogue: Sendable {
    public let store: CatalogStore
    public let engine: SearchEngine
    /// `/data.json`'s contact e-mail for datasets none of whose records has one (`fedcat serve --contact-email`).
    public var contactEmail: String?

    public init(store: CatalogStore, contactEmail: String? = nil) {
        self.store = store
        self.engine = SearchEngine(store: store)
        self.contactEmail = contactEmail
    }

    /// Runs a search; `parameter` is the name the query text came in (`q`, `fq`) and `limitParameter` the page size's.
    func search(_ request: SearchRequest, parameter: String = "q", limitParameter: String = "limit") async throws -> SearchResults {
        let engine = self.engine
        let outcome: Result<SearchResults, SearchError> = try await Blocking.run {
            Result { () throws(SearchError) -> SearchResults in try engine.search(request) }
        }
        switch outcome {
        case .success(let results):
            return results
        case .failure(.query(let error)):
            throw ServerError.badParameter(name: parameter, reason: "is not a valid query: \(error.description)")
        case .failure(.badLimit(let limit)):
            throw ServerError.badParameter(name: limitParameter, reason: "must be 1 to 1000, not \(limit).")
        case .failure(.store(let reason)):
            throw internalFailure(reason)
        }
    }

    /// The records with these ids, in order.
    func records(_ ids: [String]) async throws -> [StoredRecord] {
        let store = self.store
        do { return try await Blocking.run { try store.records(ids) } } catch { throw internalFailure("\(error)") }
    }

    /// The record `id` names (a fedcat id, a local id or an identifier), nil when none does.
    func record(_ id: String) async throws -> StoredRecord? {
        let store = self.store
        do { return try await Blocking.run { try store.record(id) } } catch { throw internalFailure("\(error)") }
    }

    /// Runs a read of the store's own; its failure is logged and answered with a generic 500.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (CatalogStore) throws -> T) async throws -> T {
        let store = self.store
        do { return try await Blocking.run { try body(store) } } catch let error as ServerError { throw error } catch {
            throw internalFailure("\(operation): \(error)")
        }
    }

    /// Logs the real reason on stderr; the client sees only the generic sentence.
    func internalFailure(_ reason: String) -> ServerError {
        try? FileHandle.standardError.write(contentsOf: Data("fedcat serve: \(reason)\n".utf8))
        return .internalError
    }
}
