import FeedParsing
import Foundation
import TestSupport
import Testing

/// Every array reachable through object members only (no array in between), with its path, down to `depth` members.
private func arrayPaths(_ value: JSONValue, path: [String] = [], depth: Int = 3) -> [(path: [String], elements: [JSONValue])] {
    switch value {
    case .array(let elements): return [(path, elements)]
    case .object(let object) where depth > 0:
        // The last member of a name is the one lookups see.
        var seen = Set<String>()
        return object.reversed().filter { seen.insert($0.key).inserted }.flatMap { arrayPaths($0.value, path: path + [$0.key], depth: depth - 1) }
    default: return []
    }
}

@Suite("JSON parser: the bytes of each element of an array")
struct JSONArraySpansTests {
    private func spans(_ text: String, _ path: [String]) -> [String]? {
        let bytes = Array(text.utf8)
        guard let (value, spans) = try? JSONParser.parse(bytes, spansOfArrayAt: path) else { return ["not JSON"] }
        #expect(value == (try? JSONParser.parse(bytes)), "the value is the same with or without spans")
        return spans?.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test("elements of a CKAN search result, as written, whitespace inside kept")
    func searchResult() {
        let page = #"{"help": "x", "success": true, "result": {"count": 2, "results": [ {"id": "a", "tags": [{"name": "b]}"}]} ,{ "id" : "c\"}" } ]}}"#
        #expect(spans(page, ["result", "results"]) == [#"{"id": "a", "tags": [{"name": "b]}"}]}"#, #"{ "id" : "c\"}" }"#])
    }

    @Test("a top-level array, scalars, nested arrays, an empty array, a byte order mark")
    func shapes() {
        #expect(spans(#"[1, -2.5e3,true ,null,"x",[[]],{}]"#, []) == ["1", "-2.5e3", "true", "null", #""x""#, "[[]]", "{}"])
        #expect(spans(" [ ] ", []) == [])
        #expect(spans("\u{FEFF}[{\"a\":1}]", []) == [#"{"a":1}"#])
        #expect(spans(#"{"result":[{"a":"\\"},2]}"#, ["result"]) == [#"{"a":"\\"}"#, "2"])
    }

    @Test("a name given twice resolves to its last member, as JSONObject does; nested names do not count")
    func duplicateNames() {
        #expect(spans(#"{"r":[1],"x":{"r":[9]},"r":[2,3]}"#, ["r"]) == ["2", "3"])
        #expect(spans(#"{"a":{"r":[1]},"x":[{"a":{"r":[9]}}],"b":{"r":[7]}}"#, ["a", "r"]) == ["1"])
        #expect(spans(#"{"a":{"r":[1]},"a":{"r":[]}}"#, ["a", "r"]) == [])
        #expect(spans(#"[{"r":[1]}]"#, ["r"]) == nil)
    }

    @Test("no array at the path: nil; broken documents still fail to parse")
    func notFound() {
        #expect(spans(#"{"result":{"results":{}}}"#, ["result", "results"]) == nil)
        #expect(spans(#"{"result":[1]}"#, ["result", "results"]) == nil)
        #expect(spans(#"{"other":[1]}"#, ["result"]) == nil)
        #expect(spans(#"{"result":[1, "unterminated]}"#, ["result"]) == ["not JSON"])
        #expect(spans(#"{"result":[1 2]}"#, ["result"]) == ["not JSON"])
        #expect(spans("\"x\"", []) == nil)
        // A name written with an escape is compared decoded, as lookups do.
        #expect(spans(#"{"res\u0075lt":[1]}"#, ["result"]) == ["1"])
    }

    @Test("every array of every corpus JSON file: its spans parse to the parsed elements",
          .enabled(if: JSONCorpus.directory != nil, Comment(rawValue: JSONCorpus.missingMessage)))
    func corpus() throws {
        var checked = 0
        for relative in JSONCorpus.files where JSONCorpus.invalid[relative] == nil {
            let bytes = [UInt8](try JSONCorpus.data(relative))
            guard let value = try? JSONParser.parse(bytes) else { continue }
            for (path, elements) in arrayPaths(value) {
                guard let found = try JSONParser.parse(bytes, spansOfArrayAt: path).spans else {
                    Issue.record("\(relative): no spans at \(path)")
                    continue
                }
                #expect(found.count == elements.count, "\(relative) \(path)")
                for (span, element) in zip(found, elements) where (try? JSONParser.parse(Array(bytes[span]))) != element {
                    Issue.record("\(relative) \(path): the span \(span) does not parse to the element")
                    break
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
