import Foundation
import NestCollision
import NestGeometry

/// How badly two colliding shapes overlap, and how far a shape sticks out of the strip:
/// smooth, cheap estimates in the manner of sparrow (Gardeyn & Vanden Berghe 2025), used
/// only for pairs the exact engine already reports as colliding, so every real collision
/// costs more than zero and every clear pair costs nothing.
enum OverlapPenalty {
    /// How far, relative to the penalty (or absolutely below 1), two computations of one
    /// pair's penalty may differ: worked from either shape of the pair, or after both
    /// shifted with the strip, the single-precision sum may differ in its last digits. The
    /// tracker's self-checks compare with this.
    static let reproducibility = 1e-5

    /// Penetration of the two shapes' inscribed-circle surrogates, with a smooth decay
    /// for nearly touching circles, scaled by the shapes' sizes.
    ///
    /// For a caller adding the penalty, times `weight`, to `sum` and caring only whether
    /// the total stays within `bound`: once the pole pairs seen so far make the total
    /// exceed `bound` (the penalty only grows with more pairs), the work stops and that
    /// partial penalty is returned — still enough to put the total over `bound`. Within
    /// the bound the value is the full one.
    ///
    /// The pole pairs are worked eight at a time in single precision
    /// (`OrientedShape.poleLanes`): the poles' centres are in their parts' pattern frames
    /// and the two shapes' offset is taken in double precision first, so the distances lose
    /// nothing that matters to a ranking (the terms agree with a double-precision sum to
    /// about 1e-5 relative; a pattern drawn metres from its origin, as a CAD export placed
    /// on its marker, may be off by a thousandth of a millimetre). Feasibility never rests
    /// on it: the exact engine decides collisions in double precision. The order of the
    /// additions is fixed, so the value is reproducible.
    static func pair(_ a: OrientedShape, at ta: Point, _ b: OrientedShape, at tb: Point,
                     addedTo sum: Double = 0, weight: Double = 1, bound: Double = .infinity) -> Double {
        let epsD = 0.01 * max(a.diameter, b.diameter)
        let epsSquaredD = epsD * epsD
        let eps = SIMD8<Float>(repeating: Float(epsD))
        let epsSquared = SIMD8<Float>(repeating: Float(epsSquaredD)), twoEps = eps + eps
        let scale = (a.area * b.area).squareRoot().squareRoot()
        func penalty(_ overlap: SIMD8<Float>) -> Double {
            (Double(overlap.sum()) * Double.pi + epsSquaredD).squareRoot() * scale
        }
        let offset = ta - tb
        let bounded = bound < .infinity
        // The summed overlap past which the total may exceed the bound: the penalty's
        // formula solved for it, rounded down so that it never lets an excess pass; near it
        // the exact test decides.
        let room = bounded ? (bound - sum) / weight / scale : .infinity
        let trigger = bounded ? Float((room * room - epsSquaredD) / Double.pi).nextDown : .infinity
        var overlap = SIMD8<Float>()
        return b.poleLanes.withUnsafeBufferPointer { lanes in
            for pa in a.poles {
                let ax = SIMD8<Float>(repeating: Float(pa.center.x + offset.x))
                let ay = SIMD8<Float>(repeating: Float(pa.center.y + offset.y))
                let ra = SIMD8<Float>(repeating: Float(pa.radius))
                var lane = 0
                while lane < lanes.count {
                    let dx = ax - lanes[lane], dy = ay - lanes[lane + 1]
                    let rb = lanes[lane + 2]
                    let d = (ra + rb) - (dx * dx + dy * dy).squareRoot()
                    var depth = epsSquared / (twoEps - d)
                    depth.replace(with: d, where: d .>= eps)
                    // Lanes past b's last pole have a zero radius: their term is zero.
                    overlap += depth * ra.replacing(with: rb, where: rb .< ra)
                    lane += 3
                }
                // Every term is at least zero, so the full penalty is at least this one.
                if bounded, room < 0 || overlap.sum() > trigger {
                    let partial = penalty(overlap)
                    if sum + weight * partial > bound { return partial }
                }
            }
            return penalty(overlap)
        }
    }

    /// How far the box `item` lies outside `container` (0 when inside).
    static func container(_ item: Rect, in container: Rect, area: Double) -> Double {
        guard !container.contains(item, slack: FreeRegion.sideSlack) else { return 0 }
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
