public import CatalogModel

/// Gives each distribution an EU file type (`fileType`) and an IANA media type, read from its published format,
/// its media type and the extension of its URL, in that order of trust.
///
/// - The format is kept as published; `fileType` gets the EU file-type URI
///   (`http://publications.europa.eu/resource/authority/file-type/CSV`) and `mediaType`, when missing, the file
///   type's media type. A published media type is kept, in lower case and without parameters
///   (`text/csv; charset=utf-8` → `text/csv`), and a wrongly named one is renamed (`application/xls` →
///   `application/vnd.ms-excel`); one that says nothing (`application/unknown`) is dropped.
/// - Formats read: EU file-type URIs, codes and labels (`CSV`, `Excel XLSX`, `Esri Shape`), extensions (`.csv`),
///   media types and IANA media-type URIs (`text/csv`), common names (`CSV file`, `Shapefile`, `HT ML`,
///   `excel (.xlsx)`), and zipped formats (`csv (zip)`, `Zipped CSV`, `zip (shp)`: the ZIP file type, the inner
///   format in the note's rule, `format.zipped-csv`).
/// - A name that only gives the family (`Excel`, `Web page`) or a media type that only says "bytes"
///   (`application/octet-stream`) counts only when nothing more precise is known (an `.xlsx` URL wins).
/// - APIs, services and links (`API`, `JSON API`, `Interactive on-screen`, `GTFS-RT`) are recognised but name no
///   file, so they get no file type and raise no issue; nothing is inferred from their URL either. OGC and Esri
///   services with an EU code (`WMS` → `WMS_SRVC`, `WFS`, `Esri REST` → `REST`) and `GTFS` get theirs.
/// - A published format fedcat cannot read, on a distribution nothing else types, raises `format.unknown` (info).
///
/// Each file type set is noted on `distributions[i].format` (rule `format.<how>`), each media type set or
/// changed on `distributions[i].mediaType`. Runs after `DistributionRule`, which trims the fields.
public struct FormatRule: NormalisationRule {
    public let name = "formats"
    public init() {}

    static let fileTypePrefix = "http://publications.europa.eu/resource/authority/file-type/"

    /// What one piece of evidence says about a distribution's file type.
    enum Reading: Equatable, Sendable {
        /// An EU file-type code; `weak` when it only gives the family; `how` names the reading (`name`, `zipped-csv`).
        case fileType(code: String, weak: Bool, how: String)
        /// An API, a service or a link: no file type, and none to look for.
        case nonFile
        case unknown

        var code: String? {
            if case let .fileType(code, _, _) = self { return code }
            return nil
        }

        /// A file type that is not only a family.
        var isPrecise: Bool {
            if case .fileType(_, false, _) = self { return true }
            return false
        }
    }

    /// A published media type, cleaned.
    enum MediaType: Equatable, Sendable {
        case mediaType(String)
        /// A media type that says nothing (`application/unknown`).
        case empty
        /// Not a `type/subtype` at all (`xlsx`, `CSV`).
        case notAMediaType
    }

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var notes: [FieldNote] = []
        for index in record.distributions.indices {
            var distribution = record.distributions[index]
            Self.normalise(&distribution, field: "distributions[\(index)]", record: record, issues: &issues, notes: &notes)
            record.distributions[index] = distribution
        }
        record.notes += notes
    }

    /// Reads one distribution; `field` is its path (`distributions[2]`).
    static func normalise(_ distribution: inout Distribution, field: String, record: CatalogRecord,
                          issues: inout [RecordIssue], notes: inout [FieldNote]) {
        // The published media type: cleaned, and read.
        var mediaReading: Reading?
        var misplacedMediaType: String?
        if let published = distribution.mediaType {
            switch cleanMediaType(published) {
            case let .mediaType(mediaType):
                if mediaType != published {
                    distribution.mediaType = mediaType
                    notes.append(FieldNote(field: field + ".mediaType", raw: published, value: mediaType,
                                           rule: "format.media-type-normalised"))
                }
                mediaReading = readMediaType(mediaType, how: "from-media-type")
            case .empty:
                distribution.mediaType = nil
                notes.append(FieldNote(field: field + ".mediaType", raw: published, value: "", rule: "format.media-type-dropped"))
            case .notAMediaType:
                misplacedMediaType = published
                mediaReading = relabel(readName(published.lowercased()), how: "from-media-type")
            }
        }

        // A file type already set (by an RDF harvester), the format, the media type, then the URL: the first
        // precise reading wins, else the first family-only one. Nothing is inferred for an API or a service.
        let formatReading = distribution.format.map(readFormat)
        var evidence: [(reading: Reading, raw: String)] = []
        if let raw = distribution.fileType {
            let reading = readFormat(raw)
            if reading.code != nil { evidence.append((reading, raw)) }
        }
        if formatReading != .nonFile {
            if let formatReading, let raw = distribution.format { evidence.append((formatReading, raw)) }
            if let mediaReading, mediaReading != .nonFile {
                evidence.append((mediaReading, misplacedMediaType ?? distribution.mediaType ?? ""))
            }
        }
        var chosen = evidence.first { $0.reading.isPrecise }
        if chosen == nil, formatReading != .nonFile, mediaReading != .nonFile,
           let url = distribution.downloadURL ?? distribution.accessURL, let code = urlFileType(url) {
            chosen = (.fileType(code: code, weak: false, how: "from-url"), url)
        }
        if chosen == nil { chosen = evidence.first { $0.reading.code != nil } }

        if let chosen, case let .fileType(code, _, how) = chosen.reading {
            let uri = fileTypePrefix + code
            if distribution.fileType != uri {
                distribution.fileType = uri
                notes.append(FieldNote(field: field + ".format", raw: chosen.raw, value: uri, rule: "format." + how))
            }
            if distribution.mediaType == nil || misplacedMediaType != nil,
               let mediaType = FormatTable.fileTypes[code]?.mediaType, distribution.mediaType != mediaType {
                distribution.mediaType = mediaType
                notes.append(FieldNote(field: field + ".mediaType", raw: misplacedMediaType ?? "", value: mediaType,
                                       rule: "format.media-type-from-file-type"))
            }
        } else if formatReading == .unknown, let format = distribution.format {
            issues.append(.normalisation("format.unknown", .info, record: record, field: field + ".format",
                                         "the format '\(format)' is not recognised; it is kept as published."))
        }
    }

    // MARK: - Reading the evidence

    /// Reads a published format (or a file type given as text): URI, media type or name.
    static func readFormat(_ raw: String) -> Reading {
        let text = raw.trimmed
        guard !text.isEmpty else { return .unknown }
        let lower = text.lowercased()
        if lower.hasPrefix("http") {
            if let code = suffix(of: lower, after: ["http://publications.europa.eu/resource/authority/file-type/",
                                                    "https://publications.europa.eu/resource/authority/file-type/"]) {
                let upper = code.uppercased()
                if FormatTable.euCodes.contains(upper) { return .fileType(code: upper, weak: false, how: "eu-uri") }
                // A code the table does not have, but a name it knows (`…/file-type/WMS` for WMS_SRVC).
                return relabel(readName(code), how: "eu-uri-name")
            }
            if let mediaType = suffix(of: lower, after: ianaPrefixes) {
                return readPublishedMediaType(mediaType)
            }
        }
        if FormatTable.mediaTypeAliases[lower] != nil || FormatTable.emptyMediaTypes.contains(lower) || looksLikeMediaType(lower) {
            return readPublishedMediaType(lower)
        }
        return readName(lower)
    }

    private static func readPublishedMediaType(_ text: String) -> Reading {
        if case let .mediaType(mediaType) = cleanMediaType(text) { return readMediaType(mediaType, how: "media-type") }
        return .unknown
    }

    /// Reads a clean media type (lower case, no parameters).
    static func readMediaType(_ mediaType: String, how: String) -> Reading {
        if FormatTable.nonFileMediaTypes.contains(mediaType) { return .nonFile }
        if let code = FormatTable.mediaTypes[mediaType] { return .fileType(code: code, weak: false, how: how) }
        if let code = FormatTable.weakMediaTypes[mediaType] { return .fileType(code: code, weak: true, how: how) }
        // Structured syntax suffixes (RFC 6839): some JSON or some XML.
        if mediaType.hasSuffix("+json") { return .fileType(code: "JSON", weak: true, how: how) }
        if mediaType.hasSuffix("+xml") { return .fileType(code: "XML", weak: true, how: how) }
        return .unknown
    }

    /// Words that say nothing about the format (`CSV file`, `XLSX data`).
    static let noiseWords: Set<String> = ["file", "files", "format", "formats", "data", "dataset", "datasets",
                                          "document", "documents", "download", "downloads"]

    /// Reads a format name, already in lower case: whole, then word by word.
    static func readName(_ lower: String) -> Reading {
        var key = foldName(lower)
        var how = "name"
        if key.hasPrefix(".") {
            key.removeFirst()
            how = "extension"
        }
        guard !key.isEmpty else { return .unknown }
        if let reading = lookUp(key, how: how, nonFile: true) { return reading }

        let words = key.split(whereSeparator: { separators.contains($0) })
            .map { $0.hasPrefix(".") ? String($0.dropFirst()) : String($0) }
            .filter { !$0.isEmpty }
        let zipped = words.contains("zip") || words.contains("zipped")
        let rest = words.filter { !noiseWords.contains($0) && $0 != "zip" && $0 != "zipped" }
        if rest.isEmpty { return zipped ? .fileType(code: "ZIP", weak: false, how: "zipped") : .unknown }

        var inner: Reading?
        if let reading = lookUp(rest.joined(separator: " "), how: "name", nonFile: !zipped)
            ?? lookUp(rest.joined(), how: "name", nonFile: !zipped) {
            inner = reading
        } else {
            var strong = Set<String>(), weak = Set<String>(), unread = 0
            for word in rest {
                switch lookUp(word, how: "name", nonFile: false) ?? plural(word) {
                case let .fileType(code, isWeak, _)?: if isWeak { weak.insert(code) } else { strong.insert(code) }
                default: if !word.allSatisfy(\.isNumber) { unread += 1 }
                }
            }
            if unread == 0 || zipped {
                if strong.count == 1, let code = strong.first {
                    inner = .fileType(code: code, weak: false, how: "name")
                } else if strong.isEmpty, weak.count == 1, let code = weak.first {
                    inner = .fileType(code: code, weak: true, how: "name")
                }
            }
        }
        if zipped {
            guard let code = inner?.code, code != "ZIP" else { return .fileType(code: "ZIP", weak: false, how: "zipped") }
            return .fileType(code: "ZIP", weak: false, how: "zipped-" + code.lowercased())
        }
        return inner ?? .unknown
    }

    /// Characters between the words of a format name.
    static let separators: Set<Character> = [" ", ",", ";", "(", ")", "[", "]", "{", "}", "-", "_", "/", "\\", ":",
                                             "'", "\"", "|", "*"]

    private static func lookUp(_ key: String, how: String, nonFile: Bool) -> Reading? {
        if nonFile, FormatTable.nonFile.contains(key) { return .nonFile }
        if let code = FormatTable.names[key] { return .fileType(code: code, weak: false, how: how) }
        if let code = FormatTable.extensions[key] { return .fileType(code: code, weak: false, how: "extension") }
        if let code = FormatTable.weakNames[key] { return .fileType(code: code, weak: true, how: how) }
        return nil
    }

    /// `pdfs` → `pdf`.
    private static func plural(_ word: String) -> Reading? {
        guard word.count > 3, word.hasSuffix("s") else { return nil }
        return lookUp(String(word.dropLast()), how: "name", nonFile: false)
    }

    /// The file type an URL's last path segment names by its extension (`…/rows.csv?x=1` → `CSV`).
    static func urlFileType(_ url: String) -> String? {
        // Byte offsets (UTF-8), which are cheap to find; every character looked for is ASCII.
        let bytes = url.utf8
        var end = bytes.endIndex
        if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { end = cut }
        var start = bytes.startIndex
        // `scheme://host/…`: the host is no file name.
        if let colon = bytes[..<end].firstIndex(of: UInt8(ascii: ":")),
           bytes[colon..<end].starts(with: "://".utf8) {
            let host = bytes.index(colon, offsetBy: 3)
            guard let slash = bytes[host..<end].firstIndex(of: UInt8(ascii: "/")) else { return nil }
            start = slash
        }
        if let slash = bytes[start..<end].lastIndex(of: UInt8(ascii: "/")) { start = bytes.index(after: slash) }
        guard let dot = bytes[start..<end].lastIndex(of: UInt8(ascii: ".")), dot != start,
              bytes.distance(from: dot, to: end) > 1, bytes.distance(from: dot, to: end) <= 9 else { return nil }
        let fileExtension = String(url[bytes.index(after: dot)..<end]).lowercased()
        if fileExtension == "gz" || fileExtension == "xz", String(url[start..<end]).lowercased().hasSuffix(".tar." + fileExtension) {
            return FormatTable.extensions["tar." + fileExtension]
        }
        return FormatTable.extensions[fileExtension]
    }

    // MARK: - Media types

    static let ianaPrefixes = ["http://www.iana.org/assignments/media-types/", "https://www.iana.org/assignments/media-types/",
                               "http://iana.org/assignments/media-types/", "https://iana.org/assignments/media-types/"]

    /// Top-level media types (RFC 6838 and the registry).
    static let topLevelTypes: Set<Substring> = ["application", "audio", "font", "haptics", "image", "message", "model",
                                                "multipart", "text", "video", "chemical"]

    /// A published media type in lower case without parameters, renamed when wrongly named.
    static func cleanMediaType(_ published: String) -> MediaType {
        recentMediaTypes.value(for: published)
    }

    /// Recent media types cleaned: a harvest publishes the same few over and over.
    private static let recentMediaTypes = RecentValues<MediaType> { uncachedCleanMediaType($0) }

    private static func uncachedCleanMediaType(_ published: String) -> MediaType {
        var text = published.trimmed.lowercased()
        if let stripped = suffix(of: text, after: ianaPrefixes) { text = stripped }
        if let semicolon = text.firstIndex(of: ";") { text = String(text[..<semicolon]).trimmed }
        if FormatTable.emptyMediaTypes.contains(text) { return .empty }
        if let alias = FormatTable.mediaTypeAliases[text] { return .mediaType(alias) }
        return looksLikeMediaType(text) ? .mediaType(text) : .notAMediaType
    }

    /// `type/subtype` with a known top-level type and no spaces (parameters allowed).
    static func looksLikeMediaType(_ lower: String) -> Bool {
        let bytes = lower.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        guard slash < end, bytes.index(after: slash) < end,
              !bytes[..<end].contains(where: { $0 <= 0x20 }),
              !bytes[bytes.index(after: slash)..<end].contains(UInt8(ascii: "/")) else { return false }
        return topLevelTypes.contains(Substring(lower[..<slash]))
    }

    // MARK: - Helpers

    /// Lower case, runs of white space as one space, trimmed: how the table's names are written.
    static func foldName(_ text: String) -> String {
        let lower = text.lowercased()
        // Most names are one word or single-spaced: nothing to fold.
        var previousSpace = true
        var plain = true
        for byte in lower.utf8 {
            let space = byte == 0x20
            if (space && previousSpace) || (byte < 0x20) || byte >= 0x80 { plain = false; break }
            previousSpace = space
        }
        if plain && !previousSpace { return lower }
        return lower.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func relabel(_ reading: Reading, how: String) -> Reading {
        if case let .fileType(code, weak, _) = reading { return .fileType(code: code, weak: weak, how: how) }
        return reading
    }

    /// The rest of `text` after the first of `prefixes` it starts with.
    static func suffix(of text: String, after prefixes: [String]) -> String? {
        for prefix in prefixes where text.hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count)).trimmed
        }
        return nil
    }
}
