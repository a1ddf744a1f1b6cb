public import FeedParsing

/// The OAI-PMH 2.0 namespace of the response envelope.
public let oaiNamespace = "http://www.openarchives.org/OAI/2.0/"

/// One record's OAI header: identifier, datestamp, sets and whether the record is deleted.
public struct OAIHeader: Sendable, Equatable {
    public var identifier: String?
    public var datestamp: String?
    public var sets: [String] = []
    public var deleted = false
}

/// A `<record>` of ListRecords or GetRecord: its header, the element as stored bytes and as the tree the mapper reads.
public struct OAIRecordEntry: Sendable {
    public var header: OAIHeader
    public var payload: [UInt8]
    /// The element read from the page, equal to the payload parsed again.
    public var tree: XMLElementNode
    /// `/OAI-PMH/ListRecords/record[3]`.
    public var pointer: String
    /// True when the record has a `<metadata>` element.
    public var hasMetadata: Bool
}

extension OAIRecordEntry {
    /// The entry of a record read from a page: its header and whether it has `<metadata>`, from its tree. Every
    /// `header` child of the record is read in order, so the last value of a field wins; a header field holding
    /// elements reads as empty, and an empty identifier or datestamp as none.
    init(tree: XMLElementNode, payload: [UInt8], pointer: String) {
        var header = OAIHeader()
        var hasMetadata = false
        for part in tree.children {
            if part.local == "metadata" { hasMetadata = true }
            guard part.local == "header" else { continue }
            header.deleted = part.attributes.first { $0.name.local == "status" }?.value == "deleted"
            for field in part.children {
                let value = field.children.isEmpty ? field.text.trimmed : ""
                switch field.local {
                case "identifier": header.identifier = value.isEmpty ? nil : value
                case "datestamp": header.datestamp = value.isEmpty ? nil : value
                case "setSpec": if !value.isEmpty { header.sets.append(value) }
                default: break
                }
            }
        }
        self.init(header: header, payload: payload, tree: tree, pointer: pointer, hasMetadata: hasMetadata)
    }
}

/// A `<resumptionToken>`: its text (empty on the last page) and the list's announced size and cursor.
public struct OAIToken: Sendable, Equatable {
    public var value: String
    public var completeListSize: Int?
    public var cursor: Int?
}

/// What an Identify response says about the repository.
public struct OAIIdentify: Sendable, Equatable {
    public var repositoryName: String?
    public var baseURL: String?
    public var earliestDatestamp: String?
    /// `no`, `transient` or `persistent`.
    public var deletedRecord: String?
    /// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`.
    public var granularity: String?

    /// True when the repository accepts `from=` with seconds.
    public var secondsGranularity: Bool { granularity?.contains("hh") ?? false }
}

/// One OAI-PMH response read in one streaming pass: its verb element, errors, records, token, and what
/// Identify and ListMetadataFormats say. Elements are matched by local name, so a response whose envelope
/// lacks the OAI namespace is still read (`namespaced` is then false).
public struct OAIResponse: Sendable {
    /// The verb element (`ListRecords`, `Identify`, …), nil for an error-only response.
    public var verb: String?
    /// `<error code="…">message</error>` elements.
    public var errors: [(code: String, message: String)] = []
    public var records: [OAIRecordEntry] = []
    public var token: OAIToken?
    public var identify = OAIIdentify()
    /// `(metadataPrefix, metadataNamespace)` of ListMetadataFormats.
    public var formats: [(prefix: String, namespace: String)] = []
    /// `setSpec`s of ListSets.
    public var sets: [String] = []
    /// False when the root element is not in the OAI-PMH namespace.
    public var namespaced = true

    /// Reads a response; throws when it is not XML or not an OAI-PMH envelope.
    public static func parse(_ bytes: [UInt8], url: String? = nil) throws(OAIResponseError) -> OAIResponse {
        if looksLikeHTML(bytes) { throw .notOAI(root: "html") }
        return try XMLPageReader.read(bytes, url: url) { reader throws(OAIResponseError) in try readResponse(reader) }
    }

    /// The response from a page reader (run again from the start when the page is read with libxml2 after all).
    private static func readResponse(_ reader: XMLPageReader) throws(OAIResponseError) -> OAIResponse {
        var response = OAIResponse()
        var stack: [String] = []
        var text = ""
        var capture = false
        var formatPrefix = "", formatNamespace = ""
        var errorCode: String?
        do {
            while let event = try reader.next() {
                switch event {
                case .startElement(let name, let attributes, let isEmpty):
                    let parent = stack.last
                    stack.append(name.local)
                    text = ""
                    capture = false
                    let depth = stack.count
                    func attribute(_ local: String) -> String? { attributes.first { $0.name.local == local }?.value }
                    if depth == 1 {
                        guard name.local == "OAI-PMH" else { throw OAIResponseError.notOAI(root: name.qualified) }
                        response.namespaced = name.namespace == oaiNamespace
                    } else if depth == 2 {
                        if name.local == "error" {
                            errorCode = attribute("code") ?? ""
                            capture = true
                        } else if name.local != "responseDate" && name.local != "request" {
                            response.verb = name.local
                        }
                    } else if depth == 3 && name.local == "record" && (parent == "ListRecords" || parent == "GetRecord") {
                        // The record's tree holds its header: the page reader goes on after the record.
                        let (payload, tree) = try reader.outerXMLTree()
                        response.records.append(OAIRecordEntry(tree: tree, payload: payload, pointer: reader.path))
                        if !isEmpty {
                            try reader.skipElement()
                            stack.removeLast()
                        }
                    } else if depth == 3 && name.local == "resumptionToken" {
                        response.token = OAIToken(value: "", completeListSize: attribute("completeListSize").flatMap { Int($0.trimmed) },
                                                  cursor: attribute("cursor").flatMap { Int($0.trimmed) })
                        capture = true
                    } else if depth == 3 && response.verb == "Identify" {
                        capture = true
                    } else if depth == 4 && (parent == "metadataFormat" || parent == "set") {
                        capture = true
                    } else if depth == 3 && name.local == "metadataFormat" {
                        formatPrefix = ""; formatNamespace = ""
                    }
                case .text(let value):
                    if capture { text += value }
                case .endElement(let name):
                    let depth = stack.count
                    let parent = depth >= 2 ? stack[depth - 2] : nil
                    let value = text.trimmed
                    if depth == 2 && name.local == "error" {
                        response.errors.append((errorCode ?? "", value))
                    } else if depth == 3 && name.local == "resumptionToken" {
                        response.token?.value = value
                    } else if depth == 3 && response.verb == "Identify" {
                        switch name.local {
                        case "repositoryName": response.identify.repositoryName = value
                        case "baseURL": response.identify.baseURL = value
                        case "earliestDatestamp": response.identify.earliestDatestamp = value
                        case "deletedRecord": response.identify.deletedRecord = value
                        case "granularity": response.identify.granularity = value
                        default: break
                        }
                    } else if depth == 4 && parent == "metadataFormat" {
                        if name.local == "metadataPrefix" { formatPrefix = value }
                        if name.local == "metadataNamespace" { formatNamespace = value }
                    } else if depth == 4 && parent == "set" && name.local == "setSpec" {
                        response.sets.append(value)
                    } else if depth == 3 && name.local == "metadataFormat" && !formatPrefix.isEmpty {
                        response.formats.append((formatPrefix, formatNamespace))
                    }
                    stack.removeLast()
                    text = ""
                    capture = false
                }
            }
        } catch let error as OAIResponseError {
            throw error
        } catch let error as XMLReadError {
            throw .notXML(error.description)
        } catch {
            throw .notXML("\(error)")
        }
        return response
    }
}

/// True when the body starts (after a BOM and whitespace) with `<!DOCTYPE html` or `<html`: an HTML page, which
/// is rarely well-formed XML, so it is named as HTML before the XML reader gives a less useful error.
func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
    let head = String(decoding: bytes[start..<min(bytes.count, start + 14)], as: UTF8.self).lowercased()
    return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
}

/// Why a response could not be read as OAI-PMH.
public enum OAIResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    case notXML(String)
    case notOAI(root: String)

    public var description: String {
        switch self {
        case .notXML(let detail): return "it is not well-formed XML (\(detail))"
        case .notOAI(let root): return "it is not an OAI-PMH response: the root element is <\(root)>, not <OAI-PMH>"
        }
    }
}
