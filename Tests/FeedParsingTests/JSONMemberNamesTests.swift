import FeedParsing
import Testing

/// `JSONNode.values(of:)` finds in one pass what `node[name]` finds one name at a time.
@Suite("JSONMemberNames")
struct JSONMemberNamesTests {
    enum Key: Int, JSONMemberKey {
        case a, longName, longNamf, cafe, empty, absent, long

        var name: String {
            switch self {
            case .a: "a"
            case .longName: "long_member_name"
            case .longNamf: "long_member_namf"
            case .cafe: "café"
            case .empty: ""
            case .absent: "b"
            case .long: "long_member_nam"
            }
        }
    }

    static let names = JSONMemberNames<Key>()

    @Test("each key reads the last member of its name, as a lookup by name does; names with escapes are decoded first")
    func sameAsLookups() throws {
        let node = try JSONNode.parse(#"{"a":1,"long_member_name":"x","a":2,"caf\u00e9":"c","long_member_namf":"y","":"e","long_member_names":0}"#)
        let values = node.values(of: Self.names)
        for key in Key.allCases {
            #expect(values[key]?.scalarText == node[key.name]?.scalarText, "\(key)")
            #expect(values[key]?.byteRange == node[key.name]?.byteRange, "\(key)")
        }
        #expect(values[.a]?.scalarText == "2")
        #expect(values[.cafe]?.string == "c")
        #expect(values[.empty]?.string == "e")
        #expect(values[.absent] == nil)
        #expect(values[.long] == nil)
    }

    @Test("an array, a scalar or an empty object has none of the keys")
    func notObjects() throws {
        for text in ["[1,2]", "\"a\"", "null", "{}"] {
            let values = try JSONNode.parse(text).values(of: Self.names)
            #expect(Key.allCases.allSatisfy { values[$0] == nil }, "\(text)")
        }
    }

    @Test("a nested object is read on its own, not with its parent's members")
    func nested() throws {
        let node = try JSONNode.parse(#"{"a":{"a":"inner","long_member_name":3},"long_member_namf":[{"a":4}]}"#)
        let outer = node.values(of: Self.names)
        #expect(outer[.a]?.object != nil)
        #expect(outer[.longName] == nil)
        let inner = try #require(outer[.a]).values(of: Self.names)
        #expect(inner[.a]?.string == "inner")
        #expect(inner[.longName]?.number?.int64 == 3)
    }
}
