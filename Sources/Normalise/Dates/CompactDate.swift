/// Reads ISO 8601 basic-format dates, which ISO 19139 `gco:Date` and some data.json files use:
/// `20201117` (datagov-harvester_dcatus_long_description.json `modified`), `20121101T120000Z`.
/// Years must be 1000–2999 so that other eight-digit numbers are not taken for dates.
enum CompactDate {
    static func read(_ tokens: DateTokens) -> String? {
        guard let value = tokens.number(0, digits: 8...8) else { return nil }
        let year = value / 10_000, month = value / 100 % 100, day = value % 100
        guard (1000...2999).contains(year), let date = DateText.date(year: year, month: month, day: day) else { return nil }
        if tokens.count == 1 { return date }
        // `T120000`, `T1200`, then `Z` or nothing.
        guard tokens.word(1) == "t", let time = tokens.number(2, digits: 4...6), tokens[2].length != 5 else {
            // `20121101T120000Z` tokenises as [20121101][T][120000][Z]; anything else is not a compact date.
            return nil
        }
        var index = 3
        var zone = ""
        if tokens.word(index) == "z" { zone = "Z"; index += 1 }
        guard index == tokens.count else { return nil }
        let text = tokens[2].length == 6
            ? "\(DateText.pad(time / 10_000, 2)):\(DateText.pad(time / 100 % 100, 2)):\(DateText.pad(time % 100, 2))"
            : "\(DateText.pad(time / 100, 2)):\(DateText.pad(time % 100, 2))"
        return ISODate.normalise("\(date)T\(text)\(zone)")
    }
}
