/// Reads one feed page (an OAI-PMH or CSW response, …) as `XMLReader` does, through `XMLByteReader` when the page is
/// one it reads (UTF-8, no DOCTYPE, well-formed: nearly every real page) and through libxml2 otherwise, with the same
/// results either way: the same events, paths, stored bytes and trees, and for a page the byte reader leaves alone,
/// exactly `XMLReader`'s errors.
///
/// The page is read inside `read(_:url:options:_:)`'s body, which may run twice: first over the byte reader, and
/// when that stops at something it leaves to libxml2 (or the part of the page the body did not read is not
/// well-formed as it reads it), again from the start over `XMLReader`, whose outcome is then the one returned. So the
/// body must have no effect outside what it returns. Warnings (`XMLReader.warnings`) are not offered.
public final class XMLPageReader {
    enum Engine {
        case bytes(XMLByteReader)
        /// libxml2, opened at the first call (so an error opening the page comes out of `next()`).
        case unopened([UInt8])
        case libxml2(XMLReader)
        case failed(XMLReadError)
    }

    private var engine: Engine
    let url: String?
    let options: XMLReader.Options
    /// The byte reader stopped: the body's outcome is void and it runs again over libxml2.
    private(set) var fellBack = false

    init(engine: Engine, url: String?, options: XMLReader.Options) {
        self.engine = engine
        self.url = url
        self.options = options
    }

    /// Runs `body` over a reader of `bytes` and returns its outcome (see the type's description).
    public static func read<Result, Failure: Error>(
        _ bytes: [UInt8], url: String? = nil, options: XMLReader.Options = .init(),
        _ body: (XMLPageReader) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        if let outcome = readWithBytes(bytes, url: url, options: options, body) { return try outcome.get() }
        return try body(XMLPageReader(engine: .unopened(bytes), url: url, options: options))
    }

    /// The body's outcome over the byte reader, or nil when the page is left to libxml2.
    static func readWithBytes<Result, Failure: Error>(
        _ bytes: [UInt8], url: String?, options: XMLReader.Options, _ body: (XMLPageReader) throws(Failure) -> Result
    ) -> Swift.Result<Result, Failure>? {
        guard let byteReader = XMLByteReader(bytes: bytes, options: options) else { return nil }
        let reader = XMLPageReader(engine: .bytes(byteReader), url: url, options: options)
        let outcome: Swift.Result<Result, Failure>
        do throws(Failure) {
            outcome = .success(try body(reader))
        } catch {
            outcome = .failure(error)
        }
        // A body that stopped early gets libxml2's outcome whenever libxml2 could have failed later.
        guard !reader.fellBack, byteReader.core.pointee.readToEnd() else { return nil }
        return outcome
    }

    /// The next event, or nil at the end of the page (`XMLReader.next()`).
    public func next() throws(XMLReadError) -> XMLEvent? {
        switch engine {
        case .bytes(let reader):
            do throws(XMLByteReaderFallback) { return try reader.core.pointee.next() } catch { throw fallBack() }
        default:
            return try libxml2().next()
        }
    }

    /// The current element as stored bytes and tree (`XMLReader.outerXMLTree()`).
    public func outerXMLTree() throws(XMLReadError) -> (xml: [UInt8], tree: XMLElementNode) {
        switch engine {
        case .bytes(let reader):
            do throws(XMLByteReaderFallback) { return try reader.core.pointee.outerXMLTree() } catch { throw fallBack() }
        default:
            return try libxml2().outerXMLTree()
        }
    }

    /// Skips the current element (`XMLReader.skipElement()`).
    public func skipElement() throws(XMLReadError) {
        switch engine {
        case .bytes(let reader):
            do throws(XMLByteReaderFallback) { try reader.core.pointee.skipElement() } catch { throw fallBack() }
        default:
            try libxml2().skipElement()
        }
    }

    /// The open elements (`XMLReader.path`).
    public var path: String {
        switch engine {
        case .bytes(let reader): return reader.core.pointee.currentPath()
        case .libxml2(let reader): return reader.path
        case .unopened, .failed: return "/"
        }
    }

    private func fallBack() -> XMLReadError {
        fellBack = true
        return XMLReadError(reason: .notWellFormed("the page is read again with libxml2"), url: url)
    }

    private func libxml2() throws(XMLReadError) -> XMLReader {
        switch engine {
        case .libxml2(let reader):
            return reader
        case .unopened(let bytes):
            do {
                let reader = try XMLReader(bytes: bytes, url: url, options: options)
                engine = .libxml2(reader)
                return reader
            } catch {
                engine = .failed(error)
                throw error
            }
        case .failed(let error):
            throw error
        case .bytes:
            preconditionFailure("the byte reader has no libxml2 reader")
        }
    }
}
