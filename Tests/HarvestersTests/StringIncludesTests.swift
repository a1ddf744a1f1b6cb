import CatalogModel
import Foundation
import Testing

/// `String.includes` answers as Foundation's `contains` does.
@Suite("String includes")
struct StringIncludesTests {
    static let texts = ["", "a", "doi.org/10.1234", "https://doi.org/10.5281/zenodo.1", "GEMET - INSPIRE themes, version 1.0",
                        "gemet - inspire themes", "EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "line\r\nbreak", "x\r", "\ny",
                        "café doi.org/10.1", "cafe\u{301}", "Straße", "ｄｏｉ.org/10.", "doi.org/10", "dodoi.org/10.x"]
    static let needles = ["doi.org/10.", "gemet - inspire themes", "4326", "CRS84", "DOWNLOAD", "a", "\r", "\n", "\r\n", "e", "é",
                          "isotc211.org/2005", "x", "break"]

    @Test func agreesWithFoundation() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(text.includes(needle) == text.contains(needle), "\(text.debugDescription) includes \(needle.debugDescription)")
            }
            #expect(text.includes(text) == text.contains(text), "\(text.debugDescription)")
        }
    }
}
