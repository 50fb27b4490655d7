import Foundation

/// Numbers as the text of output files: a fixed number of decimals, then trailing zeros
/// and a bare point trimmed, and never "-0" ("12.5", "3", "-0.125"). About ten times
/// faster than `String(format:)`, which matters for sheets with thousands of outlines.
public enum DecimalText {
    private static let powers: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// `v` rounded to `decimals` places (0 to 9; half away from zero), trimmed. Non-finite
    /// values and magnitudes beyond 9·10¹⁵ units of the last place are written by
    /// `String(format:)` (same digits, slower).
    public static func trimmed(_ v: Double, decimals: Int) -> String {
        let decimals = max(0, min(9, decimals))
        let scale = powers[decimals]
        let scaled = (v * scale).rounded()
        guard v.isFinite, abs(scaled) < 9e15 else { return slow(v, decimals: decimals) }
        var units = Int64(scaled)
        if units == 0 { return "0" }
        let negative = units < 0
        units = abs(units)
        let one = Int64(scale)
        var fraction = units % one
        var places = decimals
        while places > 0, fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        var text = negative ? "-" : ""
        text += String(units / one)
        if places > 0 {
            let digits = String(fraction)
            text += "."
            text += String(repeating: "0", count: places - digits.count)
            text += digits
        }
        return text
    }

    private static func slow(_ v: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}
