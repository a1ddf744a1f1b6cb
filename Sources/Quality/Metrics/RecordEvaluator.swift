public import CatalogModel

/// Scores one record on every metric (see `Metric` for the weights and README "Quality reports" for the rules).
public struct RecordEvaluator: Sendable {
    /// Today as `yyyy-MM-dd`: dates after it are not plausible.
    public var today: String
    public var links: LinkStatus

    public init(today: String, links: LinkStatus = .unchecked) {
        self.today = today
        self.links = links
    }

    static let accessRightPrefix = "http://publications.europa.eu/resource/authority/access-right/"

    public func evaluate(_ record: CatalogRecord) -> RecordScore {
        // Sized for every metric at once: growing it as metrics are scored rehashed it three times a record.
        var shares = [Metric: Double](minimumCapacity: Metric.allCases.count)
        var findings: [Finding] = []
        func whole(_ metric: Metric, _ passed: Bool, at location: String, detail: String? = nil) {
            shares[metric] = passed ? 1 : 0
            if !passed { findings.append(Finding(metric: metric, location: location, detail: detail)) }
        }
        /// Scores a distribution metric: `check` returns nil when the distribution passes, else the field and detail.
        func each(_ metric: Metric, _ check: (Distribution) -> (field: String, detail: String?)?) {
            let distributions = record.distributions
            guard !distributions.isEmpty else {
                whole(metric, false, at: "distributions")
                return
            }
            var passed = 0
            for (index, distribution) in distributions.enumerated() {
                if let failure = check(distribution) {
                    findings.append(Finding(metric: metric, location: "distributions[\(index)].\(failure.field)", detail: failure.detail))
                } else {
                    passed += 1
                }
            }
            shares[metric] = Double(passed) / Double(distributions.count)
        }

        // Findability
        whole(.keywords, record.keywords.contains { !$0.isBlank }, at: "keywords")
        whole(.themes, record.themes.contains { !($0.uri ?? "").isBlank || !($0.label ?? "").isBlank }, at: "themes")
        whole(.spatial, record.spatial.contains { $0.bbox != nil || !($0.geometry ?? "").isBlank || !($0.label ?? "").isBlank || !($0.uri ?? "").isBlank },
              at: "spatial")
        whole(.temporal, record.temporal.contains { $0.start != nil || $0.end != nil }, at: "temporal")

        // Accessibility
        if links.checked {
            each(.accessURLAnswers) { d in
                guard let url = d.accessURL, URLCheck.isWellFormed(url) else { return ("accessURL", d.accessURL) }
                return links.answered(url) ? nil : ("accessURL", url)
            }
        }
        each(.downloadURL) { d in
            guard let url = d.downloadURL, !url.isBlank else { return ("downloadURL", nil) }
            return URLCheck.isWellFormed(url) ? nil : ("downloadURL", url)
        }
        if links.checked {
            each(.downloadURLAnswers) { d in
                guard let url = d.downloadURL, URLCheck.isWellFormed(url) else { return ("downloadURL", d.downloadURL) }
                return links.answered(url) ? nil : ("downloadURL", url)
            }
        }

        // Interoperability
        each(.format) { d in (d.format ?? "").isBlank && d.fileType == nil ? ("format", nil) : nil }
        each(.mediaType) { d in
            guard let type = d.mediaType, !type.isBlank else { return ("mediaType", nil) }
            return MediaTypeCheck.isWellFormed(type) ? nil : ("mediaType", type)
        }
        each(.formatVocabulary) { d in FileTypeCode.of(d) == nil ? ("format", d.format) : nil }
        each(.nonProprietary) { d in
            FileTypeCode.of(d).map(FormatOpenness.nonProprietary.contains) == true ? nil : ("format", d.format ?? d.mediaType)
        }
        each(.machineReadable) { d in
            FileTypeCode.of(d).map(FormatOpenness.machineReadable.contains) == true ? nil : ("format", d.format ?? d.mediaType)
        }
        let dcat = dcatAPGap(record)
        whole(.dcatAP, dcat == nil, at: dcat ?? "")

        // Reusability
        func licence(_ d: Distribution?) -> LicenseRef? {
            if let own = d?.license, !own.isEmpty { return own }
            return record.license.flatMap { $0.isEmpty ? nil : $0 }
        }
        if record.distributions.isEmpty {
            whole(.licence, licence(nil) != nil, at: "license")
            whole(.licenceVocabulary, licence(nil)?.isRecognised == true, at: "license", detail: licence(nil).flatMap(Self.shown))
        } else {
            each(.licence) { d in licence(d) == nil ? ("license", nil) : nil }
            each(.licenceVocabulary) { d in licence(d)?.isRecognised == true ? nil : ("license", licence(d).flatMap(Self.shown)) }
        }
        let rights = record.accessRights
        whole(.accessRights, !(rights?.uri ?? "").isBlank || !(rights?.label ?? "").isBlank, at: "accessRights")
        whole(.accessRightsVocabulary, rights?.uri?.hasPrefix(Self.accessRightPrefix) == true, at: "accessRights",
              detail: rights.flatMap { $0.uri ?? $0.label })
        let contact = record.contactPoint
        whole(.contactPoint, [contact?.name, contact?.email, contact?.phone, contact?.url].contains { !($0 ?? "").isBlank },
              at: "contactPoint")
        whole(.publisher, !(record.publisher?.name ?? "").isBlank, at: "publisher")

        // Contextuality
        whole(.rights, !(record.extras["dct:rights"] ?? record.extras["rights"] ?? "").isBlank, at: "extras.dct:rights")
        each(.byteSize) { d in (d.byteSize ?? 0) > 0 ? nil : ("byteSize", nil) }
        let issued = DatePlausibility.check(record.issued, today: today, notBefore: nil)
        whole(.issued, issued == .plausible, at: "issued", detail: issued == .implausible ? record.issued?.display : nil)
        let modified = DatePlausibility.check(record.modified, today: today,
                                              notBefore: issued == .plausible ? record.issued?.iso : nil)
        whole(.modified, modified == .plausible, at: "modified", detail: modified == .implausible ? record.modified?.display : nil)

        let licences = record.distributions.isEmpty ? [licence(nil)] : record.distributions.map(licence)
        let open = licences.allSatisfy { $0.map(LicenceCheck.isOpen) == true }
        return RecordScore(shares: shares, findings: findings, openLicence: open)
    }

    /// The first DCAT-AP mandatory property missing (`title`, `description`, `distributions[i].accessURL`), if any.
    func dcatAPGap(_ record: CatalogRecord) -> String? {
        if record.title.value.isBlank { return "title" }
        if (record.description?.value ?? "").isBlank { return "description" }
        for (index, distribution) in record.distributions.enumerated() {
            guard let url = distribution.accessURL, URLCheck.isWellFormed(url) else { return "distributions[\(index)].accessURL" }
        }
        return nil
    }

    static func shown(_ licence: LicenseRef) -> String? { licence.raw ?? licence.uri ?? licence.title }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
