import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("Spatial bounding boxes")
struct SpatialTests {
    static func box(_ west: Double, _ south: Double, _ east: Double, _ north: Double) -> BoundingBox {
        BoundingBox(west: west, south: south, east: east, north: north)
    }

    @Test("reads geometry texts", arguments: [
        // ckan/*.json `spatial` extras.
        (#"{"type": "Point", "coordinates": [138.55, -34.783]}"#, box(138.55, -34.783, 138.55, -34.783), "spatial.geojson"),
        (#"{"type":"Polygon","coordinates":[[[2.526855,49.605905],[2.526855,51.415139],[6.240234,51.415139],[6.240234,49.605905],[2.526855,49.605905]]]}"#,
         box(2.526855, 49.605905, 6.240234, 51.415139), "spatial.geojson"),
        (#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[7.834626,46.558292]}]}"#,
         box(7.834626, 46.558292, 7.834626, 46.558292), "spatial.geojson"),
        (#"{"type": "MultiPolygon", "coordinates": [[[[129.0, -25.2], [129.0, -35.1], [113.1, -35.1], [113.1, -25.2]]], [[[100, 1], [101, 1], [101, 2], [100, 1]]]]}"#,
         box(100, -35.1, 129.0, 2), "spatial.geojson"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"coordinates"},"geometry":{"type":"LineString","coordinates":[[1,2,300],[3,4,500]]}}]}"#,
         box(1, 2, 3, 4), "spatial.geojson"),
        ("{'type': 'Point', 'coordinates': [-0.1276, 51.5072]}", box(-0.1276, 51.5072, -0.1276, 51.5072), "spatial.geojson"),
        (#"{"type":"Feature","bbox":[-10.5,40.2,5.0,51.3],"geometry":null}"#, box(-10.5, 40.2, 5.0, 51.3), "spatial.geojson"),
        (#"{"type": "Polygon", "coordinates": [[[1.5e1, 4.5E+1], [16, 46], [15, 45]]]}"#, box(15, 45, 16, 46), "spatial.geojson"),
        // WKT: data.json 3.0 (datagov-harvester_dcatus3_0_complete_example.json), dcat `locn:geometry`.
        ("POLYGON((-125 24, -66 24, -66 50, -125 50, -125 24))", box(-125, 24, -66, 50), "spatial.wkt"),
        ("POLYGON ((11.9936 54.0486, 11.9936 54.2466, 12.3045 54.2466, 12.3045 54.0486, 11.9936 54.0486))",
         box(11.9936, 54.0486, 12.3045, 54.2466), "spatial.wkt"),
        ("POINT(7.5 46.9)", box(7.5, 46.9, 7.5, 46.9), "spatial.wkt"),
        ("point z (7.5 46.9 500)", box(7.5, 46.9, 7.5, 46.9), "spatial.wkt"),
        ("LINESTRING(0 0, 10 5)", box(0, 0, 10, 5), "spatial.wkt"),
        ("MULTIPOLYGON(((1 1, 2 1, 2 2, 1 1)), ((-3 -3, -2 -3, -2 -2, -3 -3)))", box(-3, -3, 2, 2), "spatial.wkt"),
        ("GEOMETRYCOLLECTION(POINT(4 6), LINESTRING(4 6, 7 10))", box(4, 6, 7, 10), "spatial.wkt"),
        ("ENVELOPE(-10.5, 5.0, 51.3, 40.2)", box(-10.5, 40.2, 5.0, 51.3), "spatial.wkt"),
        ("SRID=4326;POINT(7.5 46.9)", box(7.5, 46.9, 7.5, 46.9), "spatial.wkt"),
        ("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON((8.094 54.569, 15.151 54.569, 15.151 57.751, 8.094 57.751, 8.094 54.569))",
         box(8.094, 54.569, 15.151, 57.751), "spatial.wkt"),
        ("<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(46.9 7.5)", box(7.5, 46.9, 7.5, 46.9), "spatial.wkt"),
        // GML (dcat_rdfxml/semic_geodcat-ap_*.rdf `dcat:bbox` gmlLiteral).
        (#"<gml:Envelope srsName="http://www.opengis.net/def/crs/OGC/1.3/CRS84"><gml:lowerCorner>14.18 35.81</gml:lowerCorner><gml:upperCorner>14.58 36.08</gml:upperCorner></gml:Envelope>"#,
         box(14.18, 35.81, 14.58, 36.08), "spatial.gml"),
        // oaipmh/pycsw_oai_ListRecords_oai_dc.xml: EPSG:4326 URN is latitude first (Sweden, not the Arabian Sea).
        (#"<ows:BoundingBox crs="urn:x-ogc:def:crs:EPSG:6.11:4326"><ows:LowerCorner>60.042 13.754</ows:LowerCorner><ows:UpperCorner>68.410 17.920</ows:UpperCorner></ows:BoundingBox>"#,
         box(13.754, 60.042, 17.920, 68.410), "spatial.gml"),
        (#"<gml:Point srsName="EPSG:4326"><gml:pos>7.5 46.9</gml:pos></gml:Point>"#, box(7.5, 46.9, 7.5, 46.9), "spatial.gml"),
        (#"<gml:Polygon><gml:exterior><gml:LinearRing><gml:posList srsDimension="3">1 2 0 3 4 0 1 2 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"#,
         box(1, 2, 3, 4), "spatial.gml"),
        ("<gml:Box><gml:coordinates>1,2 3,4</gml:coordinates></gml:Box>", box(1, 2, 3, 4), "spatial.gml"),
        ("<gmd:EX_GeographicBoundingBox><gmd:westBoundLongitude><gco:Decimal>-10.5</gco:Decimal></gmd:westBoundLongitude><gmd:eastBoundLongitude><gco:Decimal>5.0</gco:Decimal></gmd:eastBoundLongitude><gmd:southBoundLatitude><gco:Decimal>40.2</gco:Decimal></gmd:southBoundLatitude><gmd:northBoundLatitude><gco:Decimal>51.3</gco:Decimal></gmd:northBoundLatitude></gmd:EX_GeographicBoundingBox>",
         box(-10.5, 40.2, 5.0, 51.3), "spatial.gml"),
        // atom_rss: `<georss:box>` is south west north east.
        ("<georss:box>47.2279 8.8934 50.5798 13.9247</georss:box>", box(8.8934, 47.2279, 13.9247, 50.5798), "spatial.gml"),
        // Bare numbers: other_portals/arcgis-hub_act_bushfire.data.json `spatial`.
        ("148.9099,-35.5264,149.2687,-35.1218", box(148.9099, -35.5264, 149.2687, -35.1218), "spatial.bbox"),
        ("-10.5,40.2,5.0,51.3", box(-10.5, 40.2, 5.0, 51.3), "spatial.bbox"),
        ("-10.5 40.2 5.0 51.3", box(-10.5, 40.2, 5.0, 51.3), "spatial.bbox"),
        ("[-10.5, 40.2, 5.0, 51.3]", box(-10.5, 40.2, 5.0, 51.3), "spatial.bbox"),
        // Crossing the antimeridian (Fiji): west > 0 > east is kept.
        ("177.0,-20.0,-178.0,-12.0", box(177.0, -20.0, -178.0, -12.0), "spatial.bbox"),
        // data.json `lat,lon`.
        ("38.8977,-77.0365", box(-77.0365, 38.8977, -77.0365, 38.8977), "spatial.bbox"),
    ])
    func reads(text: String, expected: BoundingBox, rule: String) {
        guard case .box(let reading, let readRule) = SpatialReader.read(text) else {
            Issue.record("not read: \(SpatialReader.read(text))")
            return
        }
        #expect(reading.box == expected)
        #expect(readRule == rule)
    }

    @Test("detects swapped axes when only one order is possible", arguments: [
        // atom_rss/owslib_owc_csw_10entries.xml: `<gml:Envelope srsName="EPSG:4326"><gml:lowerCorner>-90.0 -180.0`.
        (#"<gml:Envelope srsName="EPSG:4326"><gml:lowerCorner>-90.0 -180.0</gml:lowerCorner><gml:upperCorner>90.0 180.0</gml:upperCorner></gml:Envelope>"#,
         box(-180, -90, 180, 90)),
        // A GeoJSON point written lat, lon with a longitude over 90.
        (#"{"type":"Point","coordinates":[-34.783, 138.55]}"#, box(138.55, -34.783, 138.55, -34.783)),
        // datajson/gsa_geospatial.data.json `spatial`: corner pairs, latitude first.
        ("[[-14.601813, -179.231086], [71.441059, 179.859681]]", box(-179.231086, -14.601813, 179.859681, 71.441059)),
        // A `w,s,e,n` string written `s,w,n,e`.
        ("-35.5264,148.9099,-35.1218,149.2687", box(148.9099, -35.5264, 149.2687, -35.1218)),
        // A point written lon, lat where data.json expects lat, lon.
        ("138.0,-34.9", box(138.0, -34.9, 138.0, -34.9)),
    ])
    func swapped(text: String, expected: BoundingBox) {
        guard case .box(let reading, _) = SpatialReader.read(text) else {
            Issue.record("not read: \(SpatialReader.read(text))")
            return
        }
        #expect(reading.box == expected)
        #expect(reading.swapped)
    }

    @Test("refuses what is not a WGS 84 geometry", arguments: [
        // Web Mercator metres.
        #"{"type":"Point","coordinates":[1234567.8, 6543210.1]}"#,
        "POLYGON((500000 4649776, 600000 4649776, 600000 4749776, 500000 4649776))",
        #"{"type":"Polygon","coordinates":[[[1,2],[3]]]}"#,
        #"{"type":"Polygon"}"#,
        "POLYGON EMPTY",
        "POLYGON((1 2, 3 4)",
        "1,2,3",
        "10,50,5,40",      // south above north and west > east in both orders
        "10,40,5,50",      // west > east without crossing the antimeridian
        "<gml:Envelope><gml:lowerCorner>1</gml:lowerCorner><gml:upperCorner>2 3</gml:upperCorner></gml:Envelope>",
        #"{"type": "Point", "coordinates": [1, "#,
    ])
    func refuses(text: String) {
        guard case .unreadable = SpatialReader.read(text) else {
            Issue.record("read: \(SpatialReader.read(text))")
            return
        }
    }

    @Test func classifiesNamesURIsAndTemplates() {
        // datajson/datagov-harvester_philly_dcatus_with_none.data.json; other_portals/arcgis-hub_evian.data.json.
        #expect(SpatialReader.read("Philadelphia, Pennsylvania") == .placeName)
        #expect(SpatialReader.read("United States") == .placeName)
        #expect(SpatialReader.read("28 Federal Agencies that spend a million dollars or more on mail") == .placeName)
        #expect(SpatialReader.read("Point Reyes National Seashore") == .placeName)
        #expect(SpatialReader.read("Polygon area of the county") == .placeName)
        #expect(SpatialReader.read("http://sws.geonames.org/2950159/") == .uri)
        #expect(SpatialReader.read("{{extent:computeSpatialProperty}}") == .placeholder)
    }

    @Test func ruleFillsBoxesNotesAndIssues() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.spatial = [
            SpatialCoverage(geometry: #"{"type": "Point", "coordinates": [138.55, -34.783]}"#),
            SpatialCoverage(geometry: "Philadelphia, Pennsylvania"),
            SpatialCoverage(geometry: "{{extent:computeSpatialProperty}}"),
            SpatialCoverage(geometry: "POINT(1234567 7654321)"),
            SpatialCoverage(geometry: "-90 -180 90 180"),
            SpatialCoverage(geometry: "  "),
        ]
        let (output, issues) = SpatialRule().applyingAlone(record, NormalisationContext())
        #expect(output.spatial.count == 4)
        #expect(output.spatial[0].bbox == Self.box(138.55, -34.783, 138.55, -34.783))
        #expect(output.spatial[1] == SpatialCoverage(label: "Philadelphia, Pennsylvania"))
        #expect(output.spatial[2].bbox == nil && output.spatial[2].geometry == "POINT(1234567 7654321)")
        #expect(output.spatial[3].bbox == Self.box(-180, -90, 180, 90))
        #expect(output.notes.map(\.rule) == ["spatial.geojson", "spatial.place-name", "spatial.placeholder", "spatial.bbox"])
        #expect(output.notes[0] == FieldNote(field: "spatial[0]", raw: #"{"type": "Point", "coordinates": [138.55, -34.783]}"#,
                                             value: "138.55,-34.783,138.55,-34.783", rule: "spatial.geojson"))
        #expect(issues.map(\.code) == ["spatial.placeholder", "spatial.unreadable", "spatial.axis-swapped"])
    }

    @Test func dropsAPublishedBoxOutOfRange() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        var place = SpatialCoverage(label: "Somewhere")
        place.bbox = Self.box(-200, 0, 10, 10)
        record.spatial = [place]
        let (output, issues) = SpatialRule().applyingAlone(record, NormalisationContext())
        #expect(output.spatial == [SpatialCoverage(label: "Somewhere")])
        #expect(issues.map(\.code) == ["spatial.unreadable"])
    }

    @Test func scansNumbersLikeTheStandardLibrary() {
        for text in ["0", "-0.5", "129.00192922000005", "-25.255899200999988", "1e-7", "-1.5E+2", "12345678901234567890.5",
                     "0.000000000000000000000000001", "115.81117630004884"] {
            var copy = text
            let value: Double? = copy.withUTF8 { bytes in
                var index = 0
                return CoordinateScanner.number(bytes, &index)
            }
            #expect(value == Double(text), "\(text)")
        }
    }
}
