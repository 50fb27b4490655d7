import NestCollision
import NestGeometry

extension FreeSpaceRaster {
    /// The container penalty of a body at `t` in this raster's free region: zero exactly
    /// when the region holds it (the exact `FreeRegion.contains` decides), else an area-like
    /// measure of how far its vertices stick out (at least a small constant, so every
    /// violation costs more than nothing). A smooth guide that pulls parts back into a hide.
    ///
    /// For a caller weighing the penalty by `weight` and caring only whether that stays
    /// within `bound`: once the vertices seen so far put it over `bound` (the sum only grows
    /// with more), the rest are not looked at and that partial penalty is returned — still
    /// over `bound` once weighed. Within the bound the value is the full one.
    func penalty(_ body: CollisionPolygon, at t: Point, area: Double, diameter: Double,
                 weight: Double = 1, bound: Double = .infinity) -> Double {
        // Deep inside, the disc around the body's box centre that holds the whole body
        // lies inside the region: no exact test needed.
        let b = body.bounds
        let radius = 0.5 * (b.width * b.width + b.height * b.height).squareRoot()
        if sureDepth(b.center + t) > radius { return 0 }
        if region.contains(body, at: t) { return 0 }
        let pts = body.points
        let edge = diameter * 3 / Double(max(pts.count, 3))
        // The penalty of a summed excess `value`; the caller weighs it as `weight` times it.
        func penalty(of value: Double) -> Double { 2 * value.squareRoot() * area.squareRoot() }
        var value = 0.0
        let bounded = bound < .infinity
        for (k, p) in pts.enumerated() {
            let d = outsideDistance(p + t)
            if d > 0 { value += (d + grid.cell) * edge }
            // Weighed exactly as the caller weighs the value returned.
            if bounded, k & 7 == 7, weight * penalty(of: value) > bound { return penalty(of: value) }
        }
        return penalty(of: max(value, 0.01 * diameter * diameter * 0.01))
    }
}
