internal import CLibXML2

/// Collects what libxml2 reports for one reader, through the reader's structured error
/// handler (a C callback whose context pointer is this object): no global state, so readers
/// on different threads do not see each other's errors.
final class XMLReaderDiagnostics {
    /// One libxml2 error, copied out of libxml2's struct.
    struct Entry {
        var domain: Int32
        var code: Int32
        var message: String
        var line: Int
        var column: Int
    }

    /// The first error that ends reading.
    private(set) var fatal: Entry?
    /// Problems that did not stop reading, at most `warningLimit` of them.
    private(set) var warnings: [XMLReadWarning] = []
    static let warningLimit = 100

    /// Installs the handler on `reader`; `self` must outlive the reader's use.
    func attach(to reader: OpaquePointer) {
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let diagnostics = Unmanaged<XMLReaderDiagnostics>.fromOpaque(context).takeUnretainedValue()
            let raw = error.pointee
            var message = raw.message.map { String(cString: $0) } ?? ""
            message = message.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
                .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ")
            diagnostics.record(Entry(domain: Int32(raw.domain), code: Int32(raw.code), message: message,
                                     line: Int(raw.line), column: Int(raw.int2)),
                               level: raw.level)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func record(_ entry: Entry, level: xmlErrorLevel) {
        let isNamespaceError = entry.domain == Int32(XML_FROM_NAMESPACE.rawValue)
        if level == XML_ERR_WARNING || (level == XML_ERR_ERROR && isNamespaceError) {
            if warnings.count < Self.warningLimit {
                warnings.append(XMLReadWarning(message: entry.message, line: entry.line, column: entry.column))
            }
        } else if level == XML_ERR_ERROR || level == XML_ERR_FATAL {
            if fatal == nil { fatal = entry }
        }
    }

    /// The reason for a libxml2 error.
    static func reason(for entry: Entry) -> XMLReadError.Reason {
        let code = entry.code
        let message = entry.message
        func isCode(_ value: xmlParserErrors) -> Bool { code == Int32(value.rawValue) }
        if isCode(XML_ERR_DOCUMENT_EMPTY) {
            // Genuinely empty documents are caught by the prolog scan before libxml2 runs;
            // libxml2 says "Document is empty" also for text that is not markup at all.
            return .notWellFormed("Start tag expected, '<' not found")
        }
        if entry.domain == Int32(XML_FROM_I18N.rawValue)
            || isCode(XML_ERR_UNKNOWN_ENCODING) || isCode(XML_ERR_UNSUPPORTED_ENCODING)
            || isCode(XML_ERR_ENCODING_NAME) || isCode(XML_ERR_INVALID_ENCODING) || isCode(XML_ERR_MISSING_ENCODING)
            || message.hasPrefix("Input is not proper UTF-8") || message.contains("encoding error") {
            return .encoding(message)
        }
        if message.hasPrefix("Excessive depth in document") {
            return .tooDeep(256)
        }
        // libxml2's own limits without XML_PARSE_HUGE: names of 50,000 bytes, text nodes,
        // attribute values, comments, PIs and CDATA of 10,000,000 bytes.
        if isCode(XML_ERR_NAME_TOO_LONG) || message.hasPrefix("Name too long") {
            return .tooLarge(50_000)        // XML_MAX_NAME_LENGTH
        }
        if message.contains("huge text node") || message.contains("XML_PARSE_HUGE") || message.contains("too long")
            || message.contains("too big") {
            return .tooLarge(10_000_000)    // XML_MAX_TEXT_LENGTH
        }
        if isCode(XML_ERR_ENTITY_LOOP) || message.contains("amplification") {
            return .doctypeWithEntities
        }
        if entry.domain == Int32(XML_FROM_IO.rawValue) || isCode(XML_IO_LOAD_ERROR) || isCode(XML_IO_NETWORK_ATTEMPT) {
            return .externalEntityRefused
        }
        return .notWellFormed(message.isEmpty ? "libxml2 reported an error without a message" : message)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
