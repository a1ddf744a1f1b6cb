import FeedParsing
import Foundation
import Testing

/// A file in a fresh temporary folder, removed by `remove()`.
struct TemporaryFile {
    let url: URL

    init(_ bytes: [UInt8], name: String = "doc.xml") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-xmlfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
    }

    init(_ text: String, name: String = "doc.xml") throws {
        try self.init(Array(text.utf8), name: name)
    }

    var path: String { url.path }

    func remove() {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}

/// Every event of the file at `path`, or the error that stopped it.
func xmlFileEvents(_ path: String, options: XMLReader.Options = .init()) -> Result<[XMLEvent], XMLReadError> {
    do throws(XMLReadError) {
        let reader = try XMLReader(path: path, options: options)
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return .success(events)
    } catch {
        return .failure(error)
    }
}

@Suite("XML reader from a file")
struct XMLReaderFileTests {
    /// A document larger than the scan's 256 KiB window, so the window moves many times.
    static let large: String = {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog xmlns:dct=\"http://purl.org/dc/terms/\">\n"
        for index in 0..<6_000 {
            text += "  <item n=\"\(index)\"><dct:title xml:lang=\"fr\">Jeu de données \(index) &amp; co</dct:title><![CDATA[<raw>]]></item>\n"
        }
        return text + "</catalog>\n"
    }()

    @Test("a file gives the same events as its bytes in memory")
    func sameEvents() throws {
        let documents = [
            Self.large,
            "\u{FEFF}<?xml version=\"1.0\"?><a x='1'>text<b/><!-- c --><?pi x?></a>",
            "<a>  <b>  </b>\n</a>",
        ]
        for document in documents {
            let file = try TemporaryFile(document)
            defer { file.remove() }
            for keep in [false, true] {
                var options = XMLReader.Options()
                options.keepWhitespace = keep
                let fromFile = try xmlFileEvents(file.path, options: options).get()
                let fromBytes = try xmlEvents(Array(document.utf8), options: options).get()
                #expect(fromFile == fromBytes)
                #expect(!fromFile.isEmpty)
            }
        }
    }

    @Test("UTF-16 files are read (through memory)")
    func utf16() throws {
        let document = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>ünï</a>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in document.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let file = try TemporaryFile(bytes)
        defer { file.remove() }
        let events = try xmlFileEvents(file.path).get()
        #expect(events.contains(.text("ünï")))
    }

    @Test("the defences of the bytes reader apply to files, anywhere in the file")
    func refusals() throws {
        let entity = """
        <?xml version="1.0"?>
        <!DOCTYPE a [ <!ENTITY e "boom"> ]>
        <a>&e;</a>
        """
        let attributes = (0..<200).map { " a\($0)=\"v\"" }.joined()
        let lateAttributes = String(Self.large.dropLast("</catalog>\n".count)) + "<late\(attributes)/></catalog>"
        let names = "<r>" + (0..<10_500).map { "<n\($0)/>" }.joined() + "</r>"
        let encoding = "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><a/>"
        for document in [entity, lateAttributes, names, encoding, "  <!-- only a comment -->  "] {
            let file = try TemporaryFile(document)
            defer { file.remove() }
            guard case .failure(let fromFile) = xmlFileEvents(file.path),
                  case .failure(let fromBytes) = xmlEvents(Array(document.utf8)) else {
                Issue.record("\(document.prefix(60)) was read")
                continue
            }
            #expect(fromFile.reason == fromBytes.reason)
            #expect(fromFile.line == fromBytes.line && fromFile.column == fromBytes.column)
            #expect(fromFile.url == file.path)
        }
    }

    @Test("a truncated file fails at the same place as its bytes")
    func truncated() throws {
        let document = String(Self.large.prefix(300_000))
        let file = try TemporaryFile(document)
        defer { file.remove() }
        guard case .failure(let fromFile) = xmlFileEvents(file.path),
              case .failure(let fromBytes) = xmlEvents(Array(document.utf8)) else {
            Issue.record("the truncated document was read to the end")
            return
        }
        #expect(fromFile.reason == fromBytes.reason)
        #expect(fromFile.line == fromBytes.line)
        #expect(fromFile.column == fromBytes.column)
        #expect(fromFile.line > 2_000)
    }

    @Test("missing files, folders and files over the size limit are refused")
    func unreadable() throws {
        guard case .failure(let missing) = xmlFileEvents("/nonexistent/fedcat/doc.xml") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.reason == .unreadable("No such file or directory"))
        #expect(missing.description == "The XML at /nonexistent/fedcat/doc.xml could not be read: No such file or directory.")

        let file = try TemporaryFile("<a>0123456789</a>")
        defer { file.remove() }
        guard case .failure(let folder) = xmlFileEvents(file.url.deletingLastPathComponent().path) else {
            Issue.record("a folder was read")
            return
        }
        #expect(folder.reason == .unreadable("it is not a regular file"))

        var options = XMLReader.Options()
        options.maxDocumentBytes = 10
        guard case .failure(let large) = xmlFileEvents(file.path, options: options) else {
            Issue.record("a file over the limit was read")
            return
        }
        #expect(large.reason == .tooLarge(10))
    }

    @Test("nesting beyond libxml2's depth limit is reported as too deep, and the scan still checks every tag libxml2 parses")
    func depth() throws {
        let deep = String(repeating: "<d>", count: 400) + String(repeating: "</d>", count: 400)
        let attributes = (0..<200).map { " a\($0)=\"v\"" }.joined()
        // The start tag at depth 258 is the one libxml2 parses before it stops.
        let crowded = String(repeating: "<d>", count: 257) + "<e\(attributes)/>" + String(repeating: "</d>", count: 257)
        for (document, reason) in [(deep, XMLReadError.Reason.tooDeep(256)), (crowded, .tooManyAttributes(128))] {
            let file = try TemporaryFile(document)
            defer { file.remove() }
            for result in [xmlFileEvents(file.path), xmlEvents(Array(document.utf8))] {
                guard case .failure(let error) = result else {
                    Issue.record("\(reason) was read")
                    continue
                }
                #expect(error.reason == reason)
            }
        }
    }
}
