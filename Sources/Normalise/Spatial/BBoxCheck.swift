import CatalogModel

/// Which ordinate comes first in a position.
enum AxisOrder {
    /// x = longitude, y = latitude: GeoJSON (RFC 7946), WKT in GeoSPARQL's default CRS84, most GML in the wild.
    case lonLat
    /// y first: EPSG:4326 as OGC URNs/URLs define it (`urn:ogc:def:crs:EPSG::4326`), GeoRSS, data.json `lat,lon`.
    case latLon
}

/// A bounding box read from a geometry text, and how.
struct BoxReading: Equatable {
    var box: BoundingBox
    /// True when the coordinates only made sense in the other axis order than the one expected.
    var swapped: Bool
}

/// Turns coordinates into a WGS 84 `BoundingBox`, checking the ranges (longitude −180…180, latitude −90…90,
/// south ≤ north) and choosing the axis order.
///
/// Axis order: the format's expected order is tried first; when the values are impossible that way but
/// possible the other way (a "latitude" of 150, a "longitude" of −180 paired with latitudes of ±90) the axes
/// are swapped and the reading says so. When both orders are possible the expected one is kept: values alone
/// cannot tell (`60.0 13.7` is Sweden or the Arabian Sea).
///
/// Antimeridian: an explicit box (a `w,s,e,n` string, a GML Envelope, WKT `ENVELOPE`, GeoJSON `bbox`) whose west
/// is east of its east is kept as crossing the 180° meridian — as in RFC 7946 §5.2 — but only when west is
/// positive and east negative (170,…,−170); otherwise west > east is a mistake and the box is refused. Boxes
/// computed from a geometry's positions are min/max boxes and never cross: a Pacific polygon spanning the
/// meridian gets a box as wide as the world, which over-covers but never misses.
enum BBoxCheck {
    /// The box around `extent`'s positions.
    static func box(around extent: Extent, expected: AxisOrder) -> BoxReading? {
        guard !extent.isEmpty else { return nil }
        let asLonLat = BoundingBox(west: extent.minX, south: extent.minY, east: extent.maxX, north: extent.maxY)
        let asLatLon = BoundingBox(west: extent.minY, south: extent.minX, east: extent.maxY, north: extent.maxX)
        let (first, second) = expected == .lonLat ? (asLonLat, asLatLon) : (asLatLon, asLonLat)
        if isValid(first, crossing: false) { return BoxReading(box: first, swapped: false) }
        if isValid(second, crossing: false) { return BoxReading(box: second, swapped: true) }
        return nil
    }

    /// The box with lower corner (`a`, `b`) and upper corner (`c`, `d`), each written in `expected` order.
    static func box(lower a: Double, _ b: Double, upper c: Double, _ d: Double, expected: AxisOrder) -> BoxReading? {
        let asLonLat = BoundingBox(west: a, south: b, east: c, north: d)
        let asLatLon = BoundingBox(west: b, south: a, east: d, north: c)
        let (first, second) = expected == .lonLat ? (asLonLat, asLatLon) : (asLatLon, asLonLat)
        if isValid(first, crossing: false) { return BoxReading(box: first, swapped: false) }
        if isValid(second, crossing: false) { return BoxReading(box: second, swapped: true) }
        if isValid(first, crossing: true) { return BoxReading(box: first, swapped: false) }
        if isValid(second, crossing: true) { return BoxReading(box: second, swapped: true) }
        return nil
    }

    /// True when `box` is within WGS 84 degree ranges with south ≤ north and west ≤ east, or, if `crossing`,
    /// west > 0 > east (a box over the antimeridian).
    static func isValid(_ box: BoundingBox, crossing: Bool = true) -> Bool {
        guard box.west.isFinite, box.east.isFinite, box.south.isFinite, box.north.isFinite,
              (-180...180).contains(box.west), (-180...180).contains(box.east),
              (-90...90).contains(box.south), (-90...90).contains(box.north), box.south <= box.north else { return false }
        return box.west <= box.east || (crossing && box.west > 0 && box.east < 0)
    }

    /// `west,south,east,north` as notes show it.
    static func text(_ box: BoundingBox) -> String { "\(box.west),\(box.south),\(box.east),\(box.north)" }
}

/// What a geometry parser made of a text.
enum GeometryParse: Equatable {
    case box(BoxReading)
    /// Coordinates were read but are not WGS 84 degrees in either axis order (projected coordinates, or a
    /// box with south above north).
    case outOfRange
    /// The text is not in the parser's format, or has no coordinates; the reason, for the issue.
    case failed(String)

    init(_ reading: BoxReading?) { self = reading.map { .box($0) } ?? .outOfRange }
}
