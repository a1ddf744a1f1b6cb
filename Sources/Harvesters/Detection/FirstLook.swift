public import FeedParsing
public import Fetch
import Foundation

/// What one URL answered, read once and shared by every detector: its Content-Type, its body, and the body
/// sniffed as JSON, XML (root element) or HTML.
public struct FirstLook: Sendable {
    /// The URL asked for.
    public var url: String
    public var response: FetchResponse
    /// The media type without parameters, lowercased (`text/turtle`), or nil when none was sent.
    public var mediaType: String?
    /// The body parsed as JSON, when it is JSON.
    public var json: JSONValue?
    /// The root element of an XML body.
    public var xmlRoot: XMLName?
    /// The root element's attributes, by local name (`version`).
    public var xmlRootAttributes: [String: String] = [:]
    /// True when the body is an HTML page.
    public var isHTML: Bool

    public init(url: String, response: FetchResponse) {
        self.url = url
        self.response = response
        let type = response.headers["content-type"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        mediaType = type?.isEmpty == false ? type : nil
        let start = Self.firstByte(response.body)
        json = start == UInt8(ascii: "{") || start == UInt8(ascii: "[") ? (try? JSONParser.parse(response.body)) : nil
        isHTML = Self.looksLikeHTML(response.body)
        if json == nil && !isHTML && start == UInt8(ascii: "<"), let root = Self.rootElement(response.body, url: url) {
            xmlRoot = root.name
            xmlRootAttributes = Dictionary(root.attributes.map { ($0.name.local, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The body as text (for the RDF and HTML checks).
    public var text: String { String(decoding: response.body, as: UTF8.self) }

    /// The base the kind-specific endpoints hang under: the URL without query, fragment or trailing slash.
    public var base: String { Self.base(of: url) }

    /// `url` without query, fragment or trailing slash.
    public static func base(of url: String) -> String {
        var text = url.trimmingCharacters(in: .whitespaces)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The scheme and host (and port) of `url`: where site-wide APIs live.
    public var origin: String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return base }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// What the URL answered, in a few words: "an HTML page (text/html)", "JSON (application/json)".
    public var summary: String {
        let type = mediaType.map { " (\($0))" } ?? " (no Content-Type)"
        if !response.isSuccess { return "HTTP \(response.status)\(type)" }
        if response.body.isEmpty { return "an empty body\(type)" }
        if isHTML { return "an HTML page\(type)" }
        if let json {
            if let object = json.object {
                let keys = object.keys.prefix(6).joined(separator: ", ")
                return "JSON\(type) that is not a catalogue: an object with the keys \(keys)\(object.keys.count > 6 ? ", …" : "")"
            }
            let name = json.typeName
            return "JSON\(type) that is not a catalogue: \("aeiou".contains(name.prefix(1)) ? "an" : "a") \(name)"
        }
        if let xmlRoot { return "XML\(type) whose root element is <\(xmlRoot.qualified)>" }
        return "a document\(type) starting with '\(response.bodyExcerpt(60))'"
    }

    static func firstByte(_ body: [UInt8]) -> UInt8? {
        var index = body.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < body.count, [0x20, 0x09, 0x0A, 0x0D].contains(body[index]) { index += 1 }
        return index < body.count ? body[index] : nil
    }

    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    /// The first element of an XML document, read with fedcat's safe XML reader.
    static func rootElement(_ body: [UInt8], url: String) -> (name: XMLName, attributes: [XMLAttribute])? {
        guard let reader = try? XMLReader(bytes: body, url: url) else { return nil }
        while let event = try? reader.next() {
            if case .startElement(let name, let attributes, _) = event { return (name, attributes) }
        }
        return nil
    }
}
