/// Reads the bounding box of Well-Known Text: POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING,
/// MULTIPOLYGON, GEOMETRYCOLLECTION (with Z/M/ZM), `ENVELOPE(minX, maxX, maxY, minY)` (CQL/Solr, as CKAN's
/// spatial search writes it) and PostGIS `BOX(x1 y1, x2 y2)`. Accepts an EWKT `SRID=4326;` prefix and a
/// GeoSPARQL CRS IRI prefix (`<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON(…)`, dcat `locn:geometry`
/// and data.json 3.0 `spatial.geometry` in the corpus). Positions are x y (longitude latitude) except after an
/// EPSG:4326 IRI, which GeoSPARQL reads latitude first; `BBoxCheck` detects swapped values either way.
enum WKTBBox {
    static let keywords: Set<String> = [
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
        "ENVELOPE", "BOX", "BOX2D", "BOX3D", "CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE",
        "MULTISURFACE", "TRIANGLE", "TIN", "POLYHEDRALSURFACE",
    ]

    /// True when `text` starts like WKT (after an optional `SRID=…;` or `<IRI>` prefix).
    static func looksLikeWKT(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = prefixEnd(bytes).index
            guard let first = keyword(bytes, &index), keywords.contains(first) else { return false }
            // `POINT (…`, `POINT Z (…`, `POLYGON EMPTY` — not `Point Reyes National Seashore`.
            var look = index
            if let word = keyword(bytes, &look) {
                if word == "EMPTY" { return true }
                guard word == "Z" || word == "M" || word == "ZM" else { return false }
                index = look
            }
            while index < bytes.count, CoordinateScanner.isSpace(bytes[index]) { index += 1 }
            return index < bytes.count && bytes[index] == UInt8(ascii: "(")
        }
    }

    static func read(_ text: String) -> GeometryParse {
        var text = text
        return text.withUTF8 { read($0) }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> GeometryParse {
        let (start, expected) = prefixEnd(bytes)
        var index = start
        guard let first = keyword(bytes, &index), keywords.contains(first) else { return .failed("not WKT") }
        if first == "ENVELOPE" {
            // ENVELOPE(minX, maxX, maxY, minY)
            let numbers = flatNumbers(bytes, from: index)
            guard let numbers, numbers.count == 4 else { return .failed("ENVELOPE needs four numbers") }
            return GeometryParse(BBoxCheck.box(lower: numbers[0], numbers[3], upper: numbers[1], numbers[2], expected: expected))
        }
        var extent = Extent()
        var group: (x: Double, y: Double, count: Int) = (0, 0, 0)
        var depth = 0
        var empty = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                group.count = 0
                index += 1
            case UInt8(ascii: ")"), UInt8(ascii: ","):
                if group.count == 1 { return .failed("a WKT position with one ordinate") }
                if group.count >= 2 { extent.add(group.x, group.y) }
                group.count = 0
                if byte == UInt8(ascii: ")") {
                    depth -= 1
                    guard depth >= 0 else { return .failed("unbalanced parentheses in WKT") }
                }
                index += 1
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            default:
                if isLetter(byte) {
                    // Nested type names in a GEOMETRYCOLLECTION, Z/M/ZM, EMPTY.
                    if let word = keyword(bytes, &index), word == "EMPTY" { empty = true }
                    continue
                }
                guard depth > 0, let value = CoordinateScanner.number(bytes, &index) else { return .failed("unexpected text in WKT") }
                if group.count == 0 { group.x = value } else if group.count == 1 { group.y = value }
                group.count += 1
            }
        }
        guard depth == 0 else { return .failed("unbalanced parentheses in WKT") }
        if extent.isEmpty { return .failed(empty ? "an empty WKT geometry" : "no coordinates in the WKT") }
        return GeometryParse(BBoxCheck.box(around: extent, expected: expected))
    }

    /// Where the geometry starts after `SRID=…;` or `<IRI>`, and the axis order the prefix implies.
    private static func prefixEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, order: AxisOrder) {
        var index = 0
        while index < bytes.count, CoordinateScanner.isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "<"),
           let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
            let iri = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self)
            return (close + 1, CRSName.axisOrder(iri))
        }
        if bytes.count - index > 5, (bytes[index] | 0x20) == UInt8(ascii: "s"),
           let semicolon = bytes[index..<min(bytes.count, index + 16)].firstIndex(of: UInt8(ascii: ";")) {
            return (semicolon + 1, .lonLat)
        }
        return (index, .lonLat)
    }

    /// The upper-cased word at `index` (after white space), advancing past it.
    private static func keyword(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> String? {
        while index < bytes.count, CoordinateScanner.isSpace(bytes[index]) { index += 1 }
        let start = index
        while index < bytes.count, isLetter(bytes[index]) || (index > start && CoordinateScanner.isDigit(bytes[index])) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]).map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    }

    /// All numbers in `( … )` from `index`, separated by commas or spaces.
    private static func flatNumbers(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Double]? {
        var index = start
        var numbers: [Double] = []
        var open = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "("): open = true; index += 1
            case UInt8(ascii: ")"): return open ? numbers : nil
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D: index += 1
            default:
                guard open, let value = CoordinateScanner.number(bytes, &index) else { return nil }
                numbers.append(value)
            }
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
}

/// What a CRS name says about axis order.
enum CRSName {
    /// Latitude first for EPSG:4326 written as an OGC URN or URL (`urn:ogc:def:crs:EPSG::4326`,
    /// `urn:x-ogc:def:crs:EPSG:6.11:4326` (pycsw OAI `ows:BoundingBox`), `http://www.opengis.net/def/crs/EPSG/0/4326`),
    /// which is how those names are defined; longitude first for CRS84, the short `EPSG:4326` (which most software
    /// writes x/y) and anything else.
    static func axisOrder(_ name: String) -> AxisOrder {
        guard name.hasSuffix("4326") else { return .lonLat }
        if name.hasPrefix("urn:") || name.contains("/def/crs/EPSG/") { return .latLon }
        return .lonLat
    }
}
