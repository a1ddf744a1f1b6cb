/// How a metric's failures are told to the publisher.
extension Metric {
    /// What the failing datasets lack, after "N of M datasets …".
    public var problem: String {
        switch self {
        case .keywords: "have no keywords"
        case .themes: "have no theme or category"
        case .spatial: "say nothing about the area they cover"
        case .temporal: "say nothing about the period they cover"
        case .accessURLAnswers: "have access URLs that do not answer"
        case .downloadURL: "have distributions without a well-formed download URL"
        case .downloadURLAnswers: "have download URLs that do not answer"
        case .format: "have distributions without a format"
        case .mediaType: "have distributions without a media type"
        case .formatVocabulary: "have distributions whose format is not in the EU file-type vocabulary"
        case .nonProprietary: "have distributions only in proprietary formats (or none known)"
        case .machineReadable: "have distributions that are not machine readable (or of unknown format)"
        case .dcatAP: "lack a DCAT-AP mandatory property (title, description, or a distribution's access URL)"
        case .licence: "have no licence"
        case .licenceVocabulary: "have a licence fedcat does not recognise (not SPDX nor the EU licence table)"
        case .accessRights: "say nothing of who may access them"
        case .accessRightsVocabulary: "give access rights outside the EU access-right vocabulary"
        case .contactPoint: "have no contact point"
        case .publisher: "have no publisher"
        case .rights: "have no rights statement"
        case .byteSize: "have distributions without a file size"
        case .issued: "have no plausible date of issue"
        case .modified: "have no plausible modification date"
        }
    }

    /// What the publisher would do, before "would raise the score by …".
    public var remedy: String {
        switch self {
        case .keywords: "adding keywords"
        case .themes: "adding a theme from the EU data-theme vocabulary"
        case .spatial: "adding a spatial coverage (a place or a bounding box)"
        case .temporal: "adding a temporal coverage (start and end dates)"
        case .accessURLAnswers: "mending or removing the broken access URLs"
        case .downloadURL: "giving every distribution a download URL"
        case .downloadURLAnswers: "mending or removing the broken download URLs"
        case .format: "giving every distribution a format"
        case .mediaType: "giving every distribution an IANA media type"
        case .formatVocabulary: "naming formats from the EU file-type vocabulary"
        case .nonProprietary: "also publishing in an open format (CSV, JSON, XML, ODS, …)"
        case .machineReadable: "also publishing in a machine-readable format (CSV, JSON, XML, …)"
        case .dcatAP: "completing the mandatory properties"
        case .licence: "adding one"
        case .licenceVocabulary: "naming a standard licence (an SPDX id or an EU licence URI)"
        case .accessRights: "stating access rights"
        case .accessRightsVocabulary: "using the EU access-right vocabulary (PUBLIC, RESTRICTED, NON_PUBLIC)"
        case .contactPoint: "adding a contact point (an e-mail address or a form)"
        case .publisher: "naming the publisher"
        case .rights: "adding a rights statement"
        case .byteSize: "giving each file's size in bytes"
        case .issued: "giving the date of first publication"
        case .modified: "giving the date of last modification"
        }
    }

    /// The sentence for one failure on one record.
    public func message(location: String, detail: String?) -> String {
        let subject = location.hasPrefix("distributions[") ? Self.distributionName(location) : "The dataset"
        let base: String
        switch self {
        case .keywords: base = "\(subject) has no keywords (\(property))."
        case .themes: base = "\(subject) has no theme or category (\(property))."
        case .spatial: base = "\(subject) has no spatial coverage (\(property))."
        case .temporal: base = "\(subject) has no temporal coverage (\(property))."
        case .accessURLAnswers: base = "\(subject)'s access URL did not answer (\(property))."
        case .downloadURL: base = detail == nil ? "\(subject) has no download URL (\(property))." : "\(subject)'s download URL is not a well-formed http(s) URL (\(property))."
        case .downloadURLAnswers: base = "\(subject)'s download URL did not answer (\(property))."
        case .format: base = "\(subject) has no format (\(property))."
        case .mediaType: base = "\(subject) has no IANA media type (\(property))."
        case .formatVocabulary: base = "\(subject)'s format is not in the EU file-type vocabulary (\(property))."
        case .nonProprietary: base = "\(subject) is not in a known non-proprietary format (\(property))."
        case .machineReadable: base = "\(subject) is not in a known machine-readable format (\(property))."
        case .dcatAP: base = "\(subject) lacks the DCAT-AP mandatory \(Self.dcatPart(location))."
        case .licence: base = "\(subject) has no licence (\(property))."
        case .licenceVocabulary: base = "\(subject)'s licence is not a recognised standard licence (\(property))."
        case .accessRights: base = "\(subject) does not state its access rights (\(property))."
        case .accessRightsVocabulary: base = "\(subject)'s access rights are not from the EU access-right vocabulary (\(property))."
        case .contactPoint: base = "\(subject) has no contact point (\(property))."
        case .publisher: base = "\(subject) has no publisher (\(property))."
        case .rights: base = "\(subject) has no rights statement (\(property))."
        case .byteSize: base = "\(subject) does not give its size in bytes (\(property))."
        case .issued: base = detail == nil ? "\(subject) has no date of issue (\(property))." : "\(subject)'s date of issue is not plausible (\(property))."
        case .modified: base = detail == nil ? "\(subject) has no modification date (\(property))." : "\(subject)'s modification date is not plausible (\(property))."
        }
        guard let detail, !detail.isEmpty else { return base }
        return base + " Found: '\(detail)'."
    }

    /// `distributions[2].downloadURL` → `Distribution 3`.
    static func distributionName(_ location: String) -> String {
        let digits = location.dropFirst("distributions[".count).prefix { $0.isNumber }
        return "Distribution \((Int(digits) ?? 0) + 1)"
    }

    static func dcatPart(_ location: String) -> String {
        if location == "title" { return "title (dct:title)" }
        if location == "description" { return "description (dct:description)" }
        return "access URL (dcat:accessURL)"
    }
}
