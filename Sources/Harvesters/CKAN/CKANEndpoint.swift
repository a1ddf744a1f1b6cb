import CatalogModel
/// The URLs of a CKAN portal, derived from whatever URL the user registered (portal root, `/api`, `/api/3/action`).
public struct CKANEndpoint: Sendable, Hashable {
    /// The portal's home, where `/dataset/<name>` pages live.
    public var portalRoot: String
    /// The Action API base, ending in `/api/3/action`.
    public var actionBase: String

    /// Derives the endpoint, or nil when `url` is not an http(s) URL.
    public init?(url: String) {
        var text = url.trimmed
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else { return nil }
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
        while text.hasSuffix("/") { text.removeLast() }
        guard text.split(separator: "/").count >= 2 else { return nil }
        for suffix in ["/api/3/action", "/api/action", "/api/3", "/api"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            break
        }
        portalRoot = text
        actionBase = text + "/api/3/action"
    }

    /// The URL of `action` with query parameters, percent-encoded.
    public func action(_ action: String, _ parameters: [(String, String)] = []) -> String {
        guard !parameters.isEmpty else { return "\(actionBase)/\(action)" }
        let query = parameters.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return "\(actionBase)/\(action)?\(query)"
    }

    /// The human page of a package.
    public func datasetPage(_ name: String) -> String { "\(portalRoot)/dataset/\(Self.encode(name))" }

    static func encode(_ text: String) -> String {
        // Names are usually unreserved already (CKAN allows only lower-case letters, digits, `-` and `_`); read as
        // contiguous bytes, the test costs a few instructions a byte (through `String.UTF8View`, some forty).
        var bytes = text
        if bytes.withUTF8({ $0.allSatisfy(isUnreserved) }) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
             UInt8(ascii: ":"), UInt8(ascii: "*"): true
        default: false
        }
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:*")
}

import Foundation
