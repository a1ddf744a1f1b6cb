@testable import FeedParsing
import Testing

/// The tape's nodes are 32 bytes (positions in 32 bits), and positions deep into a large document still read back.
@Suite("JSON tape layout")
struct JSONTapeLayoutTests {
    @Test func aNodeTakesThirtyTwoBytes() {
        #expect(MemoryLayout<JSONTapeNode>.stride == 32)
    }

    @Test func positionsPastSixteenMegabytesReadBack() throws {
        // 20 MB of padding before the members a reader looks up.
        let padding = String(repeating: "x", count: 20_000_000)
        let text = #"{"padding":""# + padding + #"","id":"d-1","items":[1,{"name":"last"}]}"#
        let bytes = Array(text.utf8)
        let root = try JSONNode.parse(bytes)
        let id = try #require(root["id"])
        #expect(id.string == "d-1")
        #expect(Array(bytes[id.byteRange]) == Array(#""d-1""#.utf8))
        #expect(root["items"]?[1]?["name"]?.string == "last")
        #expect(root.byteRange == 0..<bytes.count)
    }
}
