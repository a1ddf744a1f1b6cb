public import CatalogModel
public import CatalogStore

/// Renders a whole record as readable text for `fedcat show`.
public enum RecordText {
    public static func render(_ record: CatalogRecord) -> String {
        var out: [String] = []
        func line(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        out.append(record.title.value)
        out.append(String(repeating: "=", count: min(78, max(3, record.title.value.count))))
        line("id", record.id)
        for (language, text) in record.title.variants.sorted(by: { $0.key < $1.key }) where text != record.title.value {
            line("title@\(language)", text)
        }
        // A publisher known only by its IRI (DCAT authority IRIs) is named by it once.
        line("publisher", record.publisher.map { agent in
            [agent.name, agent.uri == agent.name ? nil : agent.uri, agent.email].compactMap { $0 }.joined(separator: " · ")
        })
        line("creator", record.creator.map { [$0.name, $0.email].compactMap { $0 }.joined(separator: " · ") })
        line("contact", record.contactPoint.map { [$0.name, $0.email, $0.phone, $0.url].compactMap { $0 }.joined(separator: " · ") })
        line("licence", record.license.map { [$0.spdx ?? $0.raw, $0.title, $0.uri].compactMap { $0 }.joined(separator: " · ") })
        line("access rights", record.accessRights.map(concept))
        line("issued", record.issued?.display)
        line("modified", record.modified?.display)
        line("frequency", record.frequency.map(concept))
        line("version", record.version)
        line("languages", record.languages.joined(separator: ", "))
        line("landing page", record.landingPage)
        line("keywords", record.keywords.joined(separator: ", "))
        line("themes", record.themes.map(concept).joined(separator: ", "))
        for span in record.temporal {
            line("temporal", "\(span.start?.display ?? "…") – \(span.end?.display ?? "…")")
        }
        for place in record.spatial { line("spatial", place.label ?? place.uri ?? place.geometry.map { String($0.prefix(120)) }) }
        line("identifiers", record.identifiers.map { $0.scheme.map { scheme in "\(scheme):" } ?? "" }
            .enumerated().map { "\($0.element)\(record.identifiers[$0.offset].value)" }.joined(separator: ", "))
        if let description = record.description {
            out.append("")
            out.append(description.value)
        }
        if !record.distributions.isEmpty {
            out.append("")
            out.append("Distributions (\(record.distributions.count))")
            for (index, distribution) in record.distributions.enumerated() {
                let format = [distribution.format, distribution.mediaType].compactMap { $0 }.joined(separator: ", ")
                let size = distribution.byteSize.map { " · \($0) bytes" } ?? ""
                out.append("  \(index + 1). \(distribution.title ?? "(untitled)")\(format.isEmpty ? "" : " [\(format)]")\(size)")
                if let url = distribution.downloadURL ?? distribution.accessURL { out.append("     \(url)") }
            }
        }
        if !record.extras.isEmpty {
            out.append("")
            out.append("Other fields")
            for key in record.extras.keys.sorted() {
                out.append("  \(key): \(String(record.extras[key]!.prefix(200)))")
            }
        }
        let provenance = record.provenance
        out.append("")
        out.append("Source \(provenance.sourceID) (\(provenance.kind)), id \(provenance.originalID), harvested \(provenance.harvestedAt.formatted(.iso8601))")
        if let url = provenance.originalURL { out.append("  \(url)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// "Also published at": the other records of the dataset's cluster, and which one is canonical.
    public static func cluster(_ cluster: ClusterInfo, of id: String) -> String {
        var lines = ["", "Also published at (\(cluster.members.count - 1) other\(cluster.members.count == 2 ? "" : "s"), \(cluster.confidence) confidence)"]
        for member in cluster.members where member.id != id {
            let mark = member.id == cluster.canonicalID ? " (canonical)" : ""
            lines.append("  \(member.source): \(member.id)\(mark)" + (member.url.map { "\n     \($0)" } ?? ""))
        }
        if cluster.canonicalID == id { lines.append("  This record is the cluster's canonical record.") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The normalisation notes of a record as a table: field, raw value, normalised value, rule.
    public static func explain(_ record: CatalogRecord) -> String {
        guard !record.notes.isEmpty else { return "\(record.id): no field needed interpreting.\n" }
        var lines = ["\(record.id): \(record.notes.count) field\(record.notes.count == 1 ? "" : "s") normalised"]
        let fieldWidth = min(32, record.notes.map(\.field.count).max() ?? 5)
        for note in record.notes {
            let value = note.value.isEmpty ? "(dropped)" : note.value
            lines.append("  " + note.field.padding(toLength: fieldWidth, withPad: " ", startingAt: 0)
                         + "  \(quoted(note.raw)) → \(quoted(value))  [\(note.rule)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return "'" + (flat.count > 80 ? String(flat.prefix(79)) + "…" : flat) + "'"
    }

    private static func concept(_ concept: Concept) -> String {
        [concept.label, concept.uri].compactMap { $0 }.joined(separator: " ")
    }
}

import Foundation
