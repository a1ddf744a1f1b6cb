public import CatalogModel

/// Fills `bbox` for each spatial coverage from its geometry text (GeoJSON of any type, WKT, GML/GeoRSS,
/// `w,s,e,n` strings, `lat,lon` points) and checks it (see `BBoxCheck` for ranges, axis order and the
/// antimeridian). Notes `spatial[i]` with the rule that read it (`spatial.geojson`, `spatial.wkt`, `spatial.gml`,
/// `spatial.bbox`) and the box as `west,south,east,north`; the note's raw text is cut to 200 characters since the
/// geometry itself stays in the record.
///
/// Also: a place name in the geometry (data.json `spatial: "Philadelphia, Pennsylvania"`) moves to `label`
/// (`spatial.place-name`), a URI to `uri` (`spatial.uri`); an unexpanded template (`{{extent:…}}`) is dropped
/// (`spatial.placeholder`, info); swapped axes raise `spatial.axis-swapped` (info); a geometry that cannot be read
/// or is out of range raises `spatial.unreadable` (warning) and stays as published without a box; a published
/// box out of range is dropped with the same issue. Coverages left empty are removed.
public struct SpatialRule: NormalisationRule {
    public let name = "spatial"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        guard !record.spatial.isEmpty else { return }
        var notes: [FieldNote] = []
        for index in record.spatial.indices {
            let field = "spatial[\(index)]"
            var place = record.spatial[index]
            place.label = place.label.flatMap(TextRule.clean)
            place.uri = place.uri.flatMap(TextRule.clean)
            place.geometry = place.geometry.flatMap(TextRule.clean)
            defer { record.spatial[index] = place }
            if let box = place.bbox {
                if !BBoxCheck.isValid(box) {
                    issues.append(.normalisation("spatial.unreadable", .warning, record: record, field: "\(field).bbox",
                                                 "the bounding box \(BBoxCheck.text(box)) is not WGS 84 degrees; it was dropped."))
                    place.bbox = nil
                } else {
                    continue
                }
            }
            guard let geometry = place.geometry else { continue }
            switch SpatialReader.read(geometry) {
            case .box(let reading, let rule):
                place.bbox = reading.box
                notes.append(FieldNote(field: field, raw: Self.excerpt(geometry), value: BBoxCheck.text(reading.box), rule: rule))
                if reading.swapped {
                    issues.append(.normalisation("spatial.axis-swapped", .info, record: record, field: field,
                                                 "the coordinates only make sense with latitude and longitude the other way round; "
                                                 + "read as \(BBoxCheck.text(reading.box)) (west,south,east,north)."))
                }
            case .placeName:
                if place.label == nil { place.label = geometry }
                place.geometry = nil
                notes.append(FieldNote(field: field, raw: geometry, value: geometry, rule: "spatial.place-name"))
            case .uri:
                if place.uri == nil { place.uri = geometry }
                place.geometry = nil
                notes.append(FieldNote(field: field, raw: geometry, value: geometry, rule: "spatial.uri"))
            case .placeholder:
                place.geometry = nil
                notes.append(FieldNote(field: field, raw: geometry, value: "", rule: "spatial.placeholder"))
                issues.append(.normalisation("spatial.placeholder", .info, record: record, field: field,
                                             "'\(Self.excerpt(geometry))' is an unfilled template; it was dropped."))
            case .unreadable(let reason):
                issues.append(.normalisation("spatial.unreadable", .warning, record: record, field: field,
                                             "the geometry '\(Self.excerpt(geometry, limit: 80))' could not be read (\(reason)); "
                                             + "it is kept as published, without a bounding box."))
            }
        }
        record.spatial.removeAll { $0.geometry == nil && $0.label == nil && $0.uri == nil && $0.bbox == nil }
        record.notes += notes
    }

    /// The text, cut to `limit` characters with `…`.
    static func excerpt(_ text: String, limit: Int = 200) -> String {
        guard text.utf8.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}
