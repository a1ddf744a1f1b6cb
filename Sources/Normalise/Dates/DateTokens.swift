/// Splits a short date text into numbers, words and single symbols, skipping white space, so that the
/// readers of non-ISO dates (`Tue, 03 Jun 2008 11:05:30 GMT`, `14.12.2017`, `500 BC`) can match patterns
/// over a handful of tokens instead of using regular expressions or `DateFormatter`.
struct DateTokens {
    struct Token {
        enum Kind { case number, word, symbol }
        var kind: Kind
        /// Byte range in `bytes`.
        var start: Int
        var end: Int
        /// The value of a number of at most 18 digits; -1 otherwise.
        var value: Int
        /// The byte of a symbol; 0 otherwise.
        var symbol: UInt8

        var length: Int { end - start }
    }

    /// Texts longer than this are not dates.
    static let maxLength = 100

    let bytes: [UInt8]
    private(set) var tokens: [Token] = []

    init?(_ bytes: [UInt8]) {
        guard bytes.count <= Self.maxLength else { return nil }
        self.bytes = bytes
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if Self.isDigit(byte) {
                let start = index
                var value = 0
                while index < bytes.count, Self.isDigit(bytes[index]) {
                    if index - start < 18 { value = value * 10 + Int(bytes[index] - 48) }
                    index += 1
                }
                tokens.append(Token(kind: .number, start: start, end: index, value: index - start <= 18 ? value : -1, symbol: 0))
            } else if Self.isLetter(byte) {
                let start = index
                while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
                tokens.append(Token(kind: .word, start: start, end: index, value: -1, symbol: 0))
            } else {
                tokens.append(Token(kind: .symbol, start: index, end: index + 1, value: -1, symbol: byte))
                index += 1
            }
        }
    }

    var count: Int { tokens.count }
    subscript(_ index: Int) -> Token { tokens[index] }

    /// The token at `index` when it is a number of `digits` digits (a range of lengths).
    func number(_ index: Int, digits: ClosedRange<Int>) -> Int? {
        guard index < tokens.count, tokens[index].kind == .number, digits.contains(tokens[index].length),
              tokens[index].value >= 0 else { return nil }
        return tokens[index].value
    }

    /// The token at `index` when it is a number of exactly `digits` digits.
    func number(_ index: Int, digits: Int) -> Int? { number(index, digits: digits...digits) }

    /// True when the token at `index` is the symbol `byte`.
    func isSymbol(_ index: Int, _ byte: UInt8) -> Bool {
        index < tokens.count && tokens[index].kind == .symbol && tokens[index].symbol == byte
    }

    /// The word at `index`, ASCII letters lower-cased; nil when the token is not a word.
    func word(_ index: Int) -> String? {
        guard index < tokens.count, tokens[index].kind == .word else { return nil }
        let token = tokens[index]
        return String(decoding: bytes[token.start..<token.end].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// ASCII letters and every byte of a multi-byte UTF-8 character (so `août`, `März` and `–` are words).
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || byte >= 0x80 }
}
