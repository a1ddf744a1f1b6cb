/// The canonical text of a `@json` value (RFC 8785 style): no whitespace, object members sorted by key,
/// minimal string escapes, numbers as ECMAScript writes them.
enum JSONLDCanonicalJSON {
    static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .number(let number):
            if number.isIntegerLiteral && number.literal.utf8.count < 16 {
                output += number.literal == "-0" ? "0" : number.literal
            } else if let double = number.double, double.isFinite {
                output += JSONLDNumberFormat.ecmaScript(double)
            } else {
                output += number.literal
            }
        case .string(let text):
            writeString(text, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, into: &output)
            }
            output += "]"
        case .object(let object):
            // The last member wins for duplicate keys; keys sort by UTF-16 code units.
            var members: [String: JSONValue] = [:]
            for member in object.members { members[member.key] = member.value }
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            output += "{"
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                write(members[key]!, into: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
