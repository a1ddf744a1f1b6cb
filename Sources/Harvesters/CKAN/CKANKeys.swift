import FeedParsing

/// The members of a package dict the CKAN mapper reads: found in one pass over the package (it reads about fifty),
/// not by one lookup each.
enum CKANPackageKey: Int, JSONMemberKey {
    case id, name, title, titleTranslated, notes, notesTranslated, extras, tags, keywords, groups, theme
    case author, authorEmail, maintainer, maintainerEmail, publisher, organization
    case contact, contactPoints, contactPoint
    case licenseID, licenseTitle, licenseURL, accessRights
    case date, issued, modified, metadataCreated, metadataModified
    case temporalCoverage, temporalStart, temporalEnd, temporalCoverageFrom, temporalCoverageTo
    case spatial, language, url, frequency, updateFreq, dataUpdateFrequency, version, resources
    case identifier, guid, uri, dcatIdentifier, doi

    static let names = JSONMemberNames<CKANPackageKey>()

    var name: String {
        switch self {
        case .id: "id"
        case .name: "name"
        case .title: "title"
        case .titleTranslated: "title_translated"
        case .notes: "notes"
        case .notesTranslated: "notes_translated"
        case .extras: "extras"
        case .tags: "tags"
        case .keywords: "keywords"
        case .groups: "groups"
        case .theme: "theme"
        case .author: "author"
        case .authorEmail: "author_email"
        case .maintainer: "maintainer"
        case .maintainerEmail: "maintainer_email"
        case .publisher: "publisher"
        case .organization: "organization"
        case .contact: "contact"
        case .contactPoints: "contact_points"
        case .contactPoint: "contact_point"
        case .licenseID: "license_id"
        case .licenseTitle: "license_title"
        case .licenseURL: "license_url"
        case .accessRights: "access_rights"
        case .date: "date"
        case .issued: "issued"
        case .modified: "modified"
        case .metadataCreated: "metadata_created"
        case .metadataModified: "metadata_modified"
        case .temporalCoverage: "temporal_coverage"
        case .temporalStart: "temporal_start"
        case .temporalEnd: "temporal_end"
        case .temporalCoverageFrom: "temporal_coverage_from"
        case .temporalCoverageTo: "temporal_coverage_to"
        case .spatial: "spatial"
        case .language: "language"
        case .url: "url"
        case .frequency: "frequency"
        case .updateFreq: "update_freq"
        case .dataUpdateFrequency: "data_update_frequency"
        case .version: "version"
        case .resources: "resources"
        case .identifier: "identifier"
        case .guid: "guid"
        case .uri: "uri"
        case .dcatIdentifier: "dcat_identifier"
        case .doi: "doi"
        }
    }
}

/// The members of a resource dict the CKAN mapper reads (a package has a few resources of twenty-odd members each).
enum CKANResourceKey: Int, JSONMemberKey {
    case id, name, description, url, accessURL, downloadURL, urlType, format, mimetype, size, resourceSize
    case created, issued, lastModified, modified, license, licenseID

    static let names = JSONMemberNames<CKANResourceKey>()

    var name: String {
        switch self {
        case .id: "id"
        case .name: "name"
        case .description: "description"
        case .url: "url"
        case .accessURL: "access_url"
        case .downloadURL: "download_url"
        case .urlType: "url_type"
        case .format: "format"
        case .mimetype: "mimetype"
        case .size: "size"
        case .resourceSize: "resource_size"
        case .created: "created"
        case .issued: "issued"
        case .lastModified: "last_modified"
        case .modified: "modified"
        case .license: "license"
        case .licenseID: "license_id"
        }
    }
}

/// A package's members as the mapper reads them.
typealias CKANPackage = JSONMemberValues<CKANPackageKey>
