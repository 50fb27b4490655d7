import NestGeometry

/// The curve through the fit points of a DXF SPLINE that has no control points: a
/// centripetal Catmull–Rom spline (Barry–Goldman), which passes through every fit point,
/// never forms a cusp or loop within a span, and is C1.
///
/// CAD systems draw such a spline as a global cubic interpolation, which lies close to
/// this curve between the points, not on it (both pass through every fit point).
///
/// Guarantees: span `k` runs from fit point `k` (t = 0) to fit point `k + 1` (t = 1);
/// repeated consecutive fit points are read once; a closed curve wraps its neighbours
/// round, an open one takes its end tangents from the file (codes 12/22 and 13/23) or,
/// without them, from the first and last chords.
struct FitPointCurve {
    let points: [Point]
    let closed: Bool
    /// Neighbours beyond the ends of an open curve (unused when closed).
    let before: Point, after: Point

    /// Nil when fewer than two distinct fit points are left.
    init?(fit: [Point], closed: Bool, startTangent: Point?, endTangent: Point?) {
        var pts: [Point] = []
        for p in fit where pts.last != p { pts.append(p) }
        if closed, pts.count > 1, pts.first == pts.last { pts.removeLast() }
        guard pts.count >= 2 else { return nil }
        points = pts
        self.closed = closed && pts.count >= 3
        func ghost(_ end: Point, _ next: Point, _ tangent: Point?) -> Point {
            // A point one chord beyond the end, along the tangent when given (pointing outward).
            let chord = end.distance(to: next)
            if let t = tangent, t.length > 0, t.isFinite { return end + t * (chord / t.length) }
            return end * 2 - next
        }
        before = ghost(pts[0], pts[1], startTangent.map { $0 * -1 })
        after = ghost(pts[pts.count - 1], pts[pts.count - 2], endTangent)
    }

    var spanCount: Int { closed ? points.count : points.count - 1 }

    func point(_ k: Int) -> Point {
        let n = points.count
        if closed { return points[((k % n) + n) % n] }
        if k < 0 { return before }
        if k >= n { return after }
        return points[k]
    }

    /// The point at `t` in [0, 1] of span `k`.
    func point(span k: Int, at t: Double) -> Point {
        let p0 = point(k - 1), p1 = point(k), p2 = point(k + 1), p3 = point(k + 2)
        // Centripetal knots: the square root of each chord (a zero chord counts as a tiny one).
        func step(_ a: Point, _ b: Point) -> Double { max(a.distance(to: b).squareRoot(), 1e-12) }
        let t0 = 0.0, t1 = t0 + step(p0, p1), t2 = t1 + step(p1, p2), t3 = t2 + step(p2, p3)
        let u = t1 + (t2 - t1) * min(1, max(0, t))
        func lerp(_ a: Point, _ b: Point, _ s0: Double, _ s1: Double) -> Point {
            a * ((s1 - u) / (s1 - s0)) + b * ((u - s0) / (s1 - s0))
        }
        let a1 = lerp(p0, p1, t0, t1), a2 = lerp(p1, p2, t1, t2), a3 = lerp(p2, p3, t2, t3)
        let b1 = lerp(a1, a2, t0, t2), b2 = lerp(a2, a3, t1, t3)
        return lerp(b1, b2, t1, t2)
    }
}
