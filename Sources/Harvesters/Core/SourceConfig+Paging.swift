public import CatalogModel

extension SourceConfig {
    /// `options.max_pages`: how many pages (and linked documents) one listing may read before it is stopped as
    /// endless; a whole number of at least 1, else a sentence naming the option.
    public func maxPagesOption(default defaultValue: Int) throws(HarvestError) -> Int {
        let pages: Int
        do { pages = try intOption("max_pages", default: defaultValue) } catch {
            throw .badSource(sourceID: id, reason: error.description)
        }
        guard pages >= 1 else {
            throw .badSource(sourceID: id, reason: "option 'max_pages' is \(pages), but it must be at least 1.")
        }
        return pages
    }
}
