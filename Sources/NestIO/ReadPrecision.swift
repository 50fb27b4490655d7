import Foundation
import NestGeometry

/// The precision coordinates are read to: the nearest millionth of a millimetre, after
/// conversion to millimetres.
///
/// Converting units leaves the last bit of a coordinate to chance (0.2242 m is
/// 224.20000000000002 mm, while a DXF or SVG writing 224.2 mm gives 224.2), and the search,
/// deterministic for its input, follows another path from another last bit. Rounding every
/// coordinate read to 10⁻⁶ mm makes the same outline the same input whatever file and unit
/// it came in. A coordinate already written in millimetres with at most six decimals is
/// read unchanged, to the bit; no outline moves by more than half a nanometre.
enum ReadPrecision {
    /// Steps per millimetre. Dividing the whole number of steps by it (not multiplying by
    /// 10⁻⁶, which is not a double) gives the double nearest the decimal, as a reader of
    /// the decimal text would.
    static let stepsPerMillimetre = 1e6

    static func rounded(_ v: Double) -> Double {
        // Past 2⁵³ steps (9 000 km) a double holds no finer digit: nothing to round.
        abs(v) < 9e9 ? (v * stepsPerMillimetre).rounded() / stepsPerMillimetre : v
    }

    static func rounded(_ p: Point) -> Point { Point(rounded(p.x), rounded(p.y)) }

    /// The direction from `a` to `b` in degrees, to a millionth of a degree: a grain line's
    /// direction, which its two drawn ends give no finer (an SVG's 33° line reads back as
    /// 33.000000001°).
    static func degrees(from a: Point, to b: Point) -> Double {
        (atan2(b.y - a.y, b.x - a.x) * 180 / .pi * 1e6).rounded() / 1e6
    }
}
