public import FeedParsing

/// The CSW 2.0.2 namespace.
let cswNamespace = "http://www.opengis.net/cat/csw/2.0.2"

/// One record element of a CSW response, stored as its XML, with the id read from it.
public struct CSWRecordEntry: Sendable {
    /// `fileIdentifier` (ISO 19139), `metadataIdentifier` code (ISO 19115-3) or `dc:identifier`; nil when absent.
    public var id: String?
    public var payload: [UInt8]
    /// The element read from the page, equal to the payload parsed again.
    public var tree: XMLElementNode
    /// `/csw:GetRecordsResponse/csw:SearchResults/gmd:MD_Metadata[3]`.
    public var pointer: String
    /// The record element's local name (`MD_Metadata`, `Record`, …).
    var element: String
}

/// One CSW response read in one streaming pass: a GetRecords or GetRecordById response, a bare ISO record, an
/// `ows:ExceptionReport`, or capabilities. Elements are matched by local name.
public struct CSWResponse: Sendable {
    /// The root element's local name.
    var root = ""
    var matched: Int?
    var returned: Int?
    /// `nextRecord`: 0 or nil is the end of the listing.
    var nextRecord: Int?
    public var records: [CSWRecordEntry] = []
    /// `(exceptionCode, locator, text)` of an ExceptionReport.
    var exceptions: [(code: String, locator: String?, text: String)] = []
    /// True when whitespace came before the XML declaration (not well-formed; read anyway).
    var leadingWhitespace = false

    var isException: Bool { root == "ExceptionReport" }
    var isCapabilities: Bool { root == "Capabilities" }

    /// Root elements that are one metadata record by themselves.
    static let recordRoots: Set<String> = ["MD_Metadata", "MI_Metadata", "CHE_MD_Metadata", "Record", "SummaryRecord", "BriefRecord"]

    /// Reads a response. Leading whitespace (and a BOM) before the XML declaration is skipped: some servers send
    /// a newline first, which XML forbids.
    public static func parse(_ body: [UInt8], url: String? = nil) throws(CSWResponseError) -> CSWResponse {
        if looksLikeHTML(body) { throw .notCSW(root: "html") }
        let bytes = stripLeadingWhitespace(body)
        let leadingWhitespace = bytes.count != body.count && bytes.starts(with: Array("<?xml".utf8))
        return try XMLPageReader.read(bytes, url: url) { reader throws(CSWResponseError) in
            var response = try readResponse(reader)
            response.leadingWhitespace = leadingWhitespace
            return response
        }
    }

    /// The response from a page reader (run again from the start when the page is read with libxml2 after all).
    private static func readResponse(_ reader: XMLPageReader) throws(CSWResponseError) -> CSWResponse {
        var response = CSWResponse()
        var stack: [String] = []
        var exceptionText = ""
        var exceptionCode: String?, locator: String?
        do {
            while let event = try reader.next() {
                switch event {
                case .startElement(let name, let attributes, let isEmpty):
                    let parent = stack.last
                    let depth = stack.count + 1
                    func attribute(_ local: String) -> String? { attributes.first { $0.name.local == local }?.value.trimmed }
                    if depth == 1 {
                        response.root = name.local
                        guard ["GetRecordsResponse", "GetRecordByIdResponse", "ExceptionReport", "Capabilities"].contains(name.local)
                                || recordRoots.contains(name.local) else {
                            throw CSWResponseError.notCSW(root: name.qualified)
                        }
                        if recordRoots.contains(name.local) {
                            response.records.append(try record(reader, name: name))
                            return response
                        }
                        if name.local == "Capabilities" { return response }
                    } else if depth == 2 && name.local == "SearchResults" {
                        response.matched = attribute("numberOfRecordsMatched").flatMap { Int($0) }
                        response.returned = attribute("numberOfRecordsReturned").flatMap { Int($0) }
                        response.nextRecord = attribute("nextRecord").flatMap { Int($0) }
                    } else if (depth == 3 && parent == "SearchResults") || (depth == 2 && response.root == "GetRecordByIdResponse") {
                        response.records.append(try record(reader, name: name))
                        if !isEmpty {
                            try reader.skipElement()
                            continue
                        }
                    } else if depth == 2 && name.local == "Exception" {
                        exceptionCode = attribute("exceptionCode") ?? ""
                        locator = attribute("locator")
                        exceptionText = ""
                    }
                    stack.append(name.local)
                case .text(let value):
                    if stack.count >= 2 && stack[1] == "Exception" { exceptionText += value }
                case .endElement(let name):
                    if stack.count == 2 && name.local == "Exception" {
                        response.exceptions.append((exceptionCode ?? "", locator?.orNil, exceptionText.trimmed))
                    }
                    stack.removeLast()
                }
            }
        } catch let error as CSWResponseError {
            throw error
        } catch let error as XMLReadError {
            throw .notXML(error.description)
        } catch {
            throw .notXML("\(error)")
        }
        guard !response.root.isEmpty else { throw .notXML("no element") }
        return response
    }

    /// The body without a BOM and whitespace before the first `<`.
    static func stripLeadingWhitespace(_ bytes: [UInt8]) -> [UInt8] {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        return start == 0 ? bytes : Array(bytes[start...])
    }

    /// The record element the reader stands on (after its start), with the identifier read from its tree.
    static func record(_ reader: XMLPageReader, name: XMLName) throws(XMLReadError) -> CSWRecordEntry {
        let (payload, tree) = try reader.outerXMLTree()
        return CSWRecordEntry(id: ISOMapping.identifier(of: tree), payload: payload, tree: tree, pointer: reader.path, element: name.local)
    }
}

/// Why a response could not be read as CSW.
public enum CSWResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    case notXML(String)
    case notCSW(root: String)

    public var description: String {
        switch self {
        case .notXML(let detail): return "it is not well-formed XML (\(detail))"
        case .notCSW(let root): return "it is not a CSW response: the root element is <\(root)>, not <csw:GetRecordsResponse>, <ows:ExceptionReport> or an ISO record"
        }
    }
}
