/// One quality check with its MQA weight: the points a source gets in full when every record passes it.
///
/// Weights are the points of the data.europa.eu MQA methodology
/// (https://dataeuropa.gitlab.io/data-provider-manual/metadata-quality-dashboard/), 405 in all. Metrics read on
/// distributions score a record by the share of its distributions that pass; the others pass or fail whole.
public enum Metric: String, Sendable, Hashable, Codable, CaseIterable {
    // Findability
    case keywords, themes, spatial, temporal
    // Accessibility
    case accessURLAnswers = "access-url-answers", downloadURL = "download-url", downloadURLAnswers = "download-url-answers"
    // Interoperability
    case format, mediaType = "media-type", formatVocabulary = "format-vocabulary", nonProprietary = "non-proprietary"
    case machineReadable = "machine-readable", dcatAP = "dcat-ap"
    // Reusability
    case licence, licenceVocabulary = "licence-vocabulary", accessRights = "access-rights"
    case accessRightsVocabulary = "access-rights-vocabulary", contactPoint = "contact-point", publisher
    // Contextuality
    case rights, byteSize = "byte-size", issued, modified

    public var dimension: Dimension {
        switch self {
        case .keywords, .themes, .spatial, .temporal: .findability
        case .accessURLAnswers, .downloadURL, .downloadURLAnswers: .accessibility
        case .format, .mediaType, .formatVocabulary, .nonProprietary, .machineReadable, .dcatAP: .interoperability
        case .licence, .licenceVocabulary, .accessRights, .accessRightsVocabulary, .contactPoint, .publisher: .reusability
        case .rights, .byteSize, .issued, .modified: .contextuality
        }
    }

    /// MQA points.
    public var weight: Int {
        switch self {
        case .keywords, .themes: 30
        case .spatial, .temporal: 20
        case .accessURLAnswers: 50
        case .downloadURL: 20
        case .downloadURLAnswers: 30
        case .format: 20
        case .mediaType, .formatVocabulary: 10
        case .nonProprietary, .machineReadable: 20
        case .dcatAP: 30
        case .licence: 20
        case .licenceVocabulary, .accessRights: 10
        case .accessRightsVocabulary: 5
        case .contactPoint: 20
        case .publisher: 10
        case .rights, .byteSize, .issued, .modified: 5
        }
    }

    /// True when the metric needs the URLs to be requested (`--check-links`); otherwise it is "not checked".
    public var needsLinkCheck: Bool { self == .accessURLAnswers || self == .downloadURLAnswers }

    /// True when the metric is read on each distribution (a record scores the share of its distributions that pass).
    public var perDistribution: Bool {
        switch self {
        case .accessURLAnswers, .downloadURL, .downloadURLAnswers, .format, .mediaType, .formatVocabulary,
             .nonProprietary, .machineReadable, .byteSize, .licence, .licenceVocabulary:
            true
        default:
            false
        }
    }

    /// The MQA indicator's name.
    public var title: String {
        switch self {
        case .keywords: "Keyword usage"
        case .themes: "Categories"
        case .spatial: "Geo search"
        case .temporal: "Time-based search"
        case .accessURLAnswers: "Access URL accessibility"
        case .downloadURL: "Download URL"
        case .downloadURLAnswers: "Download URL accessibility"
        case .format: "Format"
        case .mediaType: "Media type"
        case .formatVocabulary: "Format / media type from vocabulary"
        case .nonProprietary: "Non-proprietary"
        case .machineReadable: "Machine readable"
        case .dcatAP: "DCAT-AP compliance (mandatory properties)"
        case .licence: "Licence information"
        case .licenceVocabulary: "Licence vocabulary"
        case .accessRights: "Access restrictions"
        case .accessRightsVocabulary: "Access restrictions vocabulary"
        case .contactPoint: "Contact point"
        case .publisher: "Publisher"
        case .rights: "Rights"
        case .byteSize: "File size"
        case .issued: "Date of issue"
        case .modified: "Modification date"
        }
    }

    /// The DCAT property the metric reads (where the publisher fixes it).
    public var property: String {
        switch self {
        case .keywords: "dcat:keyword"
        case .themes: "dcat:theme"
        case .spatial: "dct:spatial"
        case .temporal: "dct:temporal"
        case .accessURLAnswers: "dcat:accessURL"
        case .downloadURL, .downloadURLAnswers: "dcat:downloadURL"
        case .format: "dct:format"
        case .mediaType: "dcat:mediaType"
        case .formatVocabulary, .nonProprietary, .machineReadable: "dct:format, dcat:mediaType"
        case .dcatAP: "dct:title, dct:description, dcat:accessURL"
        case .licence, .licenceVocabulary: "dct:license"
        case .accessRights, .accessRightsVocabulary: "dct:accessRights"
        case .contactPoint: "dcat:contactPoint"
        case .publisher: "dct:publisher"
        case .rights: "dct:rights"
        case .byteSize: "dcat:byteSize"
        case .issued: "dct:issued"
        case .modified: "dct:modified"
        }
    }
}

extension Metric: CodingKeyRepresentable {}
