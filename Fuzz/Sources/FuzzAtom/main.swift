// An Atom or RSS page, then the entry mapper on each entry and on the whole input.
import FuzzSupport
import Harvesters

let mapper = AtomMapper()
run { bytes in
    let items = (try? AtomFeedPage.parse(bytes))?.items.map(\.payload) ?? []
    for payload in items + [bytes] {
        _ = mapper.map(raw(payload, mediaType: "application/atom+xml"), context: context(kind: "atom"))
    }
}
