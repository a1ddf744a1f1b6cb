/// One of the five fields of a cron expression, with its allowed values and names.
public enum CronField: Int, Sendable, CaseIterable, CustomStringConvertible {
    case minute, hour, dayOfMonth, month, dayOfWeek

    public var description: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The values a field may hold (day-of-week 7 is Sunday, like 0).
    var bounds: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Names accepted in place of numbers (case-insensitive).
    var names: [String: Int] {
        switch self {
        case .month:
            ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
             "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
        case .dayOfWeek: ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
        default: [:]
        }
    }

    /// Parses one field: a comma-separated list of `*`, `N`, `A-B`, each with an optional `/STEP`
    /// (`N/STEP` means `N-max/STEP`, as cronie and croniter read it).
    func parse(_ text: String) throws(CronError) -> CronValues {
        var values = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard !item.isEmpty else { throw .badField(field: self, value: text, reason: "it has an empty list item") }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2 else { throw .badField(field: self, value: text, reason: "'\(item)' has more than one '/'") }
            var step = 1
            if parts.count == 2 {
                guard let number = Int(parts[1]), number > 0 else {
                    throw .badField(field: self, value: text, reason: "the step '\(parts[1])' must be a whole number above 0")
                }
                guard number <= bounds.upperBound else {
                    throw .badField(field: self, value: text, reason: "the step '\(number)' is larger than the field's range \(bounds.lowerBound)-\(bounds.upperBound)")
                }
                step = number
            }
            let range: ClosedRange<Int>
            if parts[0] == "*" {
                range = dayOfWeekTop(bounds)
            } else if let dash = parts[0].firstIndex(of: "-") {
                let low = try value(String(parts[0][..<dash]), in: text)
                let high = try value(String(parts[0][parts[0].index(after: dash)...]), in: text)
                guard low <= high else {
                    throw .badField(field: self, value: text, reason: "the range '\(parts[0])' runs backwards")
                }
                range = low...high
            } else {
                let single = try value(parts[0], in: text)
                range = parts.count == 2 ? single...dayOfWeekTop(bounds).upperBound : single...single
            }
            values.formUnion(stride(from: range.lowerBound, through: range.upperBound, by: step))
        }
        if self == .dayOfWeek, values.remove(7) != nil { values.insert(0) }
        return CronValues(values: values.sorted(), unrestricted: text.hasPrefix("*"))
    }

    /// `*` in day-of-week covers 0-6 (7 is only an alias of Sunday).
    private func dayOfWeekTop(_ bounds: ClosedRange<Int>) -> ClosedRange<Int> {
        self == .dayOfWeek ? 0...6 : bounds
    }

    private func value(_ text: String, in field: String) throws(CronError) -> Int {
        if let named = names[text.uppercased()] { return named }
        guard let number = Int(text), text.allSatisfy(\.isASCII) else {
            let hint = names.isEmpty ? "a number" : "a number or a name (\(names.sorted { $0.value < $1.value }.map(\.key).joined(separator: ", ")))"
            throw .badField(field: self, value: field, reason: "'\(text)' is not \(hint)")
        }
        guard bounds.contains(number) else {
            throw .badField(field: self, value: field, reason: "'\(number)' is outside \(bounds.lowerBound)-\(bounds.upperBound)")
        }
        return number
    }
}

/// The values one field allows, sorted, and whether it was written starting with `*` (which matters for the
/// day-of-month / day-of-week rule).
public struct CronValues: Sendable, Hashable {
    public var values: [Int]
    public var unrestricted: Bool

    func contains(_ value: Int) -> Bool { values.contains(value) }
}
