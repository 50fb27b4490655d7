import Foundation
import NestGeometry

/// A 2D affine map `p ↦ (a·x + c·y + e, b·x + d·y + f)` (the SVG matrix order), used
/// by the importers for block inserts, SVG transforms and unit scaling. Internal: the
/// rest of the project uses the rigid `Transform`.
struct Affine: Sendable, Equatable {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    static let identity = Affine()

    static func translation(_ x: Double, _ y: Double) -> Affine { Affine(e: x, f: y) }
    static func scale(_ sx: Double, _ sy: Double) -> Affine { Affine(a: sx, d: sy) }
    static func rotation(degrees: Double) -> Affine {
        let r = degrees * .pi / 180
        return Affine(a: cos(r), b: sin(r), c: -sin(r), d: cos(r))
    }

    /// `self` after `other`: `(self * other).apply(p) == self.apply(other.apply(p))`.
    static func * (m: Affine, n: Affine) -> Affine {
        Affine(a: m.a * n.a + m.c * n.b, b: m.b * n.a + m.d * n.b,
               c: m.a * n.c + m.c * n.d, d: m.b * n.c + m.d * n.d,
               e: m.a * n.e + m.c * n.f + m.e, f: m.b * n.e + m.d * n.f + m.f)
    }

    func apply(_ p: Point) -> Point { Point(a * p.x + c * p.y + e, b * p.x + d * p.y + f) }

    /// The largest factor by which the map stretches a length (its largest singular value):
    /// curves are flattened finely enough for that stretch.
    var maxStretch: Double {
        let s1 = a * a + b * b + c * c + d * d
        let det = a * d - b * c
        let root = max(0, s1 * s1 - 4 * det * det).squareRoot()
        return ((s1 + root) / 2).squareRoot()
    }

    var isFinite: Bool { [a, b, c, d, e, f].allSatisfy(\.isFinite) }
}
