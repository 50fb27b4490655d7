import Foundation
import NestGeometry

/// Turns arcs, ellipses, Bézier curves and NURBS into polylines whose chords lie within
/// `tolerance` millimetres of the true curve (measured after `transform`), with at most
/// `maxPointsPerCurve` points per curve so that no input, however large, can hang the
/// reader. The first point of a curve is always emitted; the last is exact.
struct CurveFlattener {
    var tolerance: Double
    var transform: Affine = .identity
    var maxPointsPerCurve = 20_000

    /// Segments needed for an arc of `radius` (local units) sweeping `sweep` radians.
    func arcSegments(radius: Double, sweep: Double) -> Int {
        let r = abs(radius) * transform.maxStretch
        guard r.isFinite, sweep.isFinite, r > 0 else { return 1 }
        let tol = min(tolerance, r)
        let step = 2 * acos(max(-1, 1 - tol / r))
        guard step > 1e-9 else { return maxPointsPerCurve }
        let n = (abs(sweep) / step).rounded(.up)
        return n.isFinite ? max(1, min(maxPointsPerCurve, Int(n))) : maxPointsPerCurve
    }

    /// A circular arc about `center` from angle `start` sweeping `sweep` radians (positive
    /// counter-clockwise), local coordinates in, transformed points out.
    func arc(center: Point, radius: Double, start: Double, sweep: Double) -> [Point] {
        ellipse(center: center, major: Point(radius, 0), minor: Point(0, radius), start: start, sweep: sweep)
    }

    /// The elliptical arc `center + major·cos t + minor·sin t`, t from `start` over `sweep`.
    func ellipse(center: Point, major: Point, minor: Point, start: Double, sweep: Double) -> [Point] {
        let n = arcSegments(radius: max(major.length, minor.length), sweep: sweep)
        var out: [Point] = []
        out.reserveCapacity(n + 1)
        for i in 0...n {
            let t = start + sweep * Double(i) / Double(n)
            out.append(transform.apply(center + major * cos(t) + minor * sin(t)))
        }
        return out
    }

    /// The arc a polyline bulge describes from `p` to `q` (bulge = tan(sweep / 4),
    /// positive counter-clockwise); excludes `p`, ends exactly at `q`.
    func bulge(from p: Point, to q: Point, bulge: Double) -> [Point] {
        let chord = q - p
        let length = chord.length
        guard bulge.isFinite, abs(bulge) > 1e-12, length > 0 else { return [transform.apply(q)] }
        let b = max(-1e6, min(1e6, bulge))
        let mid = (p + q) * 0.5
        let normal = Point(-chord.y / length, chord.x / length)
        let center = mid + normal * ((1 - b * b) / (4 * b) * length)
        let radius = center.distance(to: p)
        let sweep = 4 * atan(b)
        let start = atan2(p.y - center.y, p.x - center.x)
        var pts = Array(arc(center: center, radius: radius, start: start, sweep: sweep).dropFirst())
        if !pts.isEmpty { pts[pts.count - 1] = transform.apply(q) }
        return pts
    }

    /// Adaptive flattening of any parametric curve on [t0, t1]: an interval is split until
    /// its chord is within tolerance of the curve at three inner points (or the budget runs out).
    func adaptive(_ t0: Double, _ t1: Double, _ curve: (Double) -> Point) -> [Point] {
        var out = [transform.apply(curve(t0))]
        var budget = maxPointsPerCurve
        func split(_ a: Double, _ pa: Point, _ b: Double, _ pb: Point, depth: Int) {
            let probes = [0.25, 0.5, 0.75].map { (a + (b - a) * $0) }
            let pts = probes.map { transform.apply(curve($0)) }
            let flat = pts.allSatisfy { segmentDistance($0, pa, pb) <= tolerance }
            if (flat && depth >= 1) || depth >= 18 || budget <= 0 {
                out.append(pb)
                budget -= 1
                return
            }
            split(a, pa, probes[1], pts[1], depth: depth + 1)
            split(probes[1], pts[1], b, pb, depth: depth + 1)
        }
        split(t0, out[0], t1, transform.apply(curve(t1)), depth: 0)
        return out
    }

    /// A cubic Bézier from p0 (excluded) to p3, local coordinates.
    func cubic(_ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point) -> [Point] {
        Array(adaptive(0, 1) { t in
            let u = 1 - t
            return p0 * (u * u * u) + p1 * (3 * u * u * t) + p2 * (3 * u * t * t) + p3 * (t * t * t)
        }.dropFirst())
    }

    /// A quadratic Bézier from p0 (excluded) to p2, local coordinates.
    func quadratic(_ p0: Point, _ p1: Point, _ p2: Point) -> [Point] {
        Array(adaptive(0, 1) { t in
            let u = 1 - t
            return p0 * (u * u) + p1 * (2 * u * t) + p2 * (t * t)
        }.dropFirst())
    }
}

/// A count from a file, clamped: never traps on NaN, infinity or huge values.
func clampedCount(_ x: Double, max limit: Int) -> Int {
    guard x.isFinite, x > 0 else { return 0 }
    return x >= Double(limit) ? limit : Int(x)
}
