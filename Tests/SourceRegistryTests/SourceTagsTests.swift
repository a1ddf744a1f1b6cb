import CatalogModel
import Foundation
import Testing
@testable import SourceRegistry

@Suite("Source tags (what schedules select sources by)")
struct SourceTagsTests {
    @Test func tagsReadAsAListOrOneWordAndRenderBack() throws {
        let listed = try SourceFile.parse("version: 1\nid: city\nkind: ckan\nurl: https://city.example\ntags: [city, nightly]\n",
                                          path: "harvesters/city.yaml", expectedID: "city")
        #expect(listed.tags == ["city", "nightly"])
        let single = try SourceFile.parse("version: 1\nid: city\nkind: ckan\nurl: https://city.example\ntags: city\n",
                                          path: "harvesters/city.yaml", expectedID: "city")
        #expect(single.tags == ["city"])
        let rendered = SourceFile.render(listed)
        #expect(rendered.contains("tags: [\"city\", \"nightly\"]\n"))
        #expect(try SourceFile.parse(rendered, path: "harvesters/city.yaml", expectedID: "city") == listed)
        let none = try SourceFile.parse("version: 1\nid: city\nkind: ckan\nurl: https://city.example\n", path: "p", expectedID: "city")
        #expect(none.tags.isEmpty)
        #expect(!SourceFile.render(none).contains("tags"))
    }

    @Test func aTagThatIsAMappingIsRefusedWithTheKey() {
        #expect {
            _ = try SourceFile.parse("version: 1\nid: city\nkind: ckan\nurl: https://city.example\ntags:\n  - {a: 1}\n",
                                     path: "harvesters/city.yaml", expectedID: "city")
        } throws: { error in
            "\(error)".contains("harvesters/city.yaml: 'tags'")
        }
    }
}
