/// Reads the bounding box of GeoJSON text of any type — Point, LineString, Polygon, Multi*, GeometryCollection,
/// Feature, FeatureCollection — as CKAN's `spatial` extra holds it
/// (`{"type": "MultiPolygon", "coordinates": [[[[129.0019, -25.2558], …`; `{"type":"GeometryCollection",
/// "geometries":[{"type":"Point","coordinates":[7.83,46.55]}]}`, ckan/*.json).
///
/// It does not build a JSON tree: it finds every `"coordinates"` member and reads the numbers of its nested
/// arrays, taking the first two ordinates of each innermost array (so 3-D positions are fine). A `"bbox"`
/// member is used when there are no coordinates. Python-style single quotes (`{'type': 'Point', …}`) are
/// accepted. Positions are longitude, latitude (RFC 7946); swapped values are detected by `BBoxCheck`.
enum GeoJSONBBox {
    static func read(_ text: String) -> GeometryParse {
        var text = text
        return text.withUTF8 { read($0) }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> GeometryParse {
        var extent = Extent()
        var explicit: [Double]?
        var index = 0
        let count = bytes.count
        while index < count {
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                index += 1
                continue
            }
            // A string: is it the key `coordinates` or `bbox`?
            let start = index + 1
            var end = start
            while end < count, bytes[end] != quote {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard end < count else { return .failed("malformed GeoJSON") }
            let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
            index = end + 1
            let isCoordinates = key.elementsEqual("coordinates".utf8)
            guard isCoordinates || key.elementsEqual("bbox".utf8) else { continue }
            var look = skipSpace(bytes, index)
            guard look < count, bytes[look] == UInt8(ascii: ":") else { continue }
            look = skipSpace(bytes, look + 1)
            guard look < count, bytes[look] == UInt8(ascii: "[") else { continue }
            index = look
            if isCoordinates {
                guard readPositions(bytes, &index, into: &extent) else { return .failed("malformed GeoJSON") }
            } else {
                var numbers: [Double] = []
                guard readFlat(bytes, &index, into: &numbers) else { return .failed("malformed GeoJSON") }
                explicit = numbers
            }
        }
        if !extent.isEmpty { return GeometryParse(BBoxCheck.box(around: extent, expected: .lonLat)) }
        if let explicit {
            // `[w, s, e, n]` or `[w, s, zmin, e, n, zmax]`.
            switch explicit.count {
            case 4: return GeometryParse(BBoxCheck.box(lower: explicit[0], explicit[1], upper: explicit[2], explicit[3], expected: .lonLat))
            case 6: return GeometryParse(BBoxCheck.box(lower: explicit[0], explicit[1], upper: explicit[3], explicit[4], expected: .lonLat))
            default: return .failed("malformed GeoJSON")
            }
        }
        return .failed("no coordinates in the GeoJSON")
    }

    /// Reads nested arrays of numbers from the `[` at `index`, adding the first two numbers of each innermost
    /// array to `extent`; false when the text is not such arrays.
    static func readPositions(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, into extent: inout Extent) -> Bool {
        var depth = 0
        var ordinates = 0
        var x = 0.0, y = 0.0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "["):
                depth += 1
                ordinates = 0
                index += 1
            case UInt8(ascii: "]"):
                if ordinates == 1 { return false }
                if ordinates >= 2 { extent.add(x, y) }
                ordinates = 0
                depth -= 1
                index += 1
                if depth == 0 { return true }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            default:
                guard let value = CoordinateScanner.number(bytes, &index) else { return false }
                if ordinates == 0 { x = value } else if ordinates == 1 { y = value }
                ordinates += 1
            }
        }
        return false
    }

    /// Reads a flat array of numbers from the `[` at `index`.
    private static func readFlat(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, into numbers: inout [Double]) -> Bool {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "]"):
                index += 1
                return true
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            default:
                guard let value = CoordinateScanner.number(bytes, &index) else { return false }
                numbers.append(value)
            }
        }
        return false
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        var index = index
        while index < bytes.count, CoordinateScanner.isSpace(bytes[index]) { index += 1 }
        return index
    }
}
