import ArgumentParser
import Foundation

/// `--contact-email` of `export` and `serve`: an e-mail address, with or without `mailto:`.
enum ContactEmail {
    static func validate(_ address: String?) throws {
        guard let address else { return }
        if address.range(of: #"^(mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) == nil {
            throw ValidationError("--contact-email needs an e-mail address such as opendata@example.org, not '\(address)'.")
        }
    }
}
