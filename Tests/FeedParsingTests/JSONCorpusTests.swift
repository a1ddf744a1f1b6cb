import FeedParsing
import Foundation
import TestSupport
import Testing

/// The JSON files of the shared corpus, and what this parser must say about them.
enum JSONCorpus {
    static var directory: URL? { Corpus.directory }
    static let missingMessage = Corpus.missingMessage

    /// Every *.json and *.jsonld file, as paths relative to the corpus folder, sorted.
    static let files = Corpus.files(endingIn: [".json", ".jsonld"])

    static func data(_ relative: String) throws -> Data {
        Data(try Corpus.bytes(relative))
    }

    /// Documents that are not valid JSON (Python's json.load refuses them too), with the
    /// error this parser must report. Everything else must parse.
    static let invalid: [String: (reason: JSONParseError.Reason, line: Int, column: Int)] = [
        "bad/ckanext-dcat_croissant_dataset.jsonld": (.trailingComma(closing: UInt8(ascii: "}")), 78, 13),
        "bad/datacite_software_missing_comma.json": (.missingComma(found: UInt8(ascii: "\""), closing: UInt8(ascii: "}")), 4, 3),
        "bad/geodatagov_cfpb_sample6_bad_data.json": (.missingComma(found: UInt8(ascii: "["), closing: UInt8(ascii: "]")), 82, 7),
    ]

    /// Valid JSON that Foundation's JSONSerialization refuses: usaid.gov's data.json holds
    /// lone low-surrogate escapes (\udc92, \udcb0: Python surrogateescape artefacts of
    /// cp1252 bytes), which this parser turns into U+FFFD.
    static let foundationRejects: Set<String> = ["datajson/agency_usaid.data.json"]
}

/// Compares a parsed value with JSONSerialization's reading of the same document; returns
/// a description of the first difference, or nil.
private func jsonStructureMismatch(_ mine: JSONValue, _ theirs: Any, path: String = "$") -> String? {
    switch mine {
    case .null:
        return theirs is NSNull ? nil : "\(path): null vs \(type(of: theirs))"
    case .bool(let flag):
        guard let other = theirs as? Bool, other == flag else { return "\(path): \(flag) vs \(theirs)" }
        return nil
    case .number(let number):
        guard let other = theirs as? NSNumber, let double = number.double else { return "\(path): number \(number) vs \(theirs)" }
        if String(describing: type(of: theirs)).contains("Boolean") { return "\(path): number \(number) vs boolean" }
        let difference = abs(other.doubleValue - double)
        return difference <= 1e-12 * max(1, abs(double)) ? nil : "\(path): \(number.literal) vs \(other)"
    case .string(let text):
        return (theirs as? String) == text ? nil : "\(path): string differs"
    case .array(let elements):
        guard let other = theirs as? [Any] else { return "\(path): array vs \(type(of: theirs))" }
        guard other.count == elements.count else { return "\(path): \(elements.count) elements vs \(other.count)" }
        for (index, element) in elements.enumerated() {
            if let mismatch = jsonStructureMismatch(element, other[index], path: "\(path)[\(index)]") { return mismatch }
        }
        return nil
    case .object(let object):
        guard let other = theirs as? [String: Any] else { return "\(path): object vs \(type(of: theirs))" }
        let keys = Set(object.keys)
        guard keys == Set(other.keys) else { return "\(path): keys \(keys.sorted()) vs \(other.keys.sorted())" }
        for key in keys {
            // Duplicate keys: both keep the last value.
            if let mismatch = jsonStructureMismatch(object[key]!, other[key]!, path: "\(path).\(key)") { return mismatch }
        }
        return nil
    }
}

/// Counts values, for a sanity check that nothing is silently dropped.
private func jsonValueCount(_ value: JSONValue) -> Int {
    switch value {
    case .array(let elements): return 1 + elements.reduce(0) { $0 + jsonValueCount($1) }
    case .object(let object): return 1 + object.reduce(0) { $0 + jsonValueCount($1.value) }
    default: return 1
    }
}

@Suite("JSON corpus", .enabled(if: JSONCorpus.directory != nil, Comment(rawValue: JSONCorpus.missingMessage)))
struct JSONCorpusTests {
    @Test("the corpus holds JSON files and every expected-invalid file exists")
    func corpusInventory() throws {
        #expect(JSONCorpus.files.count >= 100, "found only \(JSONCorpus.files.count) JSON files")
        for name in JSONCorpus.invalid.keys {
            #expect(JSONCorpus.files.contains(name), "\(name) is missing from the corpus")
        }
    }

    @Test("every corpus JSON file parses, or fails exactly where it is broken", arguments: JSONCorpus.files)
    func corpusFile(_ relative: String) throws {
        let data = try JSONCorpus.data(relative)
        if let expected = JSONCorpus.invalid[relative] {
            do {
                _ = try JSONParser.parse(data)
                Issue.record("\(relative) is invalid JSON but parsed")
            } catch {
                #expect(error.reason == expected.reason, "\(error)")
                #expect(error.line == expected.line, "\(error)")
                #expect(error.column == expected.column, "\(error)")
            }
            return
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            Issue.record("\(relative): \(error)")
            return
        }
        // Round trip, compact and pretty.
        #expect(try JSONParser.parse(JSONWriter.write(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.write(value, options: .init(pretty: true))) == value)
        #expect(jsonValueCount(value) > 1 || !(value.array?.isEmpty ?? false))

        // Same structure as Foundation's reader.
        let foundation: Any
        do {
            foundation = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            #expect(JSONCorpus.foundationRejects.contains(relative), "JSONSerialization refused \(relative): \(error)")
            return
        }
        #expect(!JSONCorpus.foundationRejects.contains(relative), "JSONSerialization now reads \(relative)")
        if let mismatch = jsonStructureMismatch(value, foundation) {
            Issue.record("\(relative) differs from JSONSerialization at \(mismatch)")
        }
    }

    @Test("the broken Croissant JSON-LD parses when trailing commas are allowed")
    func croissantWithTrailingCommas() throws {
        let data = try JSONCorpus.data("bad/ckanext-dcat_croissant_dataset.jsonld")
        let value = try JSONParser.parse(data, options: .init(allowTrailingCommas: true))
        #expect(value["@context"] != nil)
    }

    @Test("usaid.gov data.json: lone surrogate escapes become U+FFFD")
    func usaidLoneSurrogates() throws {
        let data = try JSONCorpus.data("datajson/agency_usaid.data.json")
        let text = JSONWriter.string(try JSONParser.parse(data))
        #expect(text.contains("Feed the Future\u{FFFD}s updated"))
        #expect(text.components(separatedBy: "\u{FFFD}").count - 1 == 6)
    }

    @Test("duplicate keys in the CKAN scheming dataset are kept")
    func duplicateKeysInCorpus() throws {
        let data = try JSONCorpus.data("ckan/ckanext-dcat_ckan_full_dataset_dcat_ap.json")
        let value = try JSONParser.parse(data)
        func countDuplicates(_ value: JSONValue) -> Int {
            switch value {
            case .array(let elements): return elements.reduce(0) { $0 + countDuplicates($1) }
            case .object(let object):
                return (object.count - Set(object.keys).count) + object.reduce(0) { $0 + countDuplicates($1.value) }
            default: return 0
            }
        }
        #expect(countDuplicates(value) >= 1)
    }

    @Test("truncated real documents are refused, never crash")
    func truncatedCorpusDocument() throws {
        let bytes = [UInt8](try JSONCorpus.data("ckan/magda_brisbane_package_search_100.json"))
        var rng = JSONTestRNG(seed: 7)
        for _ in 0..<200 {
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            let error = try #require(jsonParseError(bytes: Array(bytes[..<cut])), "prefix \(cut) parsed")
            #expect(error.reason == .unexpectedEnd || error.reason == .unterminatedString || error.reason == .invalidNumber
                || error.reason == .emptyDocument, "\(error)")
        }
    }
}
