import FeedParsing
import Foundation
import Testing
import TestSupport

@Suite("JSON streamed a dataset at a time")
struct JSONStreamTests {
    /// Reads `text` with windows of `chunk` bytes; the elements parsed, where they were, and the outline.
    static func stream(_ text: String, chunk: Int = 64, maxElement: Int = 1 << 20, member: String = "dataset")
        throws(JSONStreamError) -> (values: [JSONValue], places: [JSONStream.Place], tooLarge: [Int], outline: JSONStream.Outline) {
        var options = JSONStream.Options()
        options.chunkBytes = chunk
        options.maxElementBytes = maxElement
        var values: [JSONValue] = [], places: [JSONStream.Place] = [], tooLarge: [Int] = []
        let outline = try JSONStream.read(JSONMemorySource(Array(text.utf8)), streaming: member, options: options) { place, element in
            places.append(place)
            switch element {
            case .bytes(let bytes): values.append((try? JSONParser.parse(bytes)) ?? .string("<not JSON>"))
            case .tooLarge(let size): tooLarge.append(size)
            }
            return true
        }
        return (values, places, tooLarge, outline)
    }

    static func syntaxError(_ text: String, chunk: Int = 64) -> JSONParseError? {
        do {
            _ = try stream(text, chunk: chunk)
            return nil
        } catch {
            guard case .syntax(let syntax) = error else { return nil }
            return syntax
        }
    }

    /// A catalogue whose strings hold quotes, backslashes and brackets, so that every window size cuts it somewhere awkward.
    static let catalogue = #"""
    {"@type": "dcat:Catalog", "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
     "dataset": [
       {"identifier": "a\"]}", "title": "Brackets ] } [ { and a \\ backslash", "keyword": ["x", "y"]},
       {"identifier": "b", "title": "Caf\u00e9 \ud83d\ude00 — é", "distribution": [{"downloadURL": "http://x/a.csv", "byteSize": 12}]},
       {"identifier": "c", "nested": {"deep": [[[{"n": null}]]], "flag": true, "n": -1.5e3}}
     ],
     "describedBy": "https://example.org/schema.json"}
    """#

    @Test func everyWindowSizeGivesTheElementsAndMembersOfTheWholeParse() throws {
        let whole = try JSONParser.parse(Self.catalogue)
        let expected = try #require(whole["dataset"]?.array)
        for chunk in 64...160 {
            let read = try Self.stream(Self.catalogue, chunk: chunk)
            #expect(read.values == expected, "window \(chunk)")
            guard case .object(let members) = read.outline.root else {
                Issue.record("not an object")
                continue
            }
            #expect(members.keys == ["@type", "conformsTo", "describedBy"], "window \(chunk)")
            #expect(members["describedBy"]?.string == "https://example.org/schema.json")
            #expect(read.outline.streamed == 3)
        }
        let places = try Self.stream(Self.catalogue).places
        #expect(places.map(\.pointer) == ["/dataset/0", "/dataset/1", "/dataset/2"])
        let bytes = Array(Self.catalogue.utf8)
        #expect(places.allSatisfy { bytes[$0.offset] == UInt8(ascii: "{") })
    }

    @Test func aTopLevelArrayAndAByteOrderMarkAreRead() throws {
        let read = try Self.stream("\u{FEFF} [1, \"two\", {\"three\": [3]}, null ] \n")
        #expect(read.values == [.number(JSONNumber(1)), .string("two"), .object(["three": .array([.number(JSONNumber(3))])]), .null])
        #expect(read.places.map(\.pointer) == ["/0", "/1", "/2", "/3"])
        guard case .array = read.outline.root else {
            Issue.record("not an array")
            return
        }
        #expect(try Self.stream("[]").outline.streamed == 0)
        #expect(try Self.stream(#"{"dataset": []}"#).outline.streamed == 0)
        #expect(try Self.stream(#"{"other": [1]}"#).outline.streamed == nil)
    }

    @Test func anElementTooLargeIsSkippedAndTheNextOnesAreRead() throws {
        let big = String(repeating: "x", count: 5000)
        let text = #"{"dataset": [{"identifier": "1"}, {"identifier": "2", "text": "\#(big)"}, {"identifier": "3"}]}"#
        let read = try Self.stream(text, chunk: 256, maxElement: 1000)
        #expect(read.values.map { $0["identifier"]?.string } == ["1", "3"])
        #expect(read.tooLarge == [5000 + 31])
        #expect(read.places.map(\.index) == [0, 1, 2])
    }

    @Test func aBrokenElementIsHandedOutForTheCallerToJudgeAndReadingGoesOn() throws {
        let read = try Self.stream(#"{"dataset": [{"identifier": tru}, {"identifier": "2"}]}"#)
        #expect(read.values == [.string("<not JSON>"), .object(["identifier": .string("2")])])
    }

    @Test func errorsBetweenElementsEndTheReadWithTheirPlaceInTheDocument() throws {
        let missing = try #require(Self.syntaxError("{\"dataset\": [\n  {\"a\": 1}\n  {\"b\": 2}\n]}"))
        #expect(missing.reason == .missingComma(found: UInt8(ascii: "{"), closing: UInt8(ascii: "]")))
        #expect((missing.line, missing.column, missing.byteOffset) == (3, 3, 27))
        let trailing = try #require(Self.syntaxError(#"{"dataset": [{"a": 1},]}"#))
        #expect(trailing.reason == .trailingComma(closing: UInt8(ascii: "]")))
        let truncated = try #require(Self.syntaxError(#"{"dataset": [{"a": 1}, {"b": "#))
        #expect(truncated.reason == .unterminatedString || truncated.reason == .unexpectedEnd)
        #expect(Self.syntaxError(#"{"dataset": []} x"#)?.reason == .trailingContent)
        #expect(Self.syntaxError("  ")?.reason == .emptyDocument)
        #expect(Self.syntaxError(#"{"a" 1}"#)?.reason == .missingColon(found: UInt8(ascii: "1")))
        #expect(Self.syntaxError(#"{a: 1}"#)?.reason == .expectedKey(found: UInt8(ascii: "a")))
        let member = try #require(Self.syntaxError("{\"dataset\": [],\n \"x\": [1,]}"))
        #expect((member.line, member.column) == (2, 10))
    }

    @Test func theCallerCanStop() throws {
        var seen = 0
        let outline = try JSONStream.read(JSONMemorySource(Array("[1, 2, 3, 4]".utf8)), streaming: "dataset") { _, _ in
            seen += 1
            return seen < 2
        }
        #expect(seen == 2)
        #expect(outline.stopped)
    }

    @Test func aFileIsReadLikeMemory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-stream-\(UUID().uuidString).json").path
        try Data(Self.catalogue.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = JSONStream.Options()
        options.chunkBytes = 100
        var values: [JSONValue] = []
        _ = try JSONStream.read(try JSONFileSource(path: path), streaming: "dataset", options: options) { _, element in
            if case .bytes(let bytes) = element, let value = try? JSONParser.parse(bytes) { values.append(value) }
            return true
        }
        #expect(values == (try JSONParser.parse(Self.catalogue))["dataset"]?.array)
        #expect(throws: JSONStreamError.self) { try JSONFileSource(path: path + ".missing") }
    }

    @Test func everyCorpusDataJSONStreamsTheDatasetsOfTheWholeParse() throws {
        let files = Corpus.files(under: "datajson", endingIn: [".json"])
        guard !files.isEmpty else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        var compared = 0
        for file in files {
            let bytes = try Corpus.bytes(file)
            guard let whole = try? JSONParser.parse(bytes) else { continue }
            let expected = whole.array ?? whole["dataset"]?.array
            var options = JSONStream.Options()
            options.chunkBytes = 4096
            var values: [JSONValue] = []
            let outline = try JSONStream.read(JSONMemorySource(bytes), streaming: "dataset", options: options) { _, element in
                if case .bytes(let element) = element, let value = try? JSONParser.parse(element) { values.append(value) }
                return true
            }
            if let expected {
                #expect(values == expected, "\(file)")
                compared += 1
            } else {
                #expect(values.isEmpty && outline.streamed == nil, "\(file)")
            }
        }
        #expect(compared > 10)
    }
}
