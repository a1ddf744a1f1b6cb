/// Reads Unix times as published by Socrata and ArcGIS (`rowsUpdatedAt: 1451289003`, `createdAt` in ms):
/// ten digits are seconds, thirteen digits milliseconds (fractions dropped). Only 2001-09-09 (the first
/// ten-digit second) to 2100-01-01 is plausible; other lengths are not read as epochs.
enum EpochDate {
    /// 2100-01-01T00:00:00Z.
    static let latestSeconds = 4_102_444_800

    static func read(_ tokens: DateTokens) -> String? {
        guard tokens.count >= 1, tokens[0].kind == .number, tokens[0].value >= 0 else { return nil }
        let digits = tokens[0].length
        if tokens.count > 1 {
            // `1451289003.52`
            guard tokens.count == 3, digits == 10, tokens.isSymbol(1, UInt8(ascii: ".")), tokens[2].kind == .number else { return nil }
        }
        let seconds: Int
        switch digits {
        case 10: seconds = tokens[0].value
        case 13: seconds = tokens[0].value / 1000
        default: return nil
        }
        guard seconds <= latestSeconds else { return nil }
        return DateText.utc(secondsSinceEpoch: seconds)
    }
}
