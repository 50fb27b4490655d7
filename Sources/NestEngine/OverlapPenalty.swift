import Foundation
import NestGeometry

/// How badly two colliding shapes overlap, and how far a shape sticks out of the strip:
/// smooth, cheap estimates in the manner of sparrow (Gardeyn & Vanden Berghe 2025), used
/// only for pairs the exact engine already reports as colliding, so every real collision
/// costs more than zero and every clear pair costs nothing.
enum OverlapPenalty {
    /// Penetration of the two shapes' inscribed-circle surrogates, with a smooth decay
    /// for nearly touching circles, scaled by the shapes' sizes.
    ///
    /// For a caller adding the penalty, times `weight`, to `sum` and caring only whether
    /// the total stays within `bound`: once the pole pairs seen so far make the total
    /// exceed `bound` (the penalty only grows with more pairs), the work stops and that
    /// partial penalty is returned — still enough to put the total over `bound`. Within
    /// the bound the value is exact.
    ///
    /// The pole pairs are worked four at a time (`OrientedShape.poleLanes`), each term
    /// computed as the scalar formula would and added in the same order, so the value is
    /// the same to the last bit as one pair at a time.
    static func pair(_ a: OrientedShape, at ta: Point, _ b: OrientedShape, at tb: Point,
                     addedTo sum: Double = 0, weight: Double = 1, bound: Double = .infinity) -> Double {
        let eps = 0.01 * max(a.diameter, b.diameter)
        let epsSquared = eps * eps, twoEps = 2 * eps
        let scale = (a.area * b.area).squareRoot().squareRoot()
        func penalty(_ overlap: Double) -> Double { (overlap * Double.pi + epsSquared).squareRoot() * scale }
        let count = b.poles.count
        let bounded = bound < .infinity
        var overlap = 0.0
        return b.poleLanes.withUnsafeBufferPointer { lanes in
            for pa in a.poles {
                let ax = SIMD4<Double>(repeating: pa.center.x + ta.x), ay = SIMD4<Double>(repeating: pa.center.y + ta.y)
                let ra = SIMD4<Double>(repeating: pa.radius)
                var start = 0, lane = 0
                while start < count {
                    let dx = ax - (lanes[lane] + tb.x), dy = ay - (lanes[lane + 1] + tb.y)
                    let rb = lanes[lane + 2]
                    let d = (ra + rb) - (dx * dx + dy * dy).squareRoot()
                    var depth = epsSquared / (twoEps - d)
                    depth.replace(with: d, where: d .>= eps)
                    let terms = depth * ra.replacing(with: rb, where: rb .< ra)
                    if count - start >= 4 {
                        overlap += terms[0]
                        overlap += terms[1]
                        overlap += terms[2]
                        overlap += terms[3]
                    } else {
                        for l in 0..<(count - start) { overlap += terms[l] }
                    }
                    start += 4
                    lane += 3
                }
                // Rounding is monotonic, so the full penalty is at least this one.
                if bounded {
                    let partial = penalty(overlap)
                    if sum + weight * partial > bound { return partial }
                }
            }
            return penalty(overlap)
        }
    }

    /// How far the box `item` lies outside `container` (0 when inside).
    static func container(_ item: Rect, in container: Rect, area: Double) -> Double {
        guard !container.contains(item) else { return 0 }
        let itemArea = item.width * item.height
        let ix = min(item.maxX, container.maxX) - max(item.minX, container.minX)
        let iy = min(item.maxY, container.maxY) - max(item.minY, container.minY)
        let value: Double
        if ix > 0, iy > 0 {
            value = (itemArea - ix * iy) + 1e-4 * itemArea
        } else {
            value = itemArea + item.center.distance(to: container.center)
        }
        return 2 * value.squareRoot() * area.squareRoot()
    }
}
