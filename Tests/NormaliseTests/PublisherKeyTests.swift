import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("Publisher match keys")
struct PublisherKeyTests {
    @Test("folds spellings of one publisher together", arguments: [
        ["City of Lakeside", "CITY OF LAKESIDE.", "  City  of   Lakeside ", "The City of Lakeside", "City Of Lakeside,"],
        ["Département de la Haute-Savoie", "DEPARTEMENT DE LA HAUTE SAVOIE", "Departement de la Haute–Savoie"],
        ["Acme Holdings Ltd.", "ACME HOLDINGS LIMITED", "Acme Holdings, Inc.", "Acme Holdings"],
        ["Stadtwerke München GmbH", "Stadtwerke Muenchen GmbH".replacingOccurrences(of: "ue", with: "ü"), "STADTWERKE MÜNCHEN"],
        ["Foo GmbH & Co. KG", "Foo"],
        ["Förderverein Open Data e.V.", "Förderverein Open Data e. V.", "Foerderverein Open Data".replacingOccurrences(of: "oe", with: "ö")],
        ["U.S. Department of Commerce", "US Department of Commerce", "U.S. Department Of Commerce"],
        ["Children's Hospital", "Childrens Hospital", "Children’s Hospital"],
        ["Straße & Verkehr", "Strasse and Verkehr"],
        ["Nobel Media AB", "Nobel Media"],
    ])
    func matches(names: [String]) {
        let keys = Set(names.map { PublisherKey.make($0) })
        #expect(keys.count == 1, "\(names) → \(keys)")
    }

    @Test("keeps different publishers apart", arguments: [
        ("City of London", "London"),
        ("Department for Transport", "Department of Transport"),
        ("Lakeside County", "Lakeside City"),
        ("Office for National Statistics", "ONS"),
        ("Co-operative Bank", "Operative Bank"),
        ("AG Department", "Department"),
    ])
    func differs(first: String, second: String) {
        #expect(PublisherKey.make(first) != PublisherKey.make(second))
    }

    @Test("writes the key", arguments: [
        ("City of Lakeside", "city lakeside"),
        ("CITY OF LAKESIDE.", "city lakeside"),
        ("Région Île-de-France", "region ile de france"),
        ("The Company", "company"),
        ("Of The", "of the"),
        ("Ltd", "ltd"),
        ("Foo & Bar Ltd", "foo and bar"),
        ("Open Knowledge Foundation Deutschland e.V.", "open knowledge foundation deutschland"),
        ("Øresund Bridge A/S", "oresund bridge"),
        ("   ", nil),
        ("---", nil),
    ] as [(String, String?)])
    func writes(name: String, key: String?) {
        #expect(PublisherKey.make(name) == key)
    }

    @Test func ruleSetsKeysAndKeepsNames() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.publisher = Agent(name: "CITY OF LAKESIDE.")
        record.creator = Agent(name: "Lakeside Parks Dept., Inc.")
        let (output, issues) = PublisherKeyRule().applyingAlone(record, NormalisationContext())
        #expect(output.publisher?.name == "CITY OF LAKESIDE.")
        #expect(output.publisher?.matchKey == "city lakeside")
        #expect(output.creator?.matchKey == "lakeside parks dept")
        #expect(output.notes.isEmpty && issues.isEmpty)
    }
}
