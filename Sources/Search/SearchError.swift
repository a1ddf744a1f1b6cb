/// Why a search could not run.
public enum SearchError: Error, Sendable, CustomStringConvertible {
    case query(QueryError)
    case badLimit(Int)
    case store(String)

    public var description: String {
        switch self {
        case .query(let error):
            return error.description
        case .badLimit(let limit):
            return "The limit \(limit) is out of range: use 1 to 1000."
        case .store(let reason):
            return reason
        }
    }
}
