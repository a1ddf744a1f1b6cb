@testable import Quality
import TestSupport
import Testing

@Suite("URL and media type checks")
struct ChecksTests {
    static let plain = [
        "https://data.city.example/dataset/air-quality", "HTTP://Example.ORG", "http://example.org:8080/a?b=c&d=e#top",
        "ftp://files.example.org/pub/x.zip", "https://a-b.example/%7Euser/file(1).csv?x=1;y=2", "http://127.0.0.1:45371/dataset/x",
        "https://example.org/?q=a:b@c/d", "https://example.org#frag?x=/y", "https://data.gov.example/api/views/abcd-1234/rows.csv?accessType=DOWNLOAD",
    ]
    static let notPlain = [
        "", "example.org", "mailto:someone@example.org", "https://", "https://exa mple.org", "https:// example.org", "https://example.org/a b",
        "https://example.org/%zz", "https://example.org/%4", "https://[::1]/x", "https://user@example.org/", "https://ex_ample.org/",
        "https://example.org/a#b#c", "https://example.org:/", "https://example.org:123456/", "https://a..b/", "https://.a/", "https://a./",
        "https://example.org/\u{E9}t\u{E9}", "https://\u{E9}xample.org/", "https://example.org/a|b", "https://example.org/{x}", "gopher://example.org",
        "https:/example.org", "https:example.org", "https://example.org\\x", "https://example.org/\"q\"",
    ]

    @Test func plainURLsAreReadOverTheirBytesAndWellFormed() {
        for url in Self.plain {
            #expect(URLCheck.plainVerdict(url.utf8) == true, "\(url)")
            #expect(URLCheck.parsedVerdict(url), "\(url)")
            #expect(URLCheck.isWellFormed(url), "\(url)")
        }
    }

    @Test func everyOtherURLIsLeftToFoundation() {
        for url in Self.notPlain {
            #expect(URLCheck.plainVerdict(url.utf8) == nil, "\(url)")
            #expect(URLCheck.isWellFormed(url) == URLCheck.parsedVerdict(url), "\(url)")
        }
        #expect(!URLCheck.isWellFormed("https://exa mple.org"))
        #expect(!URLCheck.isWellFormed("mailto:someone@example.org"))
        #expect(URLCheck.isWellFormed("https://example.org/%C3%A9t%C3%A9"))
    }

    /// Random URLs of every printable ASCII character after a plain start: whenever the byte reading accepts one,
    /// Foundation's parser accepts it too.
    @Test func theByteReadingNeverAcceptsWhatFoundationRejects() {
        var random = SeededGenerator(seed: 20261123)
        let starts = ["http://", "https://", "HTTPS://", "ftp://", "http://a", "https://data.example", "http://x-1.example:80"]
        let printable = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }
        let likely = Array("abcXYZ019-._~!$&'()*+,;=:@/?#%")
        var accepted = 0
        for _ in 0..<20_000 {
            var url = starts.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                url.append(Bool.random(using: &random) ? likely.randomElement(using: &random)! : printable.randomElement(using: &random)!)
            }
            guard let verdict = URLCheck.plainVerdict(url.utf8) else { continue }
            accepted += 1
            #expect(verdict == URLCheck.parsedVerdict(url), "\(url)")
        }
        #expect(accepted > 1_000, "the sample should reach the byte reading's acceptance often")
    }

    @Test func mediaTypes() {
        for type in ["text/csv", "Application/JSON", "application/vnd.ms-excel", "TEXT/CSV", "image/png;q=1"] {
            #expect(MediaTypeCheck.isWellFormed(type), "\(type)")
        }
        for type in ["csv", "text/", "/csv", "text/csv/x", "text/comma separated", "image/png; q=1", "chemical/x-pdb", "", "t\u{E9}xt/csv"] {
            #expect(!MediaTypeCheck.isWellFormed(type), "\(type)")
        }
    }
}
