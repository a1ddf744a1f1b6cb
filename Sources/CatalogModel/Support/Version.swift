/// fedcat's version, shown by `--version` and sent in the User-Agent.
public enum FedcatVersion {
    public static let current = "0.1.0"
    /// The User-Agent every request carries.
    public static let userAgent = "fedcat/\(current) (+https://github.com/fedcat/fedcat; open-data catalogue harvester)"
}
