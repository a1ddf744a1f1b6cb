// A CSW GetRecords response, then the ISO 19139 / Dublin Core mapper on each record and on the whole input.
import FuzzSupport
import Harvesters

let mapper = CSWMapper()
run { bytes in
    let records = (try? CSWResponse.parse(bytes, url: "https://portal.example/csw"))?.records.map(\.payload) ?? []
    for payload in records + [bytes] {
        _ = mapper.map(raw(payload, mediaType: "application/xml"), context: context(kind: "csw"))
    }
}
