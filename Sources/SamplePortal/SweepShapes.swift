import FeedParsing
import Foundation

/// How the sweep answers a kind's listing request with a file that holds records in another shape than that
/// endpoint's: a CKAN package (bare, in a `package_show` envelope or a list) goes into a `package_search`
/// envelope; a bare ISO 19139 or Dublin Core record, or a `GetRecordByIdResponse`, into a CSW
/// `GetRecordsResponse`; an OAI-PMH `GetRecord` becomes a `ListRecords`, a bare DataCite `<resource>` one record
/// of it. Anything else (a capabilities document, an organisation list, a broken file) is served as it is.
enum SweepShapes {
    static func shape(kind: String, body: [UInt8]) -> [UInt8] {
        switch kind {
        case "ckan": return ckan(body) ?? body
        case "csw": return csw(body) ?? body
        case "oaipmh": return oai(body) ?? body
        default: return body
        }
    }

    // MARK: CKAN

    static func ckan(_ body: [UInt8]) -> [UInt8]? {
        guard let value = try? JSONParser.parse(body) else { return nil }
        func isPackage(_ value: JSONValue) -> Bool {
            // A package has resources (or says it is a dataset); an organisation or a group has neither.
            guard let object = value.object, object["is_organization"]?.bool != true else { return false }
            return object["resources"]?.array != nil || object["type"]?.string == "dataset"
        }
        let packages: [JSONValue]
        if let result = value["result"] {
            if result["results"] != nil { return nil }
            if isPackage(result) { packages = [result] }
            else if let list = result.array, !list.isEmpty, list.allSatisfy(isPackage) { packages = list }
            else { return nil }
        } else if isPackage(value) {
            packages = [value]
        } else if let list = value.array, !list.isEmpty, list.allSatisfy(isPackage) {
            packages = list
        } else {
            return nil
        }
        let envelope: JSONValue = ["success": true, "result": ["count": JSONValue(integerLiteral: packages.count), "results": .array(packages)]]
        return JSONWriter.write(envelope)
    }

    // MARK: XML

    /// The document's root element name (with its prefix) and the offset of its `<`, after any BOM, XML
    /// declaration, comments, processing instructions and DOCTYPE; nil when the document is not UTF-8 (as
    /// declared or by its BOM), since cutting its declaration would change how it is read.
    static func root(_ body: [UInt8]) -> (name: String, start: Int)? {
        var i = 0
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if body.count >= 2, (body[0] == 0xFF && body[1] == 0xFE) || (body[0] == 0xFE && body[1] == 0xFF) { return nil }
        while i < body.count {
            guard body[i] == UInt8(ascii: "<") else { i += 1; continue }
            let next = i + 1 < body.count ? body[i + 1] : 0
            if next == UInt8(ascii: "?") {
                guard let end = find(body, "?>", from: i) else { return nil }
                let declaration = String(decoding: body[i..<end], as: UTF8.self).lowercased()
                if declaration.hasPrefix("<?xml"), let range = declaration.range(of: "encoding=") {
                    let value = declaration[range.upperBound...].dropFirst().prefix(5)
                    guard value == "utf-8" || value.hasPrefix("utf8") else { return nil }
                }
                i = end + 2
            } else if next == UInt8(ascii: "!") {
                let closing = body[i...].starts(with: Array("<!--".utf8)) ? "-->" : ">"
                guard let end = find(body, closing, from: i) else { return nil }
                i = end + closing.utf8.count
            } else {
                var j = i + 1
                while j < body.count, !" \t\r\n/>".utf8.contains(body[j]) { j += 1 }
                return (String(decoding: body[(i + 1)..<j], as: UTF8.self), i)
            }
        }
        return nil
    }

    static func find(_ body: [UInt8], _ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard body.count >= pattern.count, start <= body.count - pattern.count else { return nil }
        for i in start...(body.count - pattern.count) where body[i] == pattern[0] && Array(body[i..<(i + pattern.count)]) == pattern {
            return i
        }
        return nil
    }

    static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    static func csw(_ body: [UInt8]) -> [UInt8]? {
        guard let (name, start) = root(body) else { return nil }
        var records = Array(body[start...])
        switch local(name) {
        case "MD_Metadata", "MI_Metadata", "Record", "SummaryRecord", "BriefRecord":
            break
        case "GetRecordByIdResponse":
            // Its children are the records: keep what is between the root's start and end tags.
            guard let open = find(records, ">", from: 0), let close = lastIndex(records, "</") else { return nil }
            let namespaces = namespaceDeclarations(String(decoding: records[0..<open], as: UTF8.self))
            records = Array(records[(open + 1)..<close])
            return wrapCSW(records, count: 1, namespaces: namespaces)
        default:
            return nil
        }
        return wrapCSW(records, count: 1, namespaces: "")
    }

    static func wrapCSW(_ records: [UInt8], count: Int, namespaces: String) -> [UInt8] {
        Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" \(namespaces) version="2.0.2">\
            <csw:SearchStatus timestamp="2024-01-01T00:00:00Z"/>\
            <csw:SearchResults numberOfRecordsMatched="\(count)" numberOfRecordsReturned="\(count)" nextRecord="0">
            """.utf8) + records + Array("</csw:SearchResults></csw:GetRecordsResponse>\n".utf8)
    }

    /// The `xmlns…="…"` attributes of a start tag, so records that use the root's prefixes keep them.
    static func namespaceDeclarations(_ tag: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: #"xmlns(:[A-Za-z0-9_.-]+)?\s*=\s*("[^"]*"|'[^']*')"#) else { return "" }
        let range = NSRange(tag.startIndex..., in: tag)
        return regex.matches(in: tag, range: range).compactMap { Range($0.range, in: tag).map { String(tag[$0]) } }
            .filter { !$0.hasPrefix("xmlns:csw=") }.joined(separator: " ")
    }

    static func lastIndex(_ body: [UInt8], _ needle: String) -> Int? {
        let pattern = Array(needle.utf8)
        guard body.count >= pattern.count else { return nil }
        for i in stride(from: body.count - pattern.count, through: 0, by: -1) where Array(body[i..<(i + pattern.count)]) == pattern {
            return i
        }
        return nil
    }

    static func oai(_ body: [UInt8]) -> [UInt8]? {
        guard let (name, start) = root(body) else { return nil }
        switch local(name) {
        case "OAI-PMH":
            // A GetRecord answers one record: the same record as a one-page ListRecords.
            let text = String(decoding: body[start...], as: UTF8.self)
            guard text.contains("GetRecord") else { return nil }
            let renamed = text.replacingOccurrences(of: "<GetRecord>", with: "<ListRecords>")
                .replacingOccurrences(of: "</GetRecord>", with: "</ListRecords>")
                .replacingOccurrences(of: "verb=\"GetRecord\"", with: "verb=\"ListRecords\"")
            return renamed == text ? nil : Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8) + Array(renamed.utf8)
        case "resource":
            return Array("""
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>\
                <request verb="ListRecords">sweep</request><ListRecords><record><header>\
                <identifier>oai:sweep:1</identifier><datestamp>2024-01-01</datestamp></header><metadata>
                """.utf8) + Array(body[start...]) + Array("</metadata></record></ListRecords></OAI-PMH>\n".utf8)
        default:
            return nil
        }
    }
}
