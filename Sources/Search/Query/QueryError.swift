/// Why a typed query could not be understood, pointing at the offending part (positions count characters from 1).
public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    case unclosedQuote(position: Int)
    case unclosedParenthesis(position: Int)
    case unexpectedClosingParenthesis(position: Int)
    case missingOperand(operator: String, position: Int)
    case missingValue(field: String, position: Int)
    case unknownField(name: String, position: Int)
    case badDate(field: String, value: String, position: Int)
    case badBox(value: String, position: Int, reason: String)
    case tooDeep(position: Int)
    case tooManyTerms(position: Int)
    case tooLong(length: Int)
    case onlyExclusions

    /// The most characters and terms a query may have, and how deep parentheses may nest.
    public static let maxLength = 2000
    public static let maxTerms = 64
    public static let maxDepth = 16

    /// Where the problem starts (1 is the first character), when it is at one place.
    public var position: Int? {
        switch self {
        case .unclosedQuote(let p), .unclosedParenthesis(let p), .unexpectedClosingParenthesis(let p), .tooDeep(let p),
             .tooManyTerms(let p):
            return p
        case .missingOperand(_, let p), .missingValue(_, let p), .unknownField(_, let p), .badDate(_, _, let p),
             .badBox(_, let p, _):
            return p
        case .tooLong, .onlyExclusions:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .unclosedQuote(let p):
            return "The quote at character \(p) is never closed; close the phrase with another \" or remove the quote."
        case .unclosedParenthesis(let p):
            return "The parenthesis opened at character \(p) is never closed; add a ) or remove the (."
        case .unexpectedClosingParenthesis(let p):
            return "The ) at character \(p) closes nothing; remove it or open a ( before it."
        case .missingOperand("-", let p):
            return "The - at character \(p) must be followed by what to exclude, as in -ground or -format:pdf."
        case .missingOperand(let op, let p):
            return "\(op) at character \(p) needs something to search for on both sides, as in 'bus \(op) tram'."
        case .missingValue(let field, let p):
            return "The field \(field): at character \(p) needs a value right after the colon, as in \(field):\(Self.example(field))."
        case .unknownField(let name, let p):
            let fields = QueryField.allCases.map(\.rawValue).joined(separator: ", ")
            return "There is no field '\(name):' (character \(p)); the fields are \(fields). Put the text in quotes to search for it as words."
        case .badDate(let field, let value, let p):
            return "The date in \(field):\(value) (character \(p)) is not understood; write a year, month or day (2023, 2023-04, "
                + "2023-04-01), optionally after >=, >, <= or <, or a range such as \(field):2020..2022."
        case .badBox(let value, let p, let reason):
            return "The box bbox:\(value) (character \(p)) is not usable: \(reason). Write bbox:minx,miny,maxx,maxy in degrees, "
                + "as in bbox:5.9,45.8,10.5,47.8."
        case .tooDeep(let p):
            return "The parentheses at character \(p) nest more than \(Self.maxDepth) deep; simplify the query."
        case .tooManyTerms(let p):
            return "The query has more than \(Self.maxTerms) terms (the one at character \(p) is one too many); shorten it."
        case .tooLong(let length):
            return "The query is \(length) characters long; the most a query may have is \(Self.maxLength)."
        case .onlyExclusions:
            return "The query only excludes things; add at least one word or field to look for."
        }
    }

    private static func example(_ field: String) -> String {
        switch field {
        case "modified", "issued": return ">=2023"
        case "bbox": return "5.9,45.8,10.5,47.8"
        case "format": return "csv"
        case "license": return "CC-BY-4.0"
        case "language": return "en"
        default: return "water"
        }
    }
}
