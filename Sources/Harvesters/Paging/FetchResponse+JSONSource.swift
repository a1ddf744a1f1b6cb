import Fetch
import FeedParsing

extension FetchResponse {
    /// The body for `JSONStream`: its file when it was spooled (or is a local source's own file), else memory.
    func jsonSource() throws(JSONStreamError) -> any JSONByteSource {
        guard let file = spooled else { return JSONMemorySource(body) }
        return try JSONFileSource(path: file.path)
    }
}
