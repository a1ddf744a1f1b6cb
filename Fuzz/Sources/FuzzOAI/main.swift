// An OAI-PMH response, then the DataCite / oai_dc mapper on each record and on the whole input.
import FuzzSupport
import Harvesters

let mapper = OAIMapper()
run { bytes in
    let records = (try? OAIResponse.parse(bytes, url: "https://portal.example/oai"))?.records.map(\.payload) ?? []
    for payload in records + [bytes] {
        _ = mapper.map(raw(payload, mediaType: "application/xml"), context: context(kind: "oaipmh"))
    }
}
