public import Foundation
public import LoopbackHTTP

/// Serves the feed files of one folder at `/files/<name>` (the demo's DCAT catalogue), with a Content-Type
/// from the extension and a strong ETag, so conditional re-harvests answer 304.
public struct StaticFeeds: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The file's response, 404 for an unknown or unsafe name, or nil when the path is not under `/files/`.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.path.hasPrefix("/files/") else { return nil }
        let name = String(request.path.dropFirst("/files/".count))
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."),
              let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            return .status(404)
        }
        let body = [UInt8](data)
        let etag = "\"\(Self.fingerprint(body))\""
        if request.header("If-None-Match") == etag {
            return HTTPResponse(status: 304, headers: [("ETag", etag)])
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", Self.contentType(of: name)), ("ETag", etag)], body: body)
    }

    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "ttl": return "text/turtle; charset=utf-8"
        case "nt": return "application/n-triples"
        case "rdf": return "application/rdf+xml"
        case "jsonld": return "application/ld+json"
        case "json": return "application/json"
        case "xml": return "application/xml"
        default: return "application/octet-stream"
        }
    }

    /// FNV-1a 64 of the bytes, in hex.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16)
    }
}
