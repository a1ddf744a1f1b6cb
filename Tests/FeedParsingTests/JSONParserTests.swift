import FeedParsing
import Foundation
import TestSupport
import Testing

/// The fuzz tests' generator (SplitMix64, in TestSupport).
typealias JSONTestRNG = SeededRandom

/// Parses `text`, returning the error or nil when it parses.
func jsonParseError(_ text: String, options: JSONParser.Options = .init()) -> JSONParseError? {
    jsonParseError(bytes: Array(text.utf8), options: options)
}

/// Parses `bytes`, returning the error or nil when they parse.
func jsonParseError(bytes: [UInt8], options: JSONParser.Options = .init()) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, options: options)
        return nil
    } catch {
        return error
    }
}

private func num(_ literal: String) -> JSONValue {
    .number(JSONNumber(literal: literal)!)
}

private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

@Suite("JSONParser")
struct JSONParserTests {
    // MARK: Scalars and structure

    static let scalarCases: [(String, JSONValue)] = [
        ("null", .null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", num("0")),
        ("-0", num("-0")),
        ("42", num("42")),
        ("-1.5e3", num("-1.5e3")),
        ("1E+2", num("1E+2")),
        ("0.001", num("0.001")),
        ("43008.0", num("43008.0")),
        ("\"\"", .string("")),
        ("\"hello\"", .string("hello")),
        ("\"Zürich – Øre 東京 😀\"", .string("Zürich – Øre 東京 😀")),
        (" \t\n\r 42 \r\n\t ", num("42")),
        ("[]", .array([])),
        ("{}", .object(JSONObject())),
        ("[ ]", .array([])),
        ("{ \n }", .object(JSONObject())),
    ]

    @Test("scalars and empty containers", arguments: scalarCases)
    func scalars(input: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(input) == expected)
    }

    @Test("nested arrays and objects")
    func nesting() throws {
        let text = #"{"a": [1, [2, [3, {"b": {"c": [true, false, null]}}]]], "d": {"e": {}} , "f": [[], [[]]]}"#
        let value = try JSONParser.parse(text)
        let expected: JSONValue = [
            "a": [1, [2, [3, ["b": ["c": [true, false, .null]]]]]],
            "d": ["e": .object(JSONObject())],
            "f": [[], [[]]],
        ]
        #expect(value == expected)
        #expect(value["a"]?[1]?[1]?[1]?["b"]?["c"]?[2]?.isNull == true)
        #expect(value["f"]?[1]?[0]?.array?.isEmpty == true)
    }

    @Test("object members keep document order and duplicates; lookup takes the last")
    func orderedAndDuplicateKeys() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3, "a": 4, "b": 5}"#)
        let object = try #require(value.object)
        #expect(object.keys == ["z", "a", "m", "a", "b"])
        #expect(object.count == 5)
        #expect(object["a"] == 4)
        #expect(value["a"] == 4)
        #expect(object.values(forKey: "a") == [2, 4])
        #expect(object[1].key == "a" && object[1].value == 2)
        #expect(object["missing"] == nil)
        #expect(object.map(\.key).joined() == "zamab")
    }

    // MARK: Strings

    static let escapeCases: [(String, String)] = [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u20AC\u00E9""#, "Aé€é"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00 ok""#, "😀 ok"),
        (#""\u0000""#, "\u{0}"),
        (#""a\ud83dx""#, "a\u{FFFD}x"),  // lone high surrogate
        (#""\ude00""#, "\u{FFFD}"),  // lone low surrogate
        (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),  // high, then a proper pair
        (#""a\ud83d""#, "a\u{FFFD}"),  // high surrogate at the end
        (#""\ud83d\n""#, "\u{FFFD}\n"),  // high surrogate then another escape
        (#""\ud83d\u0041""#, "\u{FFFD}A"),  // high surrogate then a non-surrogate \u
        (#""Future\udc92s""#, "Future\u{FFFD}s"),  // Python surrogateescape artefact (usaid.gov)
        (#""é\n€ and \"quoted\"""#, "é\n€ and \"quoted\""),
        ("\"tab\there\nnewline\u{1}\u{1F}\"", "tab\there\nnewline\u{1}\u{1F}"),  // raw control characters are kept
        ("\"0123456789abcdef0123456789abcdef\\n0123456789abcdef\"", "0123456789abcdef0123456789abcdef\n0123456789abcdef"),
    ]

    @Test("escapes, surrogate pairs, lone surrogates and raw control characters", arguments: escapeCases)
    func escapes(input: String, expected: String) throws {
        #expect(try JSONParser.parse(input) == .string(expected))
        // The same string as an object key.
        #expect(try JSONParser.parse("{\(input):1}").object?.keys == [expected])
    }

    static let invalidUTF8Cases: [([UInt8], String)] = [
        ([0x22, 0x61, 0xFF, 0x62, 0x22], "a\u{FFFD}b"),
        ([0x22, 0xE2, 0x82, 0x22], "\u{FFFD}"),  // truncated 3-byte sequence
        ([0x22, 0xC3, 0x22], "\u{FFFD}"),
        ([0x22, 0xFF, 0x5C, 0x6E, 0x22], "\u{FFFD}\n"),  // invalid byte on the escape path
        ([0x22, 0xC3, 0xA9, 0x80, 0x22], "é\u{FFFD}"),  // stray continuation byte
    ]

    @Test("invalid UTF-8 inside strings becomes U+FFFD", arguments: invalidUTF8Cases)
    func invalidUTF8(bytes: [UInt8], expected: String) throws {
        #expect(try JSONParser.parse(bytes) == .string(expected))
    }

    @Test("a leading UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8)) == ["a": 1])
        #expect(try JSONParser.parse("\u{FEFF}[true]") == [true])
        // Only one, and only at the start.
        #expect(jsonParseError("\u{FEFF}\u{FEFF}1")?.reason == .unexpectedCharacter(0xEF))
        #expect(jsonParseError("1\u{FEFF}")?.reason == .trailingContent)
    }

    // MARK: Numbers

    @Test("big numbers keep their literal")
    func bigNumbers() throws {
        let value = try JSONParser.parse(#"[10004794304, 123456789012345678901234567890, -9223372036854775809, 43008.0, 1e400, 0.1]"#)
        let numbers = try #require(value.array?.compactMap { $0.number })
        #expect(numbers.map(\.literal) == ["10004794304", "123456789012345678901234567890", "-9223372036854775809", "43008.0", "1e400", "0.1"])
        #expect(numbers[0].int64 == 10_004_794_304)
        #expect(numbers[0].double == 10_004_794_304)
        #expect(numbers[1].int64 == nil)
        #expect(numbers[1].double == 1.2345678901234568e29)
        #expect(numbers[2].int64 == nil)
        #expect(numbers[3].int64 == 43008)
        #expect(numbers[4].int64 == nil)
        #expect(numbers[4].double == .infinity)
        #expect(numbers[5].double == 0.1)
        #expect(value[1]?.scalarText == "123456789012345678901234567890")
    }

    static let int64Cases: [(String, Int64?)] = [
        ("0", 0), ("-0", 0), ("42", 42), ("-7", -7),
        ("43008.0", 43008), ("1e3", 1000), ("1.5e1", 15), ("-2.50E+1", -25), ("12300e-2", 123),
        ("0.0", 0), ("0e999", 0), ("-0.000", 0),
        ("1.5", nil), ("1e-3", nil), ("0.1", nil), ("1e400", nil), ("12301e-2", nil),
        ("9223372036854775807", Int64.max), ("9223372036854775808", nil),
        ("-9223372036854775808", Int64.min), ("-9223372036854775809", nil),
        ("9223372036854775807.0", Int64.max), ("-9223372036854775808.000", Int64.min),
        ("9.223372036854775807e18", Int64.max), ("9.223372036854775808e18", nil),
        ("123456789012345678901234567890", nil),
    ]

    @Test("JSONNumber.int64 is exact: integral values that fit", arguments: int64Cases)
    func int64Values(literal: String, expected: Int64?) throws {
        let number = try #require(JSONNumber(literal: literal))
        #expect(number.int64 == expected)
    }

    static let literalValidity: [(String, Bool)] = [
        ("0", true), ("-0", true), ("1", true), ("-1", true), ("1.0", true), ("1e5", true), ("1E-5", true),
        ("1.5e+10", true), ("0.001", true), ("123456789012345678901234567890", true),
        ("", false), ("+1", false), ("01", false), ("-01", false), ("00", false), ("1.", false), ("-", false),
        (".5", false), ("1e", false), ("1e+", false), ("NaN", false), ("Infinity", false), ("-Infinity", false),
        ("0x10", false), (" 1", false), ("1 ", false), ("--1", false), ("1.5.3", false), ("1e5.0", false),
    ]

    @Test("JSONNumber(literal:) enforces the RFC 8259 grammar", arguments: literalValidity)
    func literalGrammar(literal: String, valid: Bool) {
        #expect((JSONNumber(literal: literal) != nil) == valid)
    }

    @Test("JSONNumber from Swift numbers")
    func numberInitializers() throws {
        #expect(JSONNumber(42).literal == "42")
        #expect(JSONNumber(Int64.min).literal == "-9223372036854775808")
        #expect(JSONNumber(1.5)?.literal == "1.5")
        #expect(JSONNumber(43008.0)?.literal == "43008.0")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(-Double.infinity) == nil)
        for double in [1e20, 1e-7, -2.5e-300, Double.greatestFiniteMagnitude, 0.1 + 0.2] {
            let number = try #require(JSONNumber(double))
            #expect(JSONNumber(literal: number.literal) != nil, "\(number.literal) must be valid JSON")
            #expect(number.double == double)
        }
        #expect(JSONNumber(literal: "1")! != JSONNumber(literal: "1.0")!)
        #expect(JSONNumber(literal: "1.5")!.isIntegerLiteral == false)
        #expect(JSONNumber(literal: "15")!.isIntegerLiteral == true)
    }

    // MARK: Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let input: [UInt8]
        let reason: JSONParseError.Reason
        let line: Int
        let column: Int
        let offset: Int
        var options = JSONParser.Options()

        init(_ input: String, _ reason: JSONParseError.Reason, line: Int = 1, column: Int, offset: Int) {
            self.input = Array(input.utf8)
            self.reason = reason
            self.line = line
            self.column = column
            self.offset = offset
        }

        init(bytes: [UInt8], _ reason: JSONParseError.Reason, line: Int = 1, column: Int, offset: Int) {
            self.input = bytes
            self.reason = reason
            self.line = line
            self.column = column
            self.offset = offset
        }

        var testDescription: String {
            let text = String(decoding: input.prefix(40), as: UTF8.self)
            return "\(text.debugDescription) → \(reason)"
        }
    }

    static let errorCases: [ErrorCase] = [
        // Empty documents.
        ErrorCase("", .emptyDocument, column: 1, offset: 0),
        ErrorCase("  \n ", .emptyDocument, line: 2, column: 2, offset: 4),
        ErrorCase("\u{FEFF}", .emptyDocument, column: 1, offset: 3),
        // Trailing commas: the position is the closing bracket, like Python's json.
        ErrorCase("[1,2,]", .trailingComma(closing: ascii("]")), column: 6, offset: 5),
        ErrorCase(#"{"a":1,}"#, .trailingComma(closing: ascii("}")), column: 8, offset: 7),
        ErrorCase("{\n  \"a\": 1,\n}", .trailingComma(closing: ascii("}")), line: 3, column: 1, offset: 12),
        ErrorCase("[\r\n1,\r\n]", .trailingComma(closing: ascii("]")), line: 3, column: 1, offset: 7),
        ErrorCase("\u{FEFF}[1,]", .trailingComma(closing: ascii("]")), column: 4, offset: 6),
        // Missing separators.
        ErrorCase(#"{"a" 1}"#, .missingColon(found: ascii("1")), column: 6, offset: 5),
        ErrorCase(#"{"a":1 "b":2}"#, .missingComma(found: ascii("\""), closing: ascii("}")), column: 8, offset: 7),
        ErrorCase("[1 2]", .missingComma(found: ascii("2"), closing: ascii("]")), column: 4, offset: 3),
        ErrorCase(#"["a""b"]"#, .missingComma(found: ascii("\""), closing: ascii("]")), column: 5, offset: 4),
        ErrorCase("[[1]\n [2]]", .missingComma(found: ascii("["), closing: ascii("]")), line: 2, column: 2, offset: 6),
        ErrorCase("[1x]", .missingComma(found: ascii("x"), closing: ascii("]")), column: 3, offset: 2),
        // Keys.
        ErrorCase("{1:2}", .expectedKey(found: ascii("1")), column: 2, offset: 1),
        ErrorCase("{'a':1}", .expectedKey(found: ascii("'")), column: 2, offset: 1),
        ErrorCase("{a:1}", .expectedKey(found: ascii("a")), column: 2, offset: 1),
        ErrorCase("{,}", .expectedKey(found: ascii(",")), column: 2, offset: 1),
        ErrorCase(#"{"a":1,,}"#, .expectedKey(found: ascii(",")), column: 8, offset: 7),
        // Strings.
        ErrorCase("\"abc", .unterminatedString, column: 1, offset: 0),
        ErrorCase("[1, \"ab\\", .unterminatedString, column: 5, offset: 4),
        ErrorCase("\"\\u12", .unterminatedString, column: 1, offset: 0),
        ErrorCase("\"\\ud83d\\u", .unterminatedString, column: 1, offset: 0),
        ErrorCase(#""\x""#, .invalidEscape, column: 2, offset: 1),
        ErrorCase(#""ok \'""#, .invalidEscape, column: 5, offset: 4),
        ErrorCase(#""\u12G4""#, .invalidEscape, column: 2, offset: 1),
        ErrorCase(#""\u12""#, .invalidEscape, column: 2, offset: 1),
        ErrorCase(#""\U0041""#, .invalidEscape, column: 2, offset: 1),
        // Numbers.
        ErrorCase("01", .invalidNumber, column: 1, offset: 0),
        ErrorCase("[-01]", .invalidNumber, column: 2, offset: 1),
        ErrorCase("-", .invalidNumber, column: 1, offset: 0),
        ErrorCase("1.", .invalidNumber, column: 1, offset: 0),
        ErrorCase("[1.]", .invalidNumber, column: 2, offset: 1),
        ErrorCase("1e", .invalidNumber, column: 1, offset: 0),
        ErrorCase("1e+", .invalidNumber, column: 1, offset: 0),
        ErrorCase("-Infinity", .invalidNumber, column: 1, offset: 0),
        ErrorCase("NaN", .unexpectedCharacter(ascii("N")), column: 1, offset: 0),
        ErrorCase("Infinity", .unexpectedCharacter(ascii("I")), column: 1, offset: 0),
        ErrorCase("+1", .unexpectedCharacter(ascii("+")), column: 1, offset: 0),
        ErrorCase(".5", .unexpectedCharacter(ascii(".")), column: 1, offset: 0),
        ErrorCase("[.5]", .unexpectedCharacter(ascii(".")), column: 2, offset: 1),
        // Literals and unexpected characters.
        ErrorCase("tru", .unexpectedEnd, column: 4, offset: 3),
        ErrorCase("trUe", .invalidLiteral, column: 1, offset: 0),
        ErrorCase("[nul]", .invalidLiteral, column: 2, offset: 1),
        ErrorCase("True", .unexpectedCharacter(ascii("T")), column: 1, offset: 0),
        ErrorCase("[,1]", .unexpectedCharacter(ascii(",")), column: 2, offset: 1),
        ErrorCase("[1,,2]", .unexpectedCharacter(ascii(",")), column: 4, offset: 3),
        ErrorCase("]", .unexpectedCharacter(ascii("]")), column: 1, offset: 0),
        ErrorCase("[\"é\", x]", .unexpectedCharacter(ascii("x")), column: 7, offset: 7),
        ErrorCase(bytes: [0x5B, 0xFF, 0x5D], .unexpectedCharacter(0xFF), column: 2, offset: 1),
        ErrorCase("'single'", .unexpectedCharacter(ascii("'")), column: 1, offset: 0),
        ErrorCase("[1,\u{C}2]", .unexpectedCharacter(0x0C), column: 4, offset: 3),  // form feed is not JSON whitespace
        ErrorCase("[\u{A0}1]", .unexpectedCharacter(0xC2), column: 2, offset: 1),  // nor is a no-break space
        // Unexpected end.
        ErrorCase("[", .unexpectedEnd, column: 2, offset: 1),
        ErrorCase("[1,", .unexpectedEnd, column: 4, offset: 3),
        ErrorCase("[1", .unexpectedEnd, column: 3, offset: 2),
        ErrorCase("{", .unexpectedEnd, column: 2, offset: 1),
        ErrorCase(#"{"a""#, .unexpectedEnd, column: 5, offset: 4),
        ErrorCase(#"{"a":"#, .unexpectedEnd, column: 6, offset: 5),
        ErrorCase("{\"a\":1,\n", .unexpectedEnd, line: 2, column: 1, offset: 8),
        // Content after the value.
        ErrorCase("[1] x", .trailingContent, column: 5, offset: 4),
        ErrorCase("{} {}", .trailingContent, column: 4, offset: 3),
        ErrorCase(#"{"a":1}}"#, .trailingContent, column: 8, offset: 7),
        ErrorCase("1 2", .trailingContent, column: 3, offset: 2),
        ErrorCase("truex", .trailingContent, column: 5, offset: 4),
        ErrorCase(bytes: [0x31, 0x00], .trailingContent, column: 2, offset: 1),
        // Depth.
        ErrorCase(String(repeating: "[", count: 513) + String(repeating: "]", count: 513), .tooDeep(512), column: 513, offset: 512),
        ErrorCase(String(repeating: "{\"a\":", count: 600), .tooDeep(512), column: 5 * 512 + 1, offset: 5 * 512),
    ]

    @Test("every error kind reports its reason, line, column and byte offset", arguments: errorCases)
    func errors(_ testCase: ErrorCase) throws {
        let error = try #require(jsonParseError(bytes: testCase.input, options: testCase.options))
        #expect(error.reason == testCase.reason)
        #expect(error.line == testCase.line)
        #expect(error.column == testCase.column)
        #expect(error.byteOffset == testCase.offset)
        #expect(error.description.hasPrefix("Invalid JSON at line \(testCase.line), column \(testCase.column) (byte \(testCase.offset)): "))
        #expect(error.description.hasSuffix("."))
    }

    @Test("error descriptions are full sentences")
    func errorDescriptions() throws {
        let trailing = try #require(jsonParseError("{\n  \"a\": 1,\n}"))
        #expect(trailing.description == "Invalid JSON at line 3, column 1 (byte 12): a trailing comma before '}' is not allowed.")
        let missing = try #require(jsonParseError("[1 2]"))
        #expect(missing.description == "Invalid JSON at line 1, column 4 (byte 3): expected ',' or ']' after the array element, found '2' (a comma may be missing).")
        let deep = try #require(jsonParseError("[[[1]]]", options: .init(maxDepth: 2)))
        #expect(deep.description == "Invalid JSON at line 1, column 3 (byte 2): arrays and objects are nested more than 2 levels deep.")
        let control = try #require(jsonParseError(bytes: [0x5B, 0x01]))
        #expect(control.message == "unexpected byte 0x01; expected a value (object, array, string, number, true, false or null)")
        #expect(try #require(jsonParseError("")).message == "the document is empty; expected a JSON value")
        #expect(try #require(jsonParseError("\"abc")).description == "Invalid JSON at line 1, column 1 (byte 0): a string starting here is never closed.")
    }

    @Test("string scanning finds the closing quote and escapes at every offset")
    func scanningOffsets() throws {
        // Fillers include bytes that trip up naive SWAR tricks (0x00, 0x01, high bytes).
        let fillers: [[UInt8]] = [[0x61], [0x00], [0x01], [0x21], [0x23], [0x5D], [0xC3, 0xA9], [0x7F], [0xE2, 0x82, 0xAC]]
        for filler in fillers {
            for length in 0..<20 {
                let body = Array([[UInt8]](repeating: filler, count: length).joined())
                let text = String(decoding: body, as: UTF8.self)
                #expect(try JSONParser.parse([0x22] + body + [0x22]) == .string(text))
                #expect(try JSONParser.parse([0x22] + body + [0x5C, 0x6E] + body + [0x22]) == .string(text + "\n" + text))
                #expect(try JSONParser.parse([0x22] + body + [0x5C, 0x22] + body + [0x22]) == .string(text + "\"" + text))
                #expect(try JSONParser.parse(Array("[\"".utf8) + body + Array("\", \"x\"]".utf8)) == [.string(text), "x"])
                #expect(jsonParseError(bytes: [0x22] + body)?.reason == .unterminatedString)
            }
        }
    }

    @Test("large and interleaved containers are assembled correctly")
    func largeContainers() throws {
        let count = 3_000
        let array = "[" + (0..<count).map { "[\($0), {\"k\($0)\": [\($0)]}]" }.joined(separator: ",") + "]"
        let value = try JSONParser.parse(array)
        let elements = try #require(value.array)
        #expect(elements.count == count)
        for index in [0, 1, 63, 64, 65, 1_000, count - 1] {
            #expect(elements[index] == [.number(JSONNumber(index)), .object(JSONObject([(key: "k\(index)", value: [.number(JSONNumber(index))])]))])
        }
        let object = "{" + (0..<count).map { "\"m\($0)\": {\"a\": [\($0), \"s\"], \"b\": {}}" }.joined(separator: ",") + "}"
        let parsed = try #require(try JSONParser.parse(object).object)
        #expect(parsed.count == count)
        #expect(parsed.keys.last == "m\(count - 1)")
        #expect(parsed["m1234"] == ["a": [1234, "s"], "b": .object(JSONObject())])
        // An error deep inside a large document leaves nothing behind to crash on.
        #expect(jsonParseError(String(array.dropLast()) + ",]")?.reason == .trailingComma(closing: ascii("]")))
    }

    // MARK: Options

    @Test("nesting up to maxDepth is accepted")
    func depthLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONParser.parse(deepest) }
        let objects = String(repeating: "{\"k\":", count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(throws: Never.self) { try JSONParser.parse(objects) }
        #expect(jsonParseError("[[[]]]", options: .init(maxDepth: 3)) == nil)
        #expect(jsonParseError("[[[[]]]]", options: .init(maxDepth: 3))?.reason == .tooDeep(3))
        #expect(jsonParseError("[{\"a\":[]}]", options: .init(maxDepth: 2))?.reason == .tooDeep(2))
        // Siblings do not add up.
        #expect(jsonParseError("[[],[],[[]]]", options: .init(maxDepth: 3)) == nil)
        // A huge run of brackets is refused quickly, without exhausting the stack.
        #expect(jsonParseError(String(repeating: "[", count: 1_000_000))?.reason == .tooDeep(512))
        // Parsing does not recurse, so a higher limit is safe to parse with.
        let deep = String(repeating: "[", count: 5_000) + "1" + String(repeating: "]", count: 5_000)
        #expect(jsonParseError(deep, options: .init(maxDepth: 5_000)) == nil)
        #expect(jsonParseError(deep, options: .init(maxDepth: 4_999))?.reason == .tooDeep(4_999))
    }

    @Test("trailing commas can be allowed")
    func trailingCommasOption() throws {
        var options = JSONParser.Options()
        options.allowTrailingCommas = true
        #expect(try JSONParser.parse("[1,2,]", options: options) == [1, 2])
        #expect(try JSONParser.parse("{\"a\":[1,],\n}", options: options) == ["a": [1]])
        #expect(jsonParseError("[,]", options: options)?.reason == .unexpectedCharacter(ascii(",")))
        #expect(jsonParseError("[1,,]", options: options)?.reason == .unexpectedCharacter(ascii(",")))
        #expect(jsonParseError("{,}", options: options)?.reason == .expectedKey(found: ascii(",")))
    }

    // MARK: Accessors and entry points

    @Test("JSONValue accessors")
    func accessors() throws {
        let value = try JSONParser.parse(#"{"s": "text", "n": 10004794304, "b": false, "z": null, "a": [1, "x"], "o": {"k": "v"}}"#)
        #expect(value["s"]?.string == "text")
        #expect(value["n"]?.number?.int64 == 10_004_794_304)
        #expect(value["b"]?.bool == false)
        #expect(value["z"]?.isNull == true)
        #expect(value["a"]?[1]?.string == "x")
        #expect(value["a"]?[2] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["o"]?["k"] == "v")
        #expect(value["s"]?["k"] == nil)
        #expect(value[0] == nil)
        #expect(value["s"]?.number == nil)
        #expect(value["n"]?.string == nil)
        #expect(value["a"]?.array?.count == 2)
        #expect(value.object?.count == 6)
        // scalarText: for portals that send numbers or booleans where strings belong.
        #expect(value["s"]?.scalarText == "text")
        #expect(value["n"]?.scalarText == "10004794304")
        #expect(value["b"]?.scalarText == "false")
        #expect(value["z"]?.scalarText == nil)
        #expect(value["a"]?.scalarText == nil)
        #expect(value["o"]?.scalarText == nil)
        let names = ["s", "n", "b", "z", "a", "o"].compactMap { value[$0]?.typeName }
        #expect(names == ["string", "number", "boolean", "null", "array", "object"])
    }

    @Test("JSONObject editing")
    func objectEditing() {
        var object: JSONObject = ["a": 1, "b": 2, "a": 3]
        #expect(object.keys == ["a", "b", "a"])
        object["a"] = 4  // replaces the last "a"
        #expect(object.values == [1, 2, 4])
        object["c"] = true
        #expect(object.keys == ["a", "b", "a", "c"])
        object["a"] = nil  // removes every "a"
        #expect(object.keys == ["b", "c"])
        object.append(key: "b", value: "again")
        #expect(object["b"] == "again")
        #expect(object.contains(key: "c"))
        #expect(!object.contains(key: "a"))
        let built = JSONObject([(key: "x", value: 1), (key: "y", value: .null)])
        #expect(JSONValue.object(built) == ["x": 1, "y": .null])
        // Equality is order-sensitive.
        #expect(JSONObject([(key: "x", value: 1), (key: "y", value: 2)]) != JSONObject([(key: "y", value: 2), (key: "x", value: 1)]))
        #expect(JSONObject().isEmpty)
    }

    @Test("every entry point parses the same bytes")
    func entryPoints() throws {
        let text = #"{"a": [1, "é"]}"#
        let expected: JSONValue = ["a": [1, "é"]]
        #expect(try JSONParser.parse(text) == expected)
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
        #expect(try JSONParser.parse(Data(text.utf8)) == expected)
        #expect(try JSONParser.parse(Array(("xx" + text).utf8)[2...]) == expected)
        let viaBuffer = try Array(text.utf8).withUnsafeBytes { buffer in try JSONParser.parse(buffer) }
        #expect(viaBuffer == expected)
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(empty) }
        #expect(jsonParseError(bytes: [])?.reason == .emptyDocument)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data()) }
    }

    // MARK: Robustness

    static let fuzzSample = "\u{FEFF}{\"id\": \"abc-123\", \"n\": [0, -1.5e3, 10004794304, 1E+2], \"s\": \"tab\\t \\\"q\\\" \\u00e9 \\ud83d\\ude00 é\", "
        + "\"nested\": {\"a\": [true, false, null, {}, []], \"b\": {\"c\": \"\"}}, \"raw\": \"a\tb\"}"

    @Test("random bytes never crash the parser")
    func randomBytes() {
        var rng = JSONTestRNG(seed: 0x5EED)
        let alphabet: [UInt8] = Array("{}[]\":,.-+0123456789eEtrufalsn \\u\n\t".utf8) + [0x00, 0x1F, 0x80, 0xBF, 0xC3, 0xE2, 0xEF, 0xBB, 0xFF]
        var parsed = 0
        for round in 0..<20_000 {
            let length = Int.random(in: 0...48, using: &rng)
            let bytes: [UInt8] = (0..<length).map { _ in
                round.isMultiple(of: 2) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            if let error = jsonParseError(bytes: bytes) {
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count)
                #expect(error.line >= 1 && error.column >= 1)
            } else {
                parsed += 1
            }
        }
        #expect(parsed > 0)
    }

    @Test("every truncation of a valid document is refused, without crashing")
    func truncations() throws {
        let bytes = Array(Self.fuzzSample.utf8)
        let full = try JSONParser.parse(bytes)
        #expect(full["s"] == .string("tab\t \"q\" é 😀 é"))
        for length in 0..<bytes.count {
            let error = try #require(jsonParseError(bytes: Array(bytes[..<length])), "prefix of length \(length) parsed")
            #expect(error.byteOffset <= length)
        }
    }

    @Test("random mutations of a valid document never crash and round-trip when they parse")
    func mutations() throws {
        var rng = JSONTestRNG(seed: 42)
        let original = Array(Self.fuzzSample.utf8)
        let interesting: [UInt8] = Array("{}[]\",:\\0-.eu \n".utf8) + [0x00, 0x80, 0xFF]
        for _ in 0..<5_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                let byte = Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[index] = byte
                case 1: bytes.insert(byte, at: index)
                default: bytes.remove(at: index)
                }
            }
            do {
                let value = try JSONParser.parse(bytes)
                #expect(try JSONParser.parse(JSONWriter.write(value)) == value)
            } catch {
                #expect(error.byteOffset <= bytes.count)
            }
        }
    }
}
