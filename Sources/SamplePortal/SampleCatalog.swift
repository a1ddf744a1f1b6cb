public import Foundation
import Dispatch
import Synchronization

/// Why a sample directory could not be loaded. The description always names the path.
public enum SampleCatalogError: Error, CustomStringConvertible, Sendable {
    case unreadableDirectory(path: String, reason: String)
    case noSampleFiles(directory: String)
    case unreadableFile(path: String, reason: String)
    case malformed(path: String, reason: String)
    case duplicatePortal(id: String, firstFile: String, secondFile: String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return "cannot read sample directory \(path): \(reason)"
        case .noSampleFiles(let directory):
            return "no *.json sample files in \(directory)"
        case .unreadableFile(let path, let reason):
            return "cannot read sample file \(path): \(reason)"
        case .malformed(let path, let reason):
            return "malformed sample file \(path): \(reason)"
        case .duplicatePortal(let id, let first, let second):
            return "portal id '\(id)' is defined twice: in \(first) and in \(second)"
        }
    }

    /// The file or directory the error is about.
    public var path: String {
        switch self {
        case .unreadableDirectory(let path, _), .unreadableFile(let path, _), .malformed(let path, _): return path
        case .noSampleFiles(let directory): return directory
        case .duplicatePortal(_, _, let second): return second
        }
    }
}

/// Summary of one sample portal.
public struct SamplePortalInfo: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String
    public var language: String
    public var packageCount: Int
    public var organizationCount: Int
    public var groupCount: Int
    /// The file it was loaded from.
    public var file: String
}

/// All sample portals of a directory, parsed once, with every package's JSON
/// serialized once so that responses are built by concatenation.
public struct SampleCatalog: Sendable {
    struct Package: Sendable {
        /// Index in the sample file (last tie-breaker, so the order is total even with duplicate ids).
        var position: Int
        /// Nil when the sample's package has no usable id / name (dirty sample records are served as they are).
        var id: String?
        var name: String?
        var title: String
        var type: String
        var organizationName: String?
        var organizationID: String?
        var tags: [String]
        var groups: [String]
        var modified: Int64?
        var created: Int64?
        /// Lowercased words of title, notes and tag names.
        var words: Set<String>
        var json: [UInt8]
    }

    struct Named: Sendable {
        var id: String?
        var name: String?
        var title: String
        var json: [UInt8]
    }

    struct Portal: Sendable {
        var info: SamplePortalInfo
        /// Sorted by metadata_modified descending, then id (the default search order).
        var packages: [Package]
        var packageIndex: [String: Int]  // id and name -> index in `packages`
        var organizations: [Named]
        var groups: [Named]
    }

    var portals: [String: Portal]

    /// Portal ids, sorted.
    public var portalIDs: [String] { portals.keys.sorted() }

    public func info(for portalID: String) -> SamplePortalInfo? { portals[portalID]?.info }

    /// Loads every `*.json` file of `directory` (not recursive), in name order.
    /// A portal's id is `portal.id` in the file, or the file name without `.json`
    /// when that is missing; when both are present they must agree.
    public static func load(directory: URL) throws -> SampleCatalog {
        let fm = FileManager.default
        let dirPath = directory.path
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dirPath, isDirectory: &isDir) else {
            throw SampleCatalogError.unreadableDirectory(path: dirPath, reason: "no such directory")
        }
        guard isDir.boolValue else {
            throw SampleCatalogError.unreadableDirectory(path: dirPath, reason: "not a directory")
        }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: dirPath)
        } catch {
            throw SampleCatalogError.unreadableDirectory(path: dirPath, reason: describe(error))
        }
        let files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
        guard !files.isEmpty else { throw SampleCatalogError.noSampleFiles(directory: dirPath) }
        return try load(files: files)
    }

    /// Loads the given sample files (in parallel; errors are reported for the first bad file in the given order).
    public static func load(files: [URL]) throws -> SampleCatalog {
        let results = Mutex([Result<Portal, SampleCatalogError>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            let result: Result<Portal, SampleCatalogError>
            do {
                let data: Data
                do {
                    data = try Data(contentsOf: file)
                } catch {
                    throw SampleCatalogError.unreadableFile(path: file.path, reason: describe(error))
                }
                let stem = file.deletingPathExtension().lastPathComponent
                result = .success(try parsePortal(data: data, fileStem: stem, path: file.path))
            } catch let error as SampleCatalogError {
                result = .failure(error)
            } catch {
                result = .failure(.malformed(path: file.path, reason: describe(error)))
            }
            results.withLock { $0[i] = result }
        }
        var portals: [String: Portal] = [:]
        for (file, result) in zip(files, results.withLock { $0 }) {
            let portal = try result!.get()
            if let existing = portals[portal.info.id] {
                throw SampleCatalogError.duplicatePortal(id: portal.info.id, firstFile: existing.info.file, secondFile: file.path)
            }
            portals[portal.info.id] = portal
        }
        return SampleCatalog(portals: portals)
    }

    // MARK: Parsing

    static func parsePortal(data: Data, fileStem: String, path: String) throws -> Portal {
        func bad(_ reason: String) -> SampleCatalogError { .malformed(path: path, reason: reason) }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw bad("not valid JSON: \(describe(error))")
        }
        guard let object = root as? [String: Any] else { throw bad("the top level is not a JSON object") }

        let portalDict = object["portal"] as? [String: Any] ?? [:]
        if object["portal"] != nil && object["portal"] as? [String: Any] == nil {
            throw bad("\"portal\" is not an object")
        }
        let id: String
        if let given = portalDict["id"] {
            guard let s = given as? String, isValidPortalID(s) else {
                throw bad("portal.id must be a non-empty string of letters, digits, '-', '_' or '.'")
            }
            guard s == fileStem else { throw bad("portal.id '\(s)' does not match the file name '\(fileStem).json'") }
            id = s
        } else {
            guard isValidPortalID(fileStem) else { throw bad("file name '\(fileStem)' is not usable as a portal id") }
            id = fileStem
        }

        func list(_ key: String) throws -> [[String: Any]] {
            guard let value = object[key] else { return [] }
            guard let array = value as? [Any] else { throw bad("\"\(key)\" is not an array") }
            return try array.enumerated().map { index, element in
                guard let dict = element as? [String: Any] else { throw bad("\(key)[\(index)] is not an object") }
                return dict
            }
        }

        // Sample files may deliberately contain dirty records (a package without an id,
        // a null title, an odd timestamp) for the harvester to cope with: such records
        // are served as they are; only the file's structure is checked.
        func named(_ key: String) throws -> [Named] {
            try list(key).enumerated().map { index, dict in
                let name = dict["name"] as? String
                let title = (dict["title"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? name ?? ""
                return Named(id: dict["id"] as? String ?? name, name: name, title: title,
                             json: try serialize(dict, path: path, what: "\(key)[\(index)]"))
            }
        }

        let organizations = try named("organizations")
        let groups = try named("groups")
        var orgNameByID: [String: String] = [:]
        for org in organizations { if let id = org.id, let name = org.name, orgNameByID[id] == nil { orgNameByID[id] = name } }

        var packages: [Package] = []
        for (index, dict) in try list("packages").enumerated() {
            let modified = (dict["metadata_modified"] as? String).flatMap(Timestamp.microseconds)
            let created = (dict["metadata_created"] as? String).flatMap(Timestamp.microseconds)

            let orgDict = dict["organization"] as? [String: Any]
            let ownerOrg = dict["owner_org"] as? String
            let orgName = (orgDict?["name"] as? String) ?? ownerOrg.flatMap { orgNameByID[$0] }
            let orgID = (orgDict?["id"] as? String) ?? ownerOrg

            let tags = (dict["tags"] as? [Any] ?? []).compactMap { tag -> String? in
                if let t = tag as? [String: Any] { return t["name"] as? String ?? t["display_name"] as? String }
                return tag as? String
            }
            let packageGroups = (dict["groups"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["name"] as? String }
            let title = dict["title"] as? String ?? ""
            let notes = dict["notes"] as? String ?? ""
            var words = Set<String>()
            for text in [title, notes] + tags { words.formUnion(searchWords(text)) }

            packages.append(Package(
                position: index,
                id: (dict["id"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                name: (dict["name"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                title: title, type: dict["type"] as? String ?? "dataset",
                organizationName: orgName, organizationID: orgID, tags: tags, groups: packageGroups,
                modified: modified, created: created, words: words,
                json: try serialize(dict, path: path, what: "packages[\(index)]")))
        }
        packages.sort(by: PackageOrder.defaultOrder)
        // package_show looks up by id, then by name; with duplicates the earlier package in the file wins.
        var packageIndex: [String: Int] = [:]
        for (i, p) in packages.enumerated().sorted(by: { $0.element.position > $1.element.position }) {
            if let name = p.name { packageIndex[name] = i }
        }
        for (i, p) in packages.enumerated().sorted(by: { $0.element.position > $1.element.position }) {
            if let id = p.id { packageIndex[id] = i }
        }

        let info = SamplePortalInfo(
            id: id,
            title: portalDict["title"] as? String ?? id,
            description: portalDict["description"] as? String ?? "",
            language: portalDict["language"] as? String ?? "en",
            packageCount: packages.count, organizationCount: organizations.count, groupCount: groups.count,
            file: path)
        return Portal(info: info, packages: packages, packageIndex: packageIndex,
                      organizations: organizations, groups: groups)
    }

    static func serialize(_ object: [String: Any], path: String, what: String) throws -> [UInt8] {
        // Sorted keys: the same sample always gives the same bytes, whatever the process's hash seed.
        do {
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw SampleCatalogError.malformed(path: path, reason: "\(what) cannot be serialized as JSON: \(describe(error))")
        }
    }

    static func isValidPortalID(_ s: String) -> Bool {
        !s.isEmpty && s != "api" && s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        } && !s.hasPrefix(".")
    }

    /// Lowercased runs of letters and digits.
    static func searchWords(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let debug = ns.userInfo["NSDebugDescription"] as? String, !debug.isEmpty {
            return "\(ns.localizedDescription) (\(debug))"
        }
        return ns.localizedDescription
    }
}

enum PackageOrder {
    /// metadata_modified descending (missing or unreadable last), ties by id ascending.
    static func defaultOrder(_ a: SampleCatalog.Package, _ b: SampleCatalog.Package) -> Bool {
        let am = a.modified ?? Int64.min
        let bm = b.modified ?? Int64.min
        if am != bm { return am > bm }
        return tieBreak(a, b)
    }

    /// id ascending (a missing id sorts first), then position in the file.
    static func tieBreak(_ a: SampleCatalog.Package, _ b: SampleCatalog.Package) -> Bool {
        let ai = a.id ?? "", bi = b.id ?? ""
        if ai != bi { return ai < bi }
        return a.position < b.position
    }
}
