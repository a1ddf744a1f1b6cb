/// Decides what a spatial coverage's geometry text is and reads its bounding box.
enum SpatialReader {
    enum Reading: Equatable {
        /// A box, the rule that read it (`spatial.geojson`, `spatial.wkt`, `spatial.gml`, `spatial.bbox`,
        /// `spatial.coordinates` for bare nested arrays) and
        /// whether the axes were swapped.
        case box(BoxReading, rule: String)
        /// Not a geometry but a place name (data.json `spatial: "Philadelphia, Pennsylvania"`).
        case placeName
        /// A URI (a GeoNames or EU authority place).
        case uri
        /// An unexpanded template (`{{extent:computeSpatialProperty}}`, ArcGIS Hub).
        case placeholder
        /// A geometry that could not be read, and why.
        case unreadable(String)
    }

    static func read(_ text: String) -> Reading {
        guard let first = text.utf8.first else { return .unreadable("empty") }
        switch first {
        case UInt8(ascii: "{"):
            if text.utf8.starts(with: "{{".utf8) { return .placeholder }
            return finish(GeoJSONBBox.read(text), rule: "spatial.geojson")
        case UInt8(ascii: "["):
            // `[w, s, e, n]`, or bare nested coordinate arrays: GeoJSON `coordinates` alone, or corner pairs
            // `[[-14.60, -179.23], [71.44, 179.86]]` (lat, lon; datajson/gsa_geospatial.data.json).
            let bbox = BBoxString.read(text)
            if case .box = bbox { return finish(bbox, rule: "spatial.bbox") }
            var text = text
            let coordinates: GeometryParse = text.withUTF8 { bytes in
                var extent = Extent()
                var index = 0
                guard GeoJSONBBox.readPositions(bytes, &index, into: &extent),
                      bytes[index...].allSatisfy(CoordinateScanner.isSpace) else { return .failed("not GeoJSON coordinates") }
                return GeometryParse(BBoxCheck.box(around: extent, expected: .lonLat))
            }
            return finish(coordinates, rule: "spatial.coordinates")
        case UInt8(ascii: "<"):
            if WKTBBox.looksLikeWKT(text) { return finish(WKTBBox.read(text), rule: "spatial.wkt") }
            return finish(GMLBBox.read(text), rule: "spatial.gml")
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "("):
            let parse = BBoxString.read(text)
            // `28 Federal Agencies that spend …` (datajson/agency_gsa.data.json) is words, not numbers.
            if case .failed = parse, hasWord(text) { return .placeName }
            return finish(parse, rule: "spatial.bbox")
        default:
            if WKTBBox.looksLikeWKT(text) { return finish(WKTBBox.read(text), rule: "spatial.wkt") }
            if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("urn:") { return text.contains(" ") ? .placeName : .uri }
            if text.contains("${") || isTemplateName(text) { return .placeholder }
            return .placeName
        }
    }

    private static func finish(_ parse: GeometryParse, rule: String) -> Reading {
        switch parse {
        case .box(let reading): return .box(reading, rule: rule)
        case .outOfRange: return .unreadable("the coordinates are not WGS 84 longitude/latitude in degrees (projected, or south above north)")
        case .failed(let reason): return .unreadable(reason)
        }
    }

    /// Two letters in a row somewhere (a number's exponent is one letter).
    private static func hasWord(_ text: String) -> Bool {
        var previousLetter = false
        for byte in text.utf8 {
            let letter = (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || byte >= 0x80
            if letter && previousLetter { return true }
            previousLetter = letter
        }
        return false
    }

    /// `PLACEHOLDER_EXTENT`: upper-case letters and underscores only.
    private static func isTemplateName(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "_")) && text.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || $0 == UInt8(ascii: "_") }
    }
}
