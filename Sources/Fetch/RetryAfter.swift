import CCurl
public import Foundation

/// Reads a `Retry-After` header value.
public enum RetryAfter {
    /// Seconds to wait, from delta-seconds ("120") or an HTTP-date ("Fri, 15 Jan 2027 08:00:00 GMT",
    /// also the obsolete RFC 850 and asctime forms); a date in the past gives 0. Nil if unreadable.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            // Absurdly long numbers still mean "a very long time".
            return Double(text) ?? .infinity
        }
        // libcurl's parser knows all three HTTP date formats; -1 means it could not read the text.
        let parsed = curl_getdate(text, nil)
        guard parsed != -1 else { return nil }
        return max(0, Double(parsed) - now.timeIntervalSince1970)
    }
}
