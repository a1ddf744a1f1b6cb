import CatalogModel
import Fetch
import Foundation

extension FetchOptions {
    /// Default fetch options overridden by a source's `options:` (see the README's option table).
    static func forSource(_ source: SourceConfig, startedAt: Date) throws(SourceOptionError) -> FetchOptions {
        var options = FetchOptions(userAgent: FedcatVersion.userAgent)
        options.requestTimeout = try source.doubleOption("timeout", default: options.requestTimeout)
        options.connectTimeout = try source.doubleOption("connect_timeout", default: options.connectTimeout)
        options.lowSpeedBytesPerSecond = try source.intOption("low_speed_bytes", default: options.lowSpeedBytesPerSecond)
        options.lowSpeedSeconds = try source.intOption("low_speed_seconds", default: options.lowSpeedSeconds)
        options.maxBodyBytes = try source.intOption("max_body_mb", default: options.maxBodyBytes / 1_048_576) * 1_048_576
        options.maxCompressedBytes = try source.intOption("max_compressed_mb", default: options.maxCompressedBytes / 1_048_576) * 1_048_576
        options.maxSpooledBytes = try source.intOption("max_file_mb", default: options.maxSpooledBytes / 1_048_576) * 1_048_576
        options.maxRedirects = try source.intOption("max_redirects", default: options.maxRedirects)
        options.allowFileURLs = try source.boolOption("local", default: false)
        options.retry.maxAttempts = try source.intOption("retries", default: options.retry.maxAttempts - 1) + 1
        options.retry.baseDelay = try source.doubleOption("retry_delay", default: options.retry.baseDelay)
        options.retry.maxDelay = try source.doubleOption("retry_max_delay", default: options.retry.maxDelay)
        options.retry.maxRetryAfter = try source.doubleOption("max_retry_after", default: options.retry.maxRetryAfter)
        let runLimit = try source.doubleOption("run_timeout", default: 6 * 3600)
        options.runDeadline = startedAt.addingTimeInterval(runLimit)
        return options
    }

    /// Per-host politeness from a source's `options:` (`max_concurrent`, `min_delay`), registered with the gate.
    static func politeness(_ source: SourceConfig, gate: HostGate?) throws(SourceOptionError) {
        guard let gate else { return }
        var limits = HostGate.HostLimits()
        limits.maxConcurrent = try source.intOption("max_concurrent", default: limits.maxConcurrent)
        limits.minDelay = try source.doubleOption("min_delay", default: limits.minDelay)
        gate.setLimits(limits, forURL: source.url)
    }
}
