import Testing
@testable import FeedParsing

/// IRI resolution, number forms and canonical JSON used by the JSON-LD reader.
@Suite struct JSONLDHelperTests {
    @Test(arguments: [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("..", "http://a/b/"), ("../g", "http://a/b/g"),
        ("../../g", "http://a/g"), ("../../../g", "http://a/g"), ("/./g", "http://a/g"), ("g;x=1/../y", "http://a/b/c/y"),
        ("urn:x:y", "urn:x:y"),
    ])
    func resolvesRFC3986Examples(reference: String, expected: String) {
        #expect(JSONLDIRI.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
    }

    @Test func absoluteAndWellFormedIRIs() {
        #expect(JSONLDIRI.isAbsolute("example-ds:BeePopulation"))
        #expect(!JSONLDIRI.isAbsolute("1abc:x"))
        #expect(!JSONLDIRI.isAbsolute("relative/path"))
        #expect(JSONLDIRI.isWellFormed("https://example.org/a?b=c#d"))
        #expect(!JSONLDIRI.isWellFormed("https://example.org/a b"))
    }

    @Test func canonicalNumbers() {
        #expect(JSONLDNumberFormat.canonicalDouble(1.5) == "1.5E0")
        #expect(JSONLDNumberFormat.canonicalDouble(-0.00025) == "-2.5E-4")
        #expect(JSONLDNumberFormat.canonicalDouble(1e21) == "1.0E21")
        #expect(JSONLDNumberFormat.canonicalDouble(123456.789) == "1.23456789E5")
        #expect(JSONLDNumberFormat.integerText(1e20) == "100000000000000000000")
        #expect(JSONLDNumberFormat.ecmaScript(1e21) == "1e+21")
        #expect(JSONLDNumberFormat.ecmaScript(1e-7) == "1e-7")
        #expect(JSONLDNumberFormat.ecmaScript(0.000001) == "0.000001")
        #expect(JSONLDNumberFormat.ecmaScript(2.5) == "2.5")
    }

    @Test func canonicalJSON() throws {
        let value = try JSONParser.parse(#"{"b": [true, null, 1.50], "a": {"z": "\u0007é\"", "y": 10}}"#)
        #expect(JSONLDCanonicalJSON.text(value) == #"{"a":{"y":10,"z":"\u0007é\""},"b":[true,null,1.5]}"#)
    }

    @Test func jsonPointersEscape() {
        var path = JSONLDPath()
        #expect(path.display == "the document root")
        path.push("a/b")
        path.push(2)
        path.push("m~n")
        #expect(path.pointer == "/a~1b/2/m~0n")
    }
}
