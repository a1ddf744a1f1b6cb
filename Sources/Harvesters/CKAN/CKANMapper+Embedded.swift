import CatalogModel
import FeedParsing

extension CKANMapper {
    /// A contact from a composite field, decoded when it is JSON in a string: scheming's `contact` list,
    /// `contact_points`, or EnviDat's `maintainer` object.
    func embeddedContact(_ package: CKANPackage) -> Contact? {
        for key in [CKANPackageKey.contact, .contactPoints, .contactPoint, .maintainer] {
            guard let item = CKANEmbeddedJSON.objects(package[key]).first else { continue }
            let name = CKANEmbeddedJSON.agent(item)?.name ?? CKANFields.text(item["fn"])
            let email = (CKANFields.text(item["email"]) ?? CKANFields.text(item["hasEmail"])).map(DataJSONMapper.withoutMailto)
            if name != nil || email != nil { return Contact(name: name, email: email, url: CKANFields.text(item["url"])) }
        }
        return nil
    }

    /// ckanext-spatial's `responsible-party` extra (`[{"name": …, "roles": ["publisher", …]}]`): the party whose
    /// roles include publisher, owner or custodian.
    func responsibleParty(_ text: String?) -> Agent? {
        let parties = CKANEmbeddedJSON.objects(text.map(JSONNode.string))
        let wanted: Set<String> = ["publisher", "owner", "custodian", "pointofcontact"]
        let party = parties.first { CKANFields.list($0["roles"]).contains { wanted.contains($0.lowercased()) } }
        return party.flatMap { CKANFields.text($0["name"]) }.map { Agent(name: $0) }
    }
}
