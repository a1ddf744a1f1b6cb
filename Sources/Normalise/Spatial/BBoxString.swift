/// Reads bounding boxes and points written as bare numbers:
/// - four numbers `west,south,east,north` (ArcGIS Hub data.json `spatial`: `148.9099,-35.5264,149.2687,-35.1218`,
///   other_portals/arcgis-hub_act_bushfire.data.json; CKAN `bbox` strings `-10.5,40.2,5.0,51.3`), separated by
///   commas, spaces or semicolons, optionally in `[…]` or `(…)`; a box whose values only fit as
///   `south,west,north,east` is read that way and reported as swapped;
/// - two numbers, a point `lat,lon` (data.json's convention), or `lon,lat` when only that fits.
/// Anything else (other counts, words) is not such a string.
enum BBoxString {
    static func read(_ text: String) -> GeometryParse {
        var text = text
        return text.withUTF8 { read($0) }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> GeometryParse {
        var numbers: [Double] = []
        var index = 0
        var brackets = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: ";"), 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "["), UInt8(ascii: "("):
                guard numbers.isEmpty, brackets == 0 else { return .failed("not a list of numbers") }
                brackets += 1
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"):
                brackets -= 1
                index += 1
                guard brackets == 0, bytes[index...].allSatisfy(CoordinateScanner.isSpace) else { return .failed("not a list of numbers") }
            default:
                guard numbers.count < 64, let value = CoordinateScanner.number(bytes, &index) else { return .failed("not a list of numbers") }
                numbers.append(value)
            }
        }
        guard brackets == 0 else { return .failed("not a list of numbers") }
        switch numbers.count {
        case 4:
            return GeometryParse(BBoxCheck.box(lower: numbers[0], numbers[1], upper: numbers[2], numbers[3], expected: .lonLat))
        case 2:
            var extent = Extent()
            extent.add(numbers[0], numbers[1])
            return GeometryParse(BBoxCheck.box(around: extent, expected: .latLon))
        default:
            return .failed("\(numbers.count) numbers, neither a point nor a box")
        }
    }
}
