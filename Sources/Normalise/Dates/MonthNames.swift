/// Month names for the readers of written-out dates: English (full and three-letter, as RFC 822 uses),
/// French, German, Spanish, Italian and Dutch, lower-case.
enum MonthNames {
    static func number(_ word: String) -> Int? { table[word] }

    private static let table: [String: Int] = {
        let lists: [[String]] = [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        ]
        var table: [String: Int] = ["sept": 9, "fevrier": 2, "aout": 8, "decembre": 12, "maerz": 3, "jän": 1, "jänner": 1]
        for list in lists {
            for (index, name) in list.enumerated() { table[name] = index + 1 }
        }
        return table
    }()

    /// Day names and their common abbreviations, which may lead a date (`Tue,`, `jeu,`, `Montag,`).
    static func isWeekday(_ word: String) -> Bool { weekdays[word] != nil }

    /// The day of the week a day name means, 0 = Monday … 6 = Sunday. `mar` is Tuesday in both French (mardi)
    /// and Spanish (martes).
    static func weekday(_ word: String) -> Int? { weekdays[word] }

    private static let weekdays: [String: Int] = {
        let lists: [[String]] = [
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
            ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"],
            ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            ["mo", "di", "mi", "do", "fr", "sa", "so"],
            ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
            ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        ]
        var table: [String: Int] = ["tues": 1, "thur": 3, "thurs": 3]
        for list in lists {
            for (index, name) in list.enumerated() { table[name] = index }
        }
        return table
    }()
}
