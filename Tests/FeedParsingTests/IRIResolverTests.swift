import FeedParsing
import Testing

@Suite("IRI resolution (RFC 3986 section 5)")
struct IRIResolverTests {
    static let base = "http://a/b/c/d;p?q"

    /// RFC 3986 section 5.4.1, normal examples.
    static let normal: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ]

    /// RFC 3986 section 5.4.2, abnormal examples (strict parser for the last one).
    static let abnormal: [(String, String)] = [
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"), ("g/./h", "http://a/b/c/g/h"),
        ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"), ("g#s/./x", "http://a/b/c/g#s/./x"),
        ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
    ]

    @Test("the RFC's normal examples", arguments: normal)
    func normalExamples(reference: String, expected: String) throws {
        let resolver = try #require(IRIResolver(base: Self.base))
        #expect(resolver.resolve(reference) == expected)
    }

    @Test("the RFC's abnormal examples", arguments: abnormal)
    func abnormalExamples(reference: String, expected: String) throws {
        let resolver = try #require(IRIResolver(base: Self.base))
        #expect(resolver.resolve(reference) == expected)
    }

    @Test("bases without a path, with a fragment, without an authority; IRIs beyond ASCII")
    func otherBases() throws {
        #expect(IRIResolver(base: "http://a")?.resolve("g") == "http://a/g")
        #expect(IRIResolver(base: "http://a")?.resolve("?q") == "http://a?q")
        #expect(IRIResolver(base: "http://a/b#frag")?.resolve("") == "http://a/b")
        #expect(IRIResolver(base: "http://a/b#frag")?.resolve("#other") == "http://a/b#other")
        #expect(IRIResolver(base: "urn:x:y")?.resolve("#f") == "urn:x:y#f")
        #expect(IRIResolver(base: "file:///data/cat.rdf")?.resolve("ds/1") == "file:///data/ds/1")
        #expect(IRIResolver(base: "https://données.example/é/")?.resolve("ü?ß#ø") == "https://données.example/é/ü?ß#ø")
        #expect(IRIResolver(base: "http://a/b/c")?.resolve("//other.example/../x") == "http://other.example/x")
        #expect(IRIResolver(base: "http://a/b/c")?.resolve("http://x/./y/../z") == "http://x/z")
        #expect(IRIResolver(base: "http://a/b/c")?.resolve("http://x/y z") == "http://x/y z")
    }

    @Test("relative or empty bases make no resolver; absolute references need none")
    func noBase() {
        #expect(IRIResolver(base: "") == nil)
        #expect(IRIResolver(base: "dataset-3") == nil)
        #expect(IRIResolver(base: "1http://a") == nil)
        #expect(IRIResolver.resolve("g", against: nil) == nil)
        #expect(IRIResolver.resolve("g", against: "relative/base") == nil)
        #expect(IRIResolver.resolve("urn:a:b", against: nil) == "urn:a:b")
        #expect(IRIResolver.resolve("http://a/./b", against: "") == "http://a/b")
        #expect(IRIResolver.isAbsolute("mailto:x@example.org"))
        #expect(!IRIResolver.isAbsolute("customercare@example.org"))
        #expect(!IRIResolver.isAbsolute("a b:c"))
    }

    @Test("dot segment removal (section 5.2.4)")
    func dotSegments() {
        #expect(IRIResolver.removeDotSegments("/a/b/c/./../../g") == "/a/g")
        #expect(IRIResolver.removeDotSegments("mid/content=5/../6") == "mid/6")
        #expect(IRIResolver.removeDotSegments("/..") == "/")
        #expect(IRIResolver.removeDotSegments("/a/..") == "/")
        #expect(IRIResolver.removeDotSegments("..") == "")
        #expect(IRIResolver.removeDotSegments("/a/b") == "/a/b")
    }
}

