import Foundation

/// How DXF text is written beyond plain characters, read back: AutoCAD's escapes and
/// control codes in TEXT and MTEXT, and MTEXT's formatting.
extension DXFDrawingBuilder {
    /// Text with AutoCAD's escapes read: `\U+00E9` is "é" (how characters beyond the code
    /// page are written), and the control codes of TEXT: `%%d` "°", `%%p` "±", `%%c` "Ø",
    /// `%%%` "%", `%%nnn` the character of that code; `%%u`, `%%o` and `%%k` (underline,
    /// overline, strike-through toggles) go.
    static func decodedText(_ s: String) -> String {
        guard s.contains("\\U+") || s.contains("\\u+") || s.contains("%%") else { return s }
        var out = ""
        var rest = Substring(s)
        while let c = rest.first {
            if c == "\\", rest.dropFirst().first.map({ $0 == "U" || $0 == "u" }) == true, rest.dropFirst(2).first == "+" {
                let hex = rest.dropFirst(3).prefix(4)
                if hex.count == 4, hex.allSatisfy(\.isHexDigit), let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) {
                    out.unicodeScalars.append(scalar)
                    rest = rest.dropFirst(7)
                    continue
                }
            }
            if c == "%", rest.hasPrefix("%%"), let code = rest.dropFirst(2).first {
                switch code.lowercased() {
                case "d": out += "°"; rest = rest.dropFirst(3); continue
                case "p": out += "±"; rest = rest.dropFirst(3); continue
                case "c": out += "Ø"; rest = rest.dropFirst(3); continue
                case "%": out += "%"; rest = rest.dropFirst(3); continue
                case "u", "o", "k": rest = rest.dropFirst(3); continue
                default:
                    let digits = rest.dropFirst(2).prefix(3)
                    if digits.count == 3, digits.allSatisfy(\.isNumber), let v = UInt32(digits), v > 0, let scalar = Unicode.Scalar(v) {
                        out.unicodeScalars.append(scalar)
                        rest = rest.dropFirst(5)
                        continue
                    }
                }
            }
            out.append(c)
            rest = rest.dropFirst()
        }
        return out
    }

    /// MTEXT without its formatting codes: `\P` is a new line; `{`, `}` and `\X…;` go.
    static func plainMText(_ s: String) -> String {
        var out = ""
        var chars = Array(s)[...]
        while let c = chars.popFirst() {
            switch c {
            case "{", "}": continue
            case "\\":
                guard let code = chars.popFirst() else { break }
                switch code {
                case "P", "n": out.append("\n")
                case "\\", "{", "}": out.append(code)
                case "~": out.append(" ")
                case "S":
                    // A stacked fraction, \S1/2; or \S1^2; or \S1#2;: read as 1/2 (after a
                    // whole number, "7 1/2").
                    if out.last?.isNumber == true { out.append(" ") }
                    while let d = chars.popFirst(), d != ";" { out.append("^#".contains(d) ? "/" : d) }
                default:
                    // \L \O \K toggle underline and the like; \f…; \H…; and kin carry a value up to ';'.
                    if "fFHWQTACp".contains(code) { while let d = chars.popFirst(), d != ";" {} }
                }
            default: out.append(c)
            }
        }
        return out
    }
}
