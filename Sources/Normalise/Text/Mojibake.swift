/// Repairs UTF-8 text that was once decoded as Windows-1252 or ISO 8859-1: `CafÃ©` → `Café`, `â€“` → `–`
/// (ckan/hdx_unesco_dataset_package.json), `Ã¼` → `ü`, and double mis-decoding (`CafÃƒÂ©`).
///
/// Each run of characters whose Windows-1252 bytes form one valid UTF-8 sequence (a lead byte 0xC2–0xF4 and
/// its continuation bytes 0x80–0xBF) is replaced by that character — but only when the character is one text
/// plausibly holds (Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation, currency, symbols, CJK, Hangul, emoji),
/// so that real text such as `Spaß…` (which would decode to an NKo letter) stays as it is. Correct text never has
/// such runs: `Ã` followed by `©`, `€` or `¼` does not occur in any language.
///
/// One special case: `Â` followed by a space after a character that is not an upper-case letter is a
/// non-breaking space (0xC2 0xA0) whose second byte later became a plain space (`2007/08.Â  If`,
/// dcat_turtle/ckanext-dcat_dataset_deri.ttl); the `Â` is dropped. `MÂCON` and `Âge` are left alone.
enum Mojibake {
    /// The repaired text, or nil when there was nothing to repair.
    static func repair(_ text: String) -> String? {
        guard mayContainMojibake(text) else { return nil }
        guard var repaired = pass(text) else { return nil }
        if let again = pass(repaired) { repaired = again }
        return lostNoBreakSpaceA(repaired) ?? repaired
    }

    /// `à` is 0xC3 0xA0; when the 0xA0 became a space it shows as `Ã ` (`DonnÃ©es ouvertes Ã  Paris`). `Ã` before a
    /// space is real in Portuguese capitals (`IRMÃ `), so this is only done in text that had other mojibake, and
    /// not after an upper-case letter. The space is kept unless another follows (the published space).
    private static func lostNoBreakSpaceA(_ text: String) -> String? {
        guard text.utf8.contains(0xC3) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var changed = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{00C3}", index + 1 < scalars.count, scalars[index + 1] == " ",
               index == 0 || !scalars[index - 1].properties.isUppercase {
                output.append("\u{00E0}")
                changed = true
                index += index + 2 < scalars.count && scalars[index + 2] == " " ? 2 : 1
                continue
            }
            output.append(scalar)
            index += 1
        }
        return changed ? String(output) : nil
    }

    /// A cheap byte scan run before anything else (rules run on every record, and most non-ASCII text is fine):
    /// a lead character `Â`…`ô` (UTF-8 C3 82…C3 B4) directly followed by a character whose UTF-8 starts with C2
    /// (U+0080–U+00BF), C5, C6, CB or E2 (the other Windows-1252 characters for 0x80–0x9F), or `Â` followed by a
    /// space.
    static func mayContainMojibake(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var lead: UInt8 = 0         // second byte of the previous character when it was `Â`…`ô`
            var afterC3 = false
            var index = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while index < bytes.count {
                // Eight ASCII bytes with no pending lead change nothing: each ASCII byte clears both marks.
                if lead == 0 && index + 8 <= bytes.count
                    && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    afterC3 = false
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if lead != 0, byte == 0xC2 || byte == 0xC5 || byte == 0xC6 || byte == 0xCB || byte == 0xE2 || (lead == 0x82 && byte == 0x20) {
                    return true
                }
                lead = afterC3 && byte >= 0x82 && byte <= 0xB4 ? byte : 0
                afterC3 = byte == 0xC3
                index += 1
            }
            return false
        }
    }

    private static func pass(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var changed = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard let lead = Windows1252.byte(for: scalar), lead >= 0xC2, lead <= 0xF4 else {
                output.append(scalar)
                index += 1
                continue
            }
            let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            if index + length <= scalars.count, let decoded = decode(lead, scalars[(index + 1)..<(index + length)]), isPlausible(decoded) {
                output.append(decoded)
                index += length
                changed = true
                continue
            }
            // `Â ` from a non-breaking space whose 0xA0 became a space.
            if lead == 0xC2, index + 1 < scalars.count, scalars[index + 1] == " ", index > 0,
               !scalars[index - 1].properties.isUppercase {
                index += 1
                changed = true
                continue
            }
            output.append(scalar)
            index += 1
        }
        return changed ? String(output) : nil
    }

    /// The character encoded by `lead` and the Windows-1252 bytes of `rest`, when they are valid UTF-8.
    private static func decode(_ lead: UInt8, _ rest: ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        var value = UInt32(lead) & (lead < 0xE0 ? 0x1F : lead < 0xF0 ? 0x0F : 0x07)
        for (offset, scalar) in rest.enumerated() {
            guard let byte = Windows1252.byte(for: scalar), byte >= 0x80, byte <= 0xBF else { return nil }
            // Overlong and out-of-range forms (E0 80…, F0 80…, F4 90…).
            if offset == 0 {
                if lead == 0xE0 && byte < 0xA0 { return nil }
                if lead == 0xF0 && byte < 0x90 { return nil }
                if lead == 0xF4 && byte > 0x8F { return nil }
                if lead == 0xED && byte > 0x9F { return nil }
            }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    private static func isPlausible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00A0...0x024F, 0x0370...0x052F, 0x0590...0x06FF, 0x1E00...0x1EFF, 0x2000...0x206F, 0x20A0...0x20CF,
             0x2100...0x21FF, 0x2460...0x24FF, 0x25A0...0x25FF, 0x3000...0x9FFF, 0xAC00...0xD7AF, 0x1F300...0x1FAFF:
            return true
        default:
            return false
        }
    }
}
