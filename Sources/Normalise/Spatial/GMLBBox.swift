/// Reads the bounding box of GML (and GeoRSS) geometry text: `<gml:Envelope>` with `lowerCorner`/`upperCorner`
/// (GeoDCAT-AP `dcat:bbox` gmlLiterals in dcat_rdfxml/*), OWS `LowerCorner`/`UpperCorner` (CSW
/// `ows:BoundingBox`), `gml:Point`/`gml:pos`, `gml:posList` (with `srsDimension`), GML 2 `gml:coordinates`
/// (`x,y x,y`), ISO 19139 `gmd:EX_GeographicBoundingBox` (`westBoundLongitude` …), and `georss:box`,
/// `georss:point`, `georss:polygon`, `georss:line` (always latitude first).
///
/// Axis order follows the `srsName`/`crs` attribute (see `CRSName`): OGC URNs/URLs for EPSG:4326 are latitude
/// first (`<ows:BoundingBox crs="urn:x-ogc:def:crs:EPSG:6.11:4326"><ows:LowerCorner>60.042 13.754`, Sweden,
/// oaipmh/pycsw_oai_ListRecords_oai_dc.xml), CRS84 and the rest longitude first; values impossible in that order
/// are swapped (`<gml:Envelope srsName="EPSG:4326"><gml:lowerCorner>-90.0 -180.0`, atom_rss/owslib_owc_csw_10entries.xml).
enum GMLBBox {
    static func read(_ text: String) -> GeometryParse {
        var text = text
        return text.withUTF8 { read($0) }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> GeometryParse {
        var order: AxisOrder = .lonLat
        var dimension = 2
        var lower: [Double]?, upper: [Double]?
        var bounds: [String: Double] = [:]
        var extent = Extent()
        var geoRSSExtent = Extent()
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return .failed("an unclosed tag in GML") }
            let tag = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close])
            index = close + 1
            guard let first = tag.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else { continue }
            let (prefix, name) = names(tag)
            if let crs = attribute(tag, "srsName") ?? attribute(tag, "crs") { order = CRSName.axisOrder(crs) }
            if let value = attribute(tag, "srsDimension"), let number = Int(value), (2...4).contains(number) { dimension = number }
            if tag.last == UInt8(ascii: "/") { continue }
            // The element's text, up to the next tag.
            let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? count
            let content = UnsafeBufferPointer(rebasing: bytes[index..<end])
            switch (prefix == "georss", name) {
            case (true, "box"), (true, "point"), (true, "polygon"), (true, "line"):
                guard let numbers = numbers(content), numbers.count >= 2, numbers.count % 2 == 0 else { return .failed("unreadable GeoRSS \(name)") }
                for pair in stride(from: 0, to: numbers.count, by: 2) { geoRSSExtent.add(numbers[pair], numbers[pair + 1]) }
            case (false, "lowerCorner"), (false, "LowerCorner"):
                lower = numbers(content)
            case (false, "upperCorner"), (false, "UpperCorner"):
                upper = numbers(content)
            case (false, "pos"), (false, "posList"):
                guard let numbers = numbers(content), numbers.count >= 2, numbers.count % dimension == 0 else {
                    return .failed("unreadable gml:\(name)")
                }
                for position in stride(from: 0, to: numbers.count, by: dimension) { extent.add(numbers[position], numbers[position + 1]) }
            case (false, "coordinates"):
                // GML 2: tuples separated by white space, ordinates by commas.
                guard addTuples(content, to: &extent) else { return .failed("unreadable gml:coordinates") }
            case (false, "westBoundLongitude"), (false, "eastBoundLongitude"), (false, "southBoundLatitude"), (false, "northBoundLatitude"):
                // ISO 19139: the number is in a child <gco:Decimal>; read the next text.
                if let value = nextNumber(bytes, from: index) { bounds[name] = value }
            default:
                break
            }
        }
        if let west = bounds["westBoundLongitude"], let east = bounds["eastBoundLongitude"],
           let south = bounds["southBoundLatitude"], let north = bounds["northBoundLatitude"] {
            return GeometryParse(BBoxCheck.box(lower: west, south, upper: east, north, expected: .lonLat))
        }
        if let lower, let upper {
            guard lower.count >= 2, upper.count == lower.count else { return .failed("unreadable envelope corners") }
            return GeometryParse(BBoxCheck.box(lower: lower[0], lower[1], upper: upper[0], upper[1], expected: order))
        }
        if !extent.isEmpty { return GeometryParse(BBoxCheck.box(around: extent, expected: order)) }
        if !geoRSSExtent.isEmpty { return GeometryParse(BBoxCheck.box(around: geoRSSExtent, expected: .latLon)) }
        return .failed("no coordinates in the GML")
    }

    /// The prefix and local name of a start tag's element.
    private static func names(_ tag: UnsafeBufferPointer<UInt8>) -> (prefix: String, name: String) {
        var end = 0
        while end < tag.count, !CoordinateScanner.isSpace(tag[end]), tag[end] != UInt8(ascii: "/") { end += 1 }
        let qualified = UnsafeBufferPointer(rebasing: tag[0..<end])
        if let colon = qualified.firstIndex(of: UInt8(ascii: ":")) {
            return (String(decoding: UnsafeBufferPointer(rebasing: qualified[0..<colon]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: qualified[(colon + 1)...]), as: UTF8.self))
        }
        return ("", String(decoding: qualified, as: UTF8.self))
    }

    /// The value of attribute `name="…"` (or `'…'`) in a start tag.
    private static func attribute(_ tag: UnsafeBufferPointer<UInt8>, _ name: String) -> String? {
        let key = Array(name.utf8)
        var index = 0
        while index + key.count + 2 < tag.count {
            if tag[index] == key[0], (index == 0 || CoordinateScanner.isSpace(tag[index - 1])),
               tag[index..<(index + key.count)].elementsEqual(key) {
                var look = index + key.count
                while look < tag.count, CoordinateScanner.isSpace(tag[look]) { look += 1 }
                guard look < tag.count, tag[look] == UInt8(ascii: "=") else { index += 1; continue }
                look += 1
                while look < tag.count, CoordinateScanner.isSpace(tag[look]) { look += 1 }
                guard look < tag.count else { return nil }
                let quote = tag[look]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                      let close = tag[(look + 1)...].firstIndex(of: quote) else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: tag[(look + 1)..<close]), as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// White-space separated numbers; nil when anything else is there.
    private static func numbers(_ content: UnsafeBufferPointer<UInt8>) -> [Double]? {
        var result: [Double] = []
        var index = 0
        while index < content.count {
            if CoordinateScanner.isSpace(content[index]) { index += 1; continue }
            guard let value = CoordinateScanner.number(content, &index) else { return nil }
            result.append(value)
        }
        return result
    }

    private static func addTuples(_ content: UnsafeBufferPointer<UInt8>, to extent: inout Extent) -> Bool {
        var index = 0
        var tuple: [Double] = []
        func flush() -> Bool {
            defer { tuple.removeAll(keepingCapacity: true) }
            if tuple.isEmpty { return true }
            guard tuple.count >= 2 else { return false }
            extent.add(tuple[0], tuple[1])
            return true
        }
        while index < content.count {
            let byte = content[index]
            if CoordinateScanner.isSpace(byte) {
                guard flush() else { return false }
                index += 1
            } else if byte == UInt8(ascii: ",") {
                index += 1
            } else {
                guard let value = CoordinateScanner.number(content, &index) else { return false }
                tuple.append(value)
            }
        }
        return flush() && !extent.isEmpty
    }

    /// The first number in the text after `index` (skipping tags), for ISO 19139's `<gco:Decimal>` children.
    private static func nextNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Double? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                // A closing tag before any number: the bound is empty.
                guard index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "/"),
                      let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                index = close + 1
            } else if CoordinateScanner.isSpace(byte) {
                index += 1
            } else {
                return CoordinateScanner.number(bytes, &index)
            }
        }
        return nil
    }
}
