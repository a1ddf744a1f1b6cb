import CatalogModel
import Fetch

extension FetchOptions {
    /// Default fetch options overridden by a source's `options:` (`timeout`, `connect_timeout`,
    /// `max_body_mb`, `max_redirects`, `local`).
    static func forSource(_ source: SourceConfig) throws(SourceOptionError) -> FetchOptions {
        var options = FetchOptions(userAgent: FedcatVersion.userAgent)
        options.requestTimeout = try source.doubleOption("timeout", default: options.requestTimeout)
        options.connectTimeout = try source.doubleOption("connect_timeout", default: options.connectTimeout)
        options.maxBodyBytes = try source.intOption("max_body_mb", default: options.maxBodyBytes / 1_048_576) * 1_048_576
        options.maxRedirects = try source.intOption("max_redirects", default: options.maxRedirects)
        options.allowFileURLs = try source.boolOption("local", default: false)
        return options
    }
}
