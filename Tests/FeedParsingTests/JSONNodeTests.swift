import FeedParsing
import Foundation
import TestSupport
import Testing

/// `JSONNode` reads a document in place; it must accept, refuse and read exactly what `JSONParser` does.
@Suite("JSONNode")
struct JSONNodeTests {
    /// The node's error for `bytes`, or nil when they parse.
    static func nodeError(_ bytes: [UInt8], options: JSONParser.Options = .init()) -> JSONParseError? {
        do {
            _ = try JSONNode.parse(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test("every malformed document gets JSONParser's error: reason, line, column and byte offset",
          arguments: JSONParserTests.errorCases)
    func sameErrors(_ testCase: JSONParserTests.ErrorCase) throws {
        let expected = try #require(jsonParseError(bytes: testCase.input, options: testCase.options))
        let error = try #require(Self.nodeError(testCase.input, options: testCase.options))
        #expect(error == expected)
        #expect(error.description == expected.description)
    }

    static let documents: [String] = [
        "null", "true", "false", "0", "-1.5e3", "\"\"", "\"a\\nb\\u00e9\\ud83d\\ude00\"", "[]", "{}",
        #"{"a":1,"b":[true,false,null],"c":{"d":"e","":"empty"},"a":2}"#,
        #"[{"x":[[],[{}],{"y":[1,2,3]}]},"tail"]"#,
        "\u{FEFF} { \"bom\" : [ 1 , 2 ] } ",
        #"{"caf\u00e9":"escaped name","long_member_name_over_eight":"v","long_member_name_over_eighx":"w"}"#,
    ]

    @Test("the value read in place equals JSONParser's", arguments: documents)
    func sameValues(_ text: String) throws {
        #expect(try JSONNode.parse(text).value == JSONParser.parse(text))
    }

    @Test("the shared corpus reads the same in place as parsed into values", arguments: JSONCorpus.files)
    func corpusValues(_ relative: String) throws {
        let bytes = [UInt8](try JSONCorpus.data(relative))
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(bytes) } catch {
            #expect(Self.nodeError(bytes) == error)
            return
        }
        #expect(try JSONNode.parse(bytes).value == parsed, "\(relative)")
    }

    @Test("lookups take the last member of a name, like JSONObject; names with escapes are decoded first")
    func lookups() throws {
        let node = try JSONNode.parse(#"{"a":1,"long_member_name":"x","a":2,"caf\u00e9":"c","long_member_namf":"y","":"e"}"#)
        #expect(node["a"]?.scalarText == "2")
        #expect(node["long_member_name"]?.string == "x")
        #expect(node["long_member_namf"]?.string == "y")
        #expect(node["long_member_nam"] == nil)
        #expect(node["café"]?.string == "c")
        #expect(node[""]?.string == "e")
        #expect(node["b"] == nil)
        #expect(node.members?.map(\.key) == ["a", "long_member_name", "a", "café", "long_member_namf", ""])
        let array = try JSONNode.parse(#"[1,"two",{"three":3},[4]]"#)
        #expect(array[1]?.string == "two")
        #expect(array[2]?["three"]?.number?.int64 == 3)
        #expect(array[4] == nil)
        #expect(array.array?.map(\.typeName) == ["number", "string", "object", "array"])
        #expect(array["three"] == nil)
    }

    @Test("names of every length up to ten are found, near the end of a document too, with escapes or without")
    func nameLengths() throws {
        let names = (0...10).map { String("abcdefghijk".prefix($0)) }
        let members = names.enumerated().map { "\"\($0.element)\":\($0.offset)" }
        for text in ["{" + members.joined(separator: ",") + "}", "{" + members.reversed().joined(separator: ", ") + "}"] {
            let node = try JSONNode.parse(text)
            for (index, name) in names.enumerated() { #expect(node[name]?.number?.int64 == Int64(index), "\(name) in \(text)") }
        }
        for name in names {
            #expect(try JSONNode.parse("{\"\(name)\":1}")[name]?.number?.int64 == 1, "\(name)")
        }
        let escaped = try JSONNode.parse(#"{"ab\"c":1,"a\\b":2,"abcdefg\u0068":3}"#)
        #expect(escaped["ab\"c"]?.number?.int64 == 1)
        #expect(escaped["a\\b"]?.number?.int64 == 2)
        #expect(escaped["abcdefgh"]?.number?.int64 == 3)
    }

    @Test("each value knows where it sits in the bytes")
    func byteRanges() throws {
        let text = #"{"results": [ {"id": "a"} , "b\n" ]}"#
        let bytes = Array(text.utf8)
        let results = try #require(JSONNode.parse(bytes)["results"]?.array)
        #expect(results.map { String(decoding: bytes[$0.byteRange], as: UTF8.self) } == [#"{"id": "a"}"#, #""b\n""#])
    }

    @Test("scalars read as JSONValue reads them")
    func scalars() throws {
        let node = try JSONNode.parse(#"{"s":" t ","n":1.50,"t":true,"f":false,"z":null,"o":{},"l":[]}"#)
        for key in ["s", "n", "t", "f", "z", "o", "l"] {
            let value = try JSONParser.parse(#"{"s":" t ","n":1.50,"t":true,"f":false,"z":null,"o":{},"l":[]}"#)[key]
            #expect(node[key]?.scalarText == value?.scalarText)
            #expect(node[key]?.typeName == value?.typeName)
            #expect(node[key]?.isNull == value?.isNull)
            #expect(node[key]?.string == value?.string)
            #expect(node[key]?.bool == value?.bool)
            #expect(node[key]?.number == value?.number)
        }
        #expect(JSONNode.string("plain").string == "plain")
    }
}
