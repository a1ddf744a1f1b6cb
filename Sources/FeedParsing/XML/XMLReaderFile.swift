internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension XMLReader {
    /// Prepares to stream the XML file at `path` with flat memory, whatever its size: libxml2
    /// reads it in small chunks and the reader keeps no tree (`outerXML()` still holds the one
    /// element it serialises).
    ///
    /// The same defences as `init(bytes:url:options:)`, in the same order: the lexical pass
    /// reads the whole file first (through a small window, so memory stays flat) and refuses a
    /// DOCTYPE declaring entities or attribute lists, the `maxAttributes`, `maxNamespaces`
    /// and `maxNames` shapes and unreadable encodings before libxml2 parses anything; the
    /// DOCTYPE node is checked again while reading. libxml2 then reads exactly the bytes that
    /// were scanned: a file that grows meanwhile is read only up to the size it had (a file
    /// rewritten in place between the two passes is not detected; read files you control).
    ///
    /// `options.maxDocumentBytes` applies to the file's size, without libxml2's 2 GiB limit
    /// for memory buffers (raise it for very large files). Files in UTF-16 or UTF-32 are read
    /// into memory and then follow `init(bytes:url:options:)` (and its 2 GiB limit).
    /// `url` names the document in error messages (the path when nil) and is never given to
    /// libxml2. Throws `.unreadable` when the file cannot be opened or read.
    public convenience init(path: String, url: String? = nil, options: Options = .init()) throws(XMLReadError) {
        _ = Self.libraryReady
        let name = url ?? path
        let file = try XMLInputFile(path: path, url: name)
        guard file.size <= options.maxDocumentBytes else {
            throw XMLReadError(reason: .tooLarge(options.maxDocumentBytes), url: name)
        }
        var head = [UInt8](repeating: 0, count: min(4, file.size))
        if !head.isEmpty {
            let read = head.withUnsafeMutableBytes { file.read(into: $0, at: 0) }
            guard read == head.count else { throw file.failure(url: name) }
        }
        let layout = head.withUnsafeBytes { XMLUnitLayout($0) }
        if layout.width != 1 {
            // UTF-16 / UTF-32 (or a layout the scan refuses): the in-memory path handles them.
            var bytes = [UInt8](repeating: 0, count: file.size)
            let read = bytes.withUnsafeMutableBytes { file.read(into: $0, at: 0) }
            guard read == file.size else { throw file.failure(url: name) }
            try self.init(bytes: bytes, url: name, options: options)
            return
        }

        let limits = XMLMarkupScan.Limits(maxAttributes: options.maxAttributes, maxNamespaces: options.maxNamespaces,
                                          maxNames: options.maxNames)
        let window = XMLFileWindow(file: file)
        switch XMLMarkupScan.scan(units: XMLFileUnits(window: window, start: layout.start), limits: limits) {
        case .noElement:
            throw XMLReadError(reason: .empty, url: name)
        case .refused(let reason, let line, let column):
            throw XMLReadError(reason: reason, url: name, line: line, column: column)
        case .proceed:
            break
        }
        if window.failed { throw file.failure(url: name) }
        window.release()

        let context = Unmanaged.passUnretained(file).toOpaque()
        // The URL is deliberately not passed: libxml2 gets no base URI to resolve anything against.
        guard let reader = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return -1 }
            let file = Unmanaged<XMLInputFile>.fromOpaque(context).takeUnretainedValue()
            return file.stream(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
        }, nil, context, nil, nil, FC_XML_SAFE_OPTIONS) else {
            throw XMLReadError(reason: .notWellFormed("libxml2 could not create a reader for the document"), url: name)
        }
        // The reader's input keeps `file` (and so `context`) alive as long as libxml2 can call back.
        self.init(reader: reader, input: .file(file), storage: nil, url: name, options: options)
    }
}

/// What a reader reads: bytes it owns in memory, or an open file.
enum XMLReaderInput {
    case memory(UnsafeRawBufferPointer)
    case file(XMLInputFile)

    /// Line and column (in characters) just past the last byte, for inputs in an
    /// ASCII-compatible encoding; nil for UTF-16/UCS-4 (and a file that cannot be read again).
    var endOfInput: (line: Int, column: Int)? {
        var counter = XMLEndCounter()
        switch self {
        case .memory(let bytes):
            if !counter.isASCIICompatible(bytes) { return nil }
            counter.count(bytes)
        case .file(let file):
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var offset = 0
            while offset < file.size {
                let wanted = min(chunk.count, file.size - offset)
                let read = chunk.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]), at: offset) }
                guard read > 0 else { return nil }
                let ok = chunk.withUnsafeBytes { bytes -> Bool in
                    let part = UnsafeRawBufferPointer(rebasing: bytes[..<read])
                    if offset == 0 && !counter.isASCIICompatible(part) { return false }
                    counter.count(part)
                    return true
                }
                if !ok { return nil }
                offset += read
            }
        }
        return (counter.line, counter.column)
    }
}

/// Counts lines and characters of UTF-8 (or another ASCII-compatible encoding) chunk by chunk.
struct XMLEndCounter {
    var line = 1
    var column = 1

    func isASCIICompatible(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !(bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0 || bytes[0] == 0xFE || bytes[0] == 0xFF))
    }

    mutating func count(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
    }
}

/// An open file: read at offsets for the scan and error locations, streamed to libxml2 up to
/// the size it had when opened. Closed when the last reader using it goes.
final class XMLInputFile {
    let descriptor: Int32
    /// The size when opened; libxml2 is never given more.
    let size: Int
    /// How far libxml2 has read.
    private var streamed = 0
    /// errno of the first failed read, 0 if none.
    private(set) var failedErrno: Int32 = 0

    init(path: String, url: String) throws(XMLReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw XMLReadError(reason: .unreadable(Self.message(errno)), url: url)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw XMLReadError(reason: .unreadable(Self.message(code)), url: url)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw XMLReadError(reason: .unreadable("it is not a regular file"), url: url)
        }
        self.descriptor = descriptor
        self.size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset` (never past `size`); the count read, 0 at
    /// the end or on an error (remembered in `failedErrno`).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        let wanted = min(buffer.count, size - offset)
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < wanted {
            let count = pread(descriptor, base + total, wanted - total, off_t(offset + total))
            if count < 0 {
                if errno == EINTR { continue }
                if failedErrno == 0 { failedErrno = errno }
                return total
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// libxml2's read callback: the next bytes in order, 0 at the end. A file that shrank or
    /// cannot be read any more ends there too: libxml2 then reports the document as truncated
    /// (an I/O error would come out as a refused external resource, which would mislead).
    func stream(into buffer: UnsafeMutableRawBufferPointer) -> Int32 {
        if streamed >= size { return 0 }
        let count = read(into: buffer, at: streamed)
        streamed += count
        return Int32(count)
    }

    func failure(url: String) -> XMLReadError {
        let code = failedErrno
        return XMLReadError(reason: .unreadable(code == 0 ? "the file changed while it was read" : Self.message(code)),
                            url: url)
    }

    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// A window of the file for the lexical scan: random access by index, reading ahead in
/// 256 KiB blocks, so a scan over a file of any size holds one block.
final class XMLFileWindow {
    let file: XMLInputFile
    private var buffer: UnsafeMutableRawBufferPointer
    /// File offset of `buffer[0]`.
    private(set) var start = 0
    private(set) var filled = 0
    private(set) var failed = false
    static let blockSize = 256 << 10

    init(file: XMLInputFile) {
        self.file = file
        buffer = .allocate(byteCount: Self.blockSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Frees the block early (the scan is over).
    func release() {
        buffer.deallocate()
        buffer = .allocate(byteCount: 0, alignment: 16)
        filled = 0
    }

    /// Makes `offset` part of the window (when it is inside the file); returns false otherwise.
    @discardableResult
    func load(_ offset: Int) -> Bool {
        guard offset >= 0 && offset < file.size else { return false }
        // Keep a little before the offset: the scanner looks back at most a few units.
        start = max(0, offset - 64)
        filled = file.read(into: buffer, at: start)
        if filled == 0 || start + filled <= offset {
            failed = true
            filled = 0
            return false
        }
        return true
    }

    @inline(__always) func byte(_ offset: Int) -> UInt8 {
        let relative = offset &- start
        if relative >= 0 && relative < filled { return buffer.load(fromByteOffset: relative, as: UInt8.self) }
        guard load(offset) else { return 0 }
        return buffer.load(fromByteOffset: offset - start, as: UInt8.self)
    }

    /// The offset of the first `value` at or after `offset`, or nil.
    func index(of value: UInt8, from offset: Int) -> Int? {
        var position = offset
        while position < file.size {
            if position < start || position >= start + filled {
                guard load(position) else { return nil }
            }
            let base = buffer.baseAddress! + (position - start)
            let length = filled - (position - start)
            if let found = memchr(base, Int32(value), length) {
                return position + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
            }
            position += length
        }
        return nil
    }
}

/// The file's bytes as code units for `XMLMarkupScan` (one byte per unit), from `start` (after a BOM).
struct XMLFileUnits: XMLScanUnits {
    let window: XMLFileWindow
    let start: Int
    let count: Int

    init(window: XMLFileWindow, start: Int) {
        self.window = window
        self.start = start
        count = max(0, window.file.size - start)
    }

    @inline(__always) func unit(_ index: Int) -> UInt32 { UInt32(window.byte(start + index)) }

    func index(of value: UInt8, from index: Int) -> Int? {
        guard index < count, let found = window.index(of: value, from: start + index) else { return nil }
        return found - start
    }
}
