/// A text with an optional language tag per variant (`dct:title "…"@en`).
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The text to show when no language is asked for.
    public var value: String
    /// Language variants keyed by language tag (`en`, `fr`, …); may include `value`'s own language.
    public var variants: [String: String]

    public init(_ value: String, variants: [String: String] = [:]) {
        self.value = value
        self.variants = variants
    }
}

/// An identifier with the scheme it belongs to when known (`doi`, `uri`, `ckan-name`, …).
public struct Identifier: Sendable, Hashable, Codable {
    public var value: String
    public var scheme: String?

    public init(_ value: String, scheme: String? = nil) {
        self.value = value
        self.scheme = scheme
    }
}

/// A concept from a vocabulary (a theme, a frequency, access rights): its URI and/or label.
public struct Concept: Sendable, Hashable, Codable {
    public var uri: String?
    public var label: String?
    /// The vocabulary or origin of the concept (`ckan-group`, `eu-data-theme`, …).
    public var scheme: String?

    public init(uri: String? = nil, label: String? = nil, scheme: String? = nil) {
        self.uri = uri
        self.label = label
        self.scheme = scheme
    }
}

/// An organisation or person (`foaf:Agent`).
public struct Agent: Sendable, Hashable, Codable {
    public var name: String
    public var uri: String?
    /// The id the source gives the agent (a CKAN organisation name, …).
    public var identifier: String?
    public var email: String?
    public var homepage: String?
    /// The name folded for matching (case, accents, punctuation, legal forms); shown: `name`.
    public var matchKey: String?

    public init(name: String, uri: String? = nil, identifier: String? = nil, email: String? = nil, homepage: String? = nil) {
        self.name = name
        self.uri = uri
        self.identifier = identifier
        self.email = email
        self.homepage = homepage
    }
}

/// A contact point (`vcard:Kind`).
public struct Contact: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var url: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, url: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.url = url
    }
}

/// A licence as published, with its normalised identity when fedcat recognises it.
public struct LicenseRef: Sendable, Hashable, Codable {
    /// The id as published (`cc-by`, `CC-BY-4.0`, `notspecified`, …).
    public var raw: String?
    public var title: String?
    public var uri: String?
    /// SPDX id when recognised (`CC-BY-4.0`).
    public var spdx: String?
    /// The EU licence authority URI when recognised (`http://publications.europa.eu/resource/authority/licence/CC_BY_4_0`).
    public var euURI: String?
    /// The canonical title of the recognised licence.
    public var label: String?

    public init(raw: String? = nil, title: String? = nil, uri: String? = nil, spdx: String? = nil) {
        self.raw = raw
        self.title = title
        self.uri = uri
        self.spdx = spdx
    }

    /// True when the licence carries nothing at all.
    public var isEmpty: Bool { raw == nil && title == nil && uri == nil && spdx == nil && euURI == nil }

    /// True when fedcat recognised the licence.
    public var isRecognised: Bool { spdx != nil || euURI != nil }
}

/// A time span covered by the data (`dct:PeriodOfTime`).
public struct TemporalCoverage: Sendable, Hashable, Codable {
    public var start: CatalogDate?
    public var end: CatalogDate?

    public init(start: CatalogDate? = nil, end: CatalogDate? = nil) {
        self.start = start
        self.end = end
    }
}

/// A place covered by the data (`dct:Location`): a geometry text, a label or a URI.
public struct SpatialCoverage: Sendable, Hashable, Codable {
    /// GeoJSON or WKT as published.
    public var geometry: String?
    public var label: String?
    public var uri: String?
    /// The bounding box fedcat read from the geometry.
    public var bbox: BoundingBox?

    public init(geometry: String? = nil, label: String? = nil, uri: String? = nil) {
        self.geometry = geometry
        self.label = label
        self.uri = uri
    }
}

/// A bounding box in WGS 84 degrees (`dcat:bbox`).
public struct BoundingBox: Sendable, Hashable, Codable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }
}

/// One way to get the data (`dcat:Distribution`).
public struct Distribution: Sendable, Hashable, Codable {
    public var id: String?
    public var title: String?
    public var description: String?
    public var accessURL: String?
    public var downloadURL: String?
    /// The format as published (`CSV`, `.csv`, `text/csv`, …).
    public var format: String?
    /// IANA media type when known.
    public var mediaType: String?
    /// The EU file-type authority URI when known (`http://publications.europa.eu/resource/authority/file-type/CSV`).
    public var fileType: String?
    public var byteSize: Int64?
    public var license: LicenseRef?
    public var issued: CatalogDate?
    public var modified: CatalogDate?

    public init(id: String? = nil, title: String? = nil, accessURL: String? = nil) {
        self.id = id
        self.title = title
        self.accessURL = accessURL
    }
}
