import Export
import Foundation
import Testing
import TestSupport

/// data.json checked with jsonschema against the DCAT-US schemas data.gov's harvester uses: 1.1 (catalog +
/// non-federal dataset; fedcat's publishers are not US federal agencies, so bureauCode/programCode do not apply)
/// and 3.0 (all definitions registered by `$id`).
@Suite struct DataJSONValidationTests {
    static let v11Script = """
    import sys, json
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    folder = sys.argv[2]
    catalog = json.load(open(folder + "/catalog.json"))
    dataset = json.load(open(folder + "/non-federal_dataset.json"))
    registry = Registry().with_resources([(s["$id"].rstrip("#"), Resource.from_contents(s)) for s in (catalog, dataset)])
    validator = Draft202012Validator(catalog, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(json.load(open(sys.argv[1]))))
    for e in errors: print(list(e.absolute_path), e.message)
    print(len(errors), "errors")
    """

    static let v3Script = """
    import sys, json, glob
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    schemas = [json.load(open(p)) for p in sorted(glob.glob(sys.argv[2] + "/*.json"))]
    registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in schemas])
    catalog = next(s for s in schemas if s["$id"].endswith("/catalog"))
    validator = Draft202012Validator(catalog, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(json.load(open(sys.argv[1]))))
    for e in errors: print(list(e.absolute_path), e.message)
    print(len(errors), "errors")
    """

    @Test func dataJSON11ValidatesAgainstTheDCATUS11Schema() throws {
        guard let folder = ToolChecks.validation("dcat-us/1.1/datagov-harvester") else { return }
        let path = try FixtureCatalogue.temporaryFile(FixtureCatalogue.export("datajson", store: FixtureCatalogue.store()), name: "data.json")
        guard let result = try ToolChecks.python(Self.v11Script, [path, folder]) else { return }
        #expect(result.status == 0 && result.output.hasSuffix("0 errors\n"), "\(result.output)\(result.error)")
    }

    @Test func dataJSON11WithoutAKeywordFailsTheSchema() throws {
        guard let folder = ToolChecks.validation("dcat-us/1.1/datagov-harvester") else { return }
        let text = try FixtureCatalogue.export("datajson", store: FixtureCatalogue.store())
            .replacingOccurrences(of: "\"title\":\"Bus stops\"", with: "\"title\":7")
        let path = try FixtureCatalogue.temporaryFile(text, name: "data.json")
        guard let result = try ToolChecks.python(Self.v11Script, [path, folder]) else { return }
        #expect(!result.output.hasSuffix(" 0 errors\n") && result.output.contains("errors"), "\(result.output)\(result.error)")
    }

    @Test func dataJSON3ValidatesAgainstTheDCATUS3Schema() throws {
        guard let folder = ToolChecks.validation("dcat-us/3.0/datagov-harvester/definitions") else { return }
        let path = try FixtureCatalogue.temporaryFile(FixtureCatalogue.export("datajson3", store: FixtureCatalogue.store()), name: "data3.json")
        guard let result = try ToolChecks.python(Self.v3Script, [path, folder]) else { return }
        #expect(result.status == 0 && result.output.hasSuffix("\n0 errors\n") || result.output == "0 errors\n", "\(result.output)\(result.error)")
    }
}
