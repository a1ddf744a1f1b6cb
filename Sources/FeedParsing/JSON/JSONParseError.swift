/// Why and where a document is not valid JSON; its description is a full sentence.
///
/// `byteOffset` is 0-based into the input bytes (a leading BOM counts); `line` and `column`
/// are 1-based, lines end at LF, and columns count Unicode scalars, like Python's `json`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of syntax error.
    public enum Reason: Sendable, Equatable {
        /// The input is empty or holds only whitespace (and perhaps a BOM).
        case emptyDocument
        /// The input ends in the middle of a value.
        case unexpectedEnd
        /// A value was expected but this byte cannot start one (e.g. `'`, `+`, `.`, `N`).
        case unexpectedCharacter(UInt8)
        /// Something starting with `t`, `f` or `n` that is not `true`, `false` or `null`.
        case invalidLiteral
        /// A number that breaks the grammar: `01`, `1.`, `-`, `1e`, `-Infinity`.
        case invalidNumber
        /// A backslash escape that is not one of `\" \\ \/ \b \f \n \r \t \uXXXX`.
        case invalidEscape
        /// A string whose closing quote is missing; the position is its opening quote.
        case unterminatedString
        /// An object member name was expected (a string in double quotes) but this byte was found.
        case expectedKey(found: UInt8)
        /// A `:` was expected after a member name but this byte was found.
        case missingColon(found: UInt8)
        /// A `,` or the closing bracket was expected after an element but this byte was found.
        case missingComma(found: UInt8, closing: UInt8)
        /// A comma directly before the closing `}` or `]`; the position is the closing bracket.
        case trailingComma(closing: UInt8)
        /// Arrays and objects are nested deeper than the limit (the associated value).
        case tooDeep(Int)
        /// Something other than whitespace follows the top-level value.
        case trailingContent
        /// The document is larger than an in-memory parse takes (4 GB; the associated value is its size in bytes).
        case tooLarge(Int)
    }

    /// What is wrong.
    public let reason: Reason
    /// 0-based offset of the offending byte in the input.
    public let byteOffset: Int
    /// 1-based line of the offending byte.
    public let line: Int
    /// 1-based column (in Unicode scalars) of the offending byte.
    public let column: Int

    /// Creates an error; the parser computes line and column from the byte offset.
    public init(reason: Reason, byteOffset: Int, line: Int, column: Int) {
        self.reason = reason
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
    }

    /// The problem as a sentence fragment without the location, e.g.
    /// "a trailing comma before '}' is not allowed".
    public var message: String {
        switch reason {
        case .emptyDocument:
            return "the document is empty; expected a JSON value"
        case .unexpectedEnd:
            return "the document ends before the value is complete"
        case .unexpectedCharacter(let byte):
            return "unexpected \(Self.describe(byte)); expected a value (object, array, string, number, true, false or null)"
        case .invalidLiteral:
            return "invalid literal; expected true, false or null"
        case .invalidNumber:
            return "invalid number; JSON numbers have an optional '-', digits without leading zeros, an optional fraction and an optional exponent"
        case .invalidEscape:
            return "invalid escape sequence in a string; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits"
        case .unterminatedString:
            return "a string starting here is never closed"
        case .expectedKey(let byte):
            return "expected a member name in double quotes, found \(Self.describe(byte))"
        case .missingColon(let byte):
            return "expected ':' after the member name, found \(Self.describe(byte))"
        case .missingComma(let byte, let closing):
            return "expected ',' or '\(Character(Unicode.Scalar(closing)))' after the \(closing == UInt8(ascii: "}") ? "object member" : "array element"), found \(Self.describe(byte)) (a comma may be missing)"
        case .trailingComma(let closing):
            return "a trailing comma before '\(Character(Unicode.Scalar(closing)))' is not allowed"
        case .tooDeep(let limit):
            return "arrays and objects are nested more than \(limit) levels deep"
        case .trailingContent:
            return "unexpected content after the end of the top-level value"
        case .tooLarge(let size):
            return "the document is \(size) bytes long, more than the 4 GB a document parsed in memory may be; it must be read as a stream"
        }
    }

    /// A full sentence, e.g. "Invalid JSON at line 78, column 13 (byte 2453): a trailing
    /// comma before '}' is not allowed."
    public var description: String {
        "Invalid JSON at line \(line), column \(column) (byte \(byteOffset)): \(message)."
    }

    /// A readable name for a byte: `'x'` for printable ASCII, otherwise its hex value.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x20: return "a space"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }

    /// Builds an error for `offset`, computing line and column by scanning `bytes`.
    static func at(_ offset: Int, _ reason: Reason, in bytes: UnsafeBufferPointer<UInt8>) -> JSONParseError {
        let limit = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        // A BOM is not part of the first line's columns.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF && limit >= 3 {
            lineStart = 3
        }
        var index = lineStart
        while index < limit {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < limit {
            // Count scalars: every byte except UTF-8 continuation bytes.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return JSONParseError(reason: reason, byteOffset: offset, line: line, column: column)
    }
}
