/// Why a cron expression cannot be used, as a sentence naming the field and the value.
public enum CronError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongFieldCount(expression: String, count: Int)
    case badField(field: CronField, value: String, reason: String)
    case unknownMacro(expression: String)
    case neverRuns(expression: String, reason: String)

    public var description: String {
        switch self {
        case .wrongFieldCount(let expression, let count):
            return "The cron expression '\(expression)' has \(count) field\(count == 1 ? "" : "s"); it needs 5 (minute hour day-of-month month day-of-week) or one of @hourly, @daily, @weekly, @monthly, @yearly."
        case .badField(let field, let value, let reason):
            // "The minute field '61' is outside 0-59." when the reason is about the whole field.
            if reason.hasPrefix("'\(value)' ") { return "The \(field) field \(reason)." }
            return "The \(field) field '\(value)' is not usable: \(reason)."
        case .unknownMacro(let expression):
            return "The cron expression '\(expression)' is not one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually."
        case .neverRuns(let expression, let reason):
            return "The cron expression '\(expression)' never runs: \(reason)."
        }
    }
}
