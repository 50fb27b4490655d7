import Foundation
import NestGeometry
import Testing

/// Output numbers: the fast formatter writes what `String(format:)` writes, trimmed.
struct DecimalTextTests {
    /// The reference: printf's digits with trailing zeros and a bare point trimmed.
    static func reference(_ v: Double, _ decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    @Test func examples() {
        #expect(DecimalText.trimmed(12.5, decimals: 3) == "12.5")
        #expect(DecimalText.trimmed(3, decimals: 3) == "3")
        #expect(DecimalText.trimmed(-0.125, decimals: 3) == "-0.125")
        #expect(DecimalText.trimmed(-0.0001, decimals: 3) == "0")
        #expect(DecimalText.trimmed(0.0405, decimals: 2) == "0.04")
        #expect(DecimalText.trimmed(1234.5678, decimals: 0) == "1235")
        #expect(DecimalText.trimmed(0.001, decimals: 3) == "0.001")
        #expect(DecimalText.trimmed(-2.06, decimals: 3) == "-2.06")
        #expect(DecimalText.trimmed(1e20, decimals: 3) == "100000000000000000000")
        #expect(DecimalText.trimmed(.nan, decimals: 3) == "nan")
    }

    /// Random values at every scale the files use agree with printf (values that lie a
    /// hair from a rounding tie may round either way in the last place; none are drawn).
    @Test func agreesWithPrintf() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var checked = 0
        for _ in 0..<200_000 {
            let magnitude = [1.0, 10, 1000, 1e5, 1e8][Int(next() * 5)]
            let v = (next() * 2 - 1) * magnitude
            let decimals = Int(next() * 7)
            let scaled = v * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6 { continue }
            #expect(DecimalText.trimmed(v, decimals: decimals) == Self.reference(v, decimals), "\(v) \(decimals)")
            checked += 1
        }
        #expect(checked > 190_000)
    }
}
