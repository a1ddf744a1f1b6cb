import FeedParsing
import Foundation
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    static let sample: JSONValue = [
        "a": 1,
        "b": [true, .null],
        "c": ["d": "e", "f": [], "g": .object(JSONObject())],
        "h": .number(JSONNumber(literal: "-1.50e+03")!),
    ]

    @Test("compact output keeps member order and number literals")
    func compact() {
        #expect(JSONWriter.string(["a": 1, "b": [true, .null]]) == #"{"a":1,"b":[true,null]}"#)
        #expect(JSONWriter.string(Self.sample) == #"{"a":1,"b":[true,null],"c":{"d":"e","f":[],"g":{}},"h":-1.50e+03}"#)
        #expect(JSONWriter.string(["z": 1, "a": 2]) == #"{"z":1,"a":2}"#)
        #expect(JSONWriter.write([1, "x"]) == Array(#"[1,"x"]"#.utf8))
        #expect(JSONValue.string("x").description == #""x""#)
        #expect(JSONWriter.string(.null) == "null")
        #expect(JSONWriter.string(false) == "false")
    }

    @Test("pretty output indents with two spaces")
    func pretty() {
        let expected = """
            {
              "a": 1,
              "b": [
                true,
                null
              ],
              "c": {
                "d": "e",
                "f": [],
                "g": {}
              },
              "h": -1.50e+03
            }
            """
        #expect(JSONWriter.string(Self.sample, options: .init(pretty: true)) == expected)
        #expect(JSONWriter.string([], options: .init(pretty: true)) == "[]")
        #expect(JSONWriter.string(7, options: .init(pretty: true)) == "7")
    }

    @Test("sorted keys order by code point and keep duplicates in their order")
    func sortedKeys() {
        let value: JSONValue = ["b": 1, "a": 2, "é": 0, "Z": 0, "c": ["z": 1, "y": 2], "a": 3]
        #expect(JSONWriter.string(value, options: .init(sortedKeys: true)) == #"{"Z":0,"a":2,"a":3,"b":1,"c":{"y":2,"z":1},"é":0}"#)
        #expect(JSONWriter.string(value, options: .init(sortedKeys: true, pretty: true)).hasPrefix("{\n  \"Z\": 0,\n  \"a\": 2,"))
    }

    static let stringCases: [(String, String)] = [
        ("plain", #""plain""#),
        ("quote \" backslash \\", #""quote \" backslash \\""#),
        ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("a/b", #""a/b""#),
        ("é 東京 😀 \u{7F} \u{2028}", "\"é 東京 😀 \u{7F} \u{2028}\""),
        ("", #""""#),
    ]

    @Test("strings escape quotes, backslashes and control characters; non-ASCII stays raw", arguments: stringCases)
    func strings(input: String, expected: String) throws {
        #expect(JSONWriter.string(.string(input)) == expected)
        #expect(try JSONParser.parse(expected) == .string(input))
    }

    @Test("strings of every mix and length escape as a character-by-character writer does")
    func randomStrings() throws {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "bcdefgh", " ", "\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "日本", "/", "\u{7F}", "~"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0..<25, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(JSONWriter.string(.string(text)) == reference(text), "\(Array(text.utf8))")
        }
    }

    @Test("slashes can be escaped")
    func slashes() {
        var options = JSONWriter.Options()
        options.escapeSlashes = true
        #expect(JSONWriter.string(["u": "http://x/y"], options: options) == #"{"u":"http:\/\/x\/y"}"#)
        #expect(JSONWriter.string(["u/v": 1], options: options) == #"{"u\/v":1}"#)
    }

    static let roundTripCases: [JSONValue] = [
        .null, true, false, 0, -1, 1.5, "", "x", [], .object(JSONObject()), sample,
        .number(JSONNumber(literal: "123456789012345678901234567890")!),
        .number(JSONNumber(literal: "-0.0e-0")!),
        ["dup": 1, "dup": 2, "dup": [3]],
        ["\u{0}key\n": "\u{1F}value\"\\/", "😀": "\u{FFFD}"],
        [[[[["deep"]]]]],
    ]

    @Test("parse(write(x)) == x", arguments: roundTripCases)
    func roundTrip(value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONWriter.write(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.write(value, options: .init(pretty: true))) == value)
        #expect(try JSONParser.parse(JSONWriter.write(value, options: .init(escapeSlashes: true))) == value)
    }

    @Test("random values round-trip in every writer mode")
    func randomRoundTrip() throws {
        var rng = JSONTestRNG(seed: 2024)
        for _ in 0..<500 {
            let value = Self.randomValue(depth: 0, using: &rng)
            #expect(try JSONParser.parse(JSONWriter.write(value)) == value)
            #expect(try JSONParser.parse(JSONWriter.write(value, options: .init(pretty: true, escapeSlashes: true))) == value)
            // Sorted output is stable: sorting again changes nothing.
            let sorted = JSONWriter.write(value, options: .init(sortedKeys: true))
            #expect(JSONWriter.write(try JSONParser.parse(sorted), options: .init(sortedKeys: true)) == sorted)
        }
    }

    static func randomString(using rng: inout JSONTestRNG) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "東", "😀", "\u{FFFD}", "\u{2028}", "\u{FEFF}"]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            if Int.random(in: 0..<4, using: &rng) == 0, let scalar = Unicode.Scalar(UInt32.random(in: 0x20...0x10FFFF, using: &rng)) {
                scalars.append(scalar)
            } else {
                scalars.append(pool.randomElement(using: &rng)!)
            }
        }
        return String(scalars)
    }

    static func randomValue(depth: Int, using rng: inout JSONTestRNG) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 4 ? 5 : 7), using: &rng)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let literals = ["0", "-0", "7", "-12.5", "1e10", "6.02E+23", "10004794304", "123456789012345678901234567890", "0.000001"]
            if Bool.random(using: &rng) { return .number(JSONNumber(literal: literals.randomElement(using: &rng)!)!) }
            return .number(JSONNumber(Double.random(in: -1e6...1e6, using: &rng))!)
        case 3, 4: return .string(randomString(using: &rng))
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(depth: depth + 1, using: &rng) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                object.append(key: randomString(using: &rng), value: randomValue(depth: depth + 1, using: &rng))
            }
            return .object(object)
        }
    }
}
