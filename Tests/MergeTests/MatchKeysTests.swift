import CatalogModel
import Foundation
import Testing
@testable import Merge

@Suite("Match keys")
struct MatchKeysTests {
    @Test("normalises URLs written different ways", arguments: [
        ("https://www.Data.Example/dataset/x/", "data.example/dataset/x"),
        ("http://data.example:80/dataset/x#top", "data.example/dataset/x"),
        ("https://data.example/api?b=2&a=1", "data.example/api?a=1&b=2"),
        ("HTTPS://DATA.EXAMPLE", "data.example"),
    ])
    func urls(input: String, expected: String) {
        #expect(URLKey.normalise(input) == expected)
    }

    @Test func theASCIIPathGivesWhatTheGeneralPathGives() {
        var inputs = [
            " https://www.Data.Example/dataset/x/ ", "\thttp://data.example:80/dataset/x#top\r\n", "https://data.example/api?b=2&a=1",
            "HTTPS://DATA.EXAMPLE", "https://user:pw@WWW.host.example:443/a//?&&z=1&&a=2#f?x", "http://host:8080/", "https://:80/x",
            "https://www./", "http://", "https://", "ftp://x.example", "https://a.example?q", "https://a.example/?b&a&B", "http:/x",
            "https://a.example#?x=1", "https://a@b@c.example/p/", "HtTp://X.example:443", "https://x.example:80:80/",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("hHtTpPsS:/?#&=@.w:80443 \t\nxXaA-_%")
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...30, using: &generator)
            let body = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            inputs.append(["https://", "http://", "HTTP://", ""].randomElement(using: &generator)! + body)
        }
        for input in inputs {
            #expect(URLKey.normaliseASCII(input) == .some(URLKey.normaliseAnyText(input)), "\(input.debugDescription)")
        }
        #expect(URLKey.normaliseASCII("https://données.example/") == .none)
        #expect(URLKey.normalise("https://WWW.Données.example/") == "données.example")
    }

    @Test func refusesWhatIsNotAnHTTPURL() {
        #expect(URLKey.normalise("ftp://x.example/a") == nil)
        #expect(URLKey.normalise("not a url") == nil)
        #expect(URLKey.normalise("https://") == nil)
    }

    @Test("reads DOIs in every shape", arguments: [
        ("doi:10.5061/dryad.1234", "10.5061/dryad.1234"),
        ("https://doi.org/10.5061/DRYAD.1234", "10.5061/dryad.1234"),
        ("http://dx.doi.org/10.1000/xyz", "10.1000/xyz"),
        ("10.1000/xyz", "10.1000/xyz"),
        ("  DOI:10.1000/ABC\n", "10.1000/abc"),
        ("doi: 10.7910/dvn/10.5", "10.7910/dvn/10.5"),
    ])
    func dois(input: String, expected: String) {
        #expect(DOIKey.normalise(input) == expected)
    }

    @Test func notDOIs() {
        #expect(DOIKey.normalise("version 10.2") == nil)
        #expect(DOIKey.normalise("https://example.org/10.1000/x") == nil)
        #expect(DOIKey.normalise("3f2a9c1e-10-4b1e") == nil)
        #expect(DOIKey.normalise("1.0.10/x") == nil)
        #expect(DOIKey.normalise("") == nil)
    }

    static func record(_ source: String, _ local: String, title: String, publisher: String = "City",
                       issued: String? = "2020-01-01", downloads: [String] = [], identifiers: [String] = []) -> CatalogRecord {
        var record = CatalogRecord(id: "\(source)/\(local)", title: LocalizedText(title),
                                   provenance: Provenance(sourceID: source, kind: "ckan", originalID: local,
                                                          originalURL: "https://\(source).example/dataset/\(local)", harvestedAt: Date()))
        record.publisher = Agent(name: publisher)
        record.issued = issued.map { CatalogDate(raw: $0, iso: $0) }
        record.distributions = downloads.map { Distribution(accessURL: $0) }
        record.identifiers = identifiers.map { Identifier($0) }
        return record
    }

    @Test func sameDownloadsInAnyOrderAndSpellingMatch() {
        let a = Self.record("city", "1", title: "Trees", downloads: ["https://files.example/a.csv", "http://files.example/b.json"])
        let b = Self.record("nation", "9", title: "Street trees", downloads: ["https://files.example/b.json", "https://www.files.example/a.csv/"])
        let shared = Set(MatchKeys.keys(for: a)).intersection(MatchKeys.keys(for: b))
        #expect(shared.map(\.kind) == ["downloads"])
        #expect(shared.allSatisfy { $0.strong })
    }

    @Test func aCopyMatchesItsOriginalByIdOrPage() {
        let original = Self.record("city", "fbe82ed1-1322-4a76-acfc-71a887b75c21", title: "Road works",
                                   identifiers: ["fbe82ed1-1322-4a76-acfc-71a887b75c21"])
        var copy = Self.record("nation", "x", title: "Road works")
        copy.extras["guid"] = "FBE82ED1-1322-4A76-ACFC-71A887B75C21"
        #expect(!Set(MatchKeys.keys(for: original)).isDisjoint(with: MatchKeys.keys(for: copy)))
        var byPage = Self.record("nation", "y", title: "Other title")
        byPage.extras["identifier"] = "http://city.example/dataset/fbe82ed1-1322-4a76-acfc-71a887b75c21/"
        #expect(!Set(MatchKeys.keys(for: original)).isDisjoint(with: MatchKeys.keys(for: byPage)))
    }

    @Test func sameTitleDifferentPublisherStaysApart() {
        let a = Self.record("city", "1", title: "Population census 2020", publisher: "City of Lakeside")
        let b = Self.record("nation", "2", title: "Population census 2020", publisher: "Norland Statistics Office")
        #expect(Set(MatchKeys.keys(for: a)).isDisjoint(with: MatchKeys.keys(for: b)))
        let c = Self.record("nation", "3", title: "POPULATION CENSUS, 2020", publisher: "City of Lakeside")
        let weak = Set(MatchKeys.keys(for: a)).intersection(MatchKeys.keys(for: c))
        #expect(weak.map(\.kind) == ["title"])
        #expect(weak.allSatisfy { !$0.strong })
    }

    @Test func shortIdentifiersAreNotGlobal() {
        #expect(!MatchKeys.isGlobal("1"))
        #expect(!MatchKeys.isGlobal("air-quality"))
        #expect(MatchKeys.isGlobal("0a1b2c3d-0000-4000-8000-000000000001"))
        #expect(MatchKeys.isGlobal(" 0A1B2C3D-0000-4000-8000-00000000000F\n"))
        #expect(!MatchKeys.isGlobal("0a1b2c3d-0000-4000-8000-00000000000g"))
        #expect(!MatchKeys.isGlobal("0a1b2c3d-0000-4000-8000-0000000000001"))
        #expect(!MatchKeys.isGlobal("0a1b2c3d00000-4000-8000-000000000001"))
        // Not ASCII: characters, not bytes, are counted (full-width digits are hex digits to Swift).
        #expect(MatchKeys.isGlobal("０a1b2c3d-0000-4000-8000-000000000001"))
        #expect(!MatchKeys.isGlobal("éa1b2c3d-0000-4000-8000-000000000001"))
    }

    @Test func canonicalRankPrefersTheOriginalThenCompletenessThenRecency() {
        let own = CanonicalRank(isCopy: false, completeness: 5, modified: "2020", id: "z/1")
        let copy = CanonicalRank(isCopy: true, completeness: 9, modified: "2024", id: "a/1")
        #expect(own < copy)
        let fuller = CanonicalRank(isCopy: false, completeness: 8, modified: "2019", id: "b/1")
        #expect(fuller < own)
        let newer = CanonicalRank(isCopy: false, completeness: 5, modified: "2021", id: "c/1")
        #expect(newer < own)
        #expect([copy, own, fuller, newer].min() == fuller)
    }
}

@Suite("Title folding")
struct TitleKeyTests {
    @Test("folds case, accents and punctuation", arguments: [
        ("Qualité de l'Air — 2020!", "qualite de l air 2020"),
        ("Straßenbäume", "strassenbaume"),
        ("  ROAD works,and closures. ", "road works and closures"),
        ("Ærø Øst", "aero ost"),
        ("Καιρός 2020", "καιρος 2020"),
    ])
    func folds(input: String, expected: String) {
        #expect(TitleKey.fold(input) == expected)
    }
}
