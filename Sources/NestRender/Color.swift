/// An RGB colour with components in 0...1.
public struct Color: Sendable, Hashable {
    public var r: Double
    public var g: Double
    public var b: Double

    public init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    public init(hex: UInt32) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255)
    }

    /// `#rrggbb` for SVG.
    public var hex: String {
        func c(_ v: Double) -> String {
            let i = Int((min(1, max(0, v)) * 255).rounded())
            let s = String(i, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + c(r) + c(g) + c(b)
    }

    static let ink = Color(hex: 0x222222)
    static let hideFill = Color(hex: 0xF3E6D0)
    static let rollFill = Color(hex: 0xE8EEF4)
    static let defect = Color(hex: 0xC0392B)
    static let hole = Color(hex: 0x555555)

    /// Zone tints, by grade (A is untinted).
    static func zone(_ grade: String) -> Color {
        switch grade {
        case "B": Color(hex: 0xF1D36B)
        case "C": Color(hex: 0xE8964A)
        default: Color(hex: 0xC96A6A)
        }
    }

    /// Soft part colours that keep black labels readable and differ in grey too.
    static let parts: [Color] = [
        0x8DB8E0, 0xA8D5A2, 0xF2B8A0, 0xC7B3E0, 0xF5D98B, 0x9ED9D0, 0xE5A8C8, 0xB9C98A,
        0xD1C2A5, 0x9FB4D9, 0xE0C48C, 0xB5DDE6,
    ].map { Color(hex: $0) }

    /// A colour per panel name, stable across runs and machines (FNV-1a, not `Hasher`).
    static func part(_ name: String) -> Color {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01B3
        }
        return parts[Int(h % UInt64(parts.count))]
    }
}
