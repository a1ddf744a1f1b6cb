import CatalogModel
/// Folds an organisation name into a key for matching the same publisher across sources and spellings:
/// `City of Lakeside`, `CITY OF LAKESIDE.` and ` City  of Lakeside ` all give `city lakeside`.
///
/// Steps, deliberately conservative (a key that merges two different publishers is worse than two keys for one):
/// 1. lower-case; accents folded (`é` → `e`, `ß` → `ss`, `æ` → `ae`, `ø` → `o`, `ł` → `l`);
/// 2. `&` and `+` become `and`; apostrophes and dots vanish inside words (`Children's` → `childrens`,
///    `U.S.` → `us`, `e.V.` → `ev`); every other non-letter, non-digit character separates words, and runs of
///    single letters join (`e. V.` → `ev`, `A/S` → `as`);
/// 3. `the` and `of` are dropped anywhere (`The Department of Health` = `Department of Health` = `Department
///    Health`) — they never tell two publishers apart;
/// 4. legal forms are dropped at the end only, repeatedly (`Acme Holdings Ltd.`, `Foo GmbH & Co. KG`,
///    `Verein e.V.`): inc, incorporated, corp, corporation, co, company, ltd, limited, llc, llp, plc, gmbh, mbh,
///    ag, kg, ohg, ev, eg, ggmbh, sa, sas, sarl, srl, spa, bv, nv, ab, oy, oyj, as, asa, aps, pty, pte, and `and`
///    between two of them. At the end, `co` and `ag` are legal forms; elsewhere they are words.
///
/// Kept on purpose: `city`, `county`, `department`, `ministry`, `for`, `and` inside a name — `City of London`
/// and `London` (a borough and a region's names), or `Department for Transport` and `Department of Transport`
/// (different countries) must not merge. Abbreviations are not expanded (`ONS` ≠ `Office for National Statistics`).
/// A name made only of dropped words keeps them (`The Limited` → `limited`, `Ltd` → `ltd`).
public enum PublisherKey {
    public static func make(_ name: String) -> String? {
        recent.value(for: name)
    }

    /// Keys of recent names: a harvest names the same few publishers over and over.
    private static let recent = RecentValues<String?> { uncachedMake($0) }

    static func uncachedMake(_ name: String) -> String? {
        let words = words(of: name)
        guard !words.isEmpty else { return nil }
        var kept = words.filter { $0 != "the" && $0 != "of" }
        var end = kept.count
        while end > 1, legalForms.contains(kept[end - 1]) || (kept[end - 1] == "and" && end < kept.count) {
            end -= 1
        }
        // `Foo and` left after stripping `Foo and Co`: drop the dangling `and` too.
        while end > 1, kept[end - 1] == "and", end < kept.count { end -= 1 }
        kept = Array(kept[..<end])
        return (kept.isEmpty ? words : kept).joined(separator: " ")
    }

    static let legalForms: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "plc",
        "gmbh", "mbh", "ggmbh", "ag", "kg", "ohg", "ev", "eg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
        "ab", "oy", "oyj", "as", "asa", "aps", "pty", "pte",
    ]

    /// Lower-case, accent-folded words.
    static func words(of name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return mergeSingleLetters(asciiWords(of: name)) }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch UInt8(value) {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(scalar)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(Unicode.Scalar(value + 32)!)
                case UInt8(ascii: "'"), UInt8(ascii: "."): continue
                case UInt8(ascii: "&"), UInt8(ascii: "+"):
                    flush()
                    words.append("and")
                default: flush()
                }
            } else if let ascii = LatinFolding.ascii(for: scalar) {
                current.append(contentsOf: ascii.unicodeScalars)
            } else if (0x0300...0x036F).contains(value) || value == 0x2019 || value == 0x2018 || value == 0x00B7 {
                continue    // combining accents of decomposed text; typographic apostrophes; middle dot
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return mergeSingleLetters(words)
    }

    /// The same as the general path for ASCII names, on bytes (most names; rules run on every record).
    private static func asciiWords(of name: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 32)
            case UInt8(ascii: "'"), UInt8(ascii: "."):
                continue
            case UInt8(ascii: "&"), UInt8(ascii: "+"):
                flush()
                words.append("and")
            default:
                flush()
            }
        }
        flush()
        return words
    }

    /// Runs of single letters are one word: `e. V.` → `ev`, `A/S` → `as`, `U. S.` → `us`.
    private static func mergeSingleLetters(_ words: [String]) -> [String] {
        var merged: [String] = []
        var previousSingle = false
        for word in words {
            // One letter (words hold only letters and digits).
            var scalars = word.unicodeScalars.makeIterator()
            var single = false
            if let first = scalars.next(), scalars.next() == nil { single = !(48...57).contains(first.value) }
            if single && previousSingle, let last = merged.popLast() {
                merged.append(last + word)
            } else {
                merged.append(word)
            }
            previousSingle = single
        }
        return merged
    }
}
