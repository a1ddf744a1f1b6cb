import Testing
@testable import Harvesters

@Suite("CKAN extras by key")
struct CKANExtraFieldsTests {
    /// A few extras are searched in turn, many through a dictionary: both read the same.
    @Test("keys are matched in lower case, the first of a key wins, empty values are absent, the rest is kept as published",
          arguments: [0, 40])
    func lookups(padding: Int) {
        let filler = (0..<padding).map { (key: "filler_\($0)", value: "x") }
        let extras = ExtraFields(filler + [("Spatial", " POINT (1 2) "), ("spatial", "second"), ("blank", "  "), ("Theme", "t")])
        #expect(extras["spatial"] == "POINT (1 2)")
        #expect(extras["blank"] == nil)
        #expect(extras["theme"] == "t")
        #expect(extras["Theme"] == nil)
        #expect(extras["missing"] == nil)
        // Every pair of a key read is used, whatever its case; an empty value read counts as not read.
        #expect(extras.unused.map(\.key) == filler.map(\.key) + ["blank"])
        #expect(extras.unused.last?.value == "  ")
    }
}
