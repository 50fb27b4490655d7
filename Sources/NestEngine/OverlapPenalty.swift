import Foundation
import NestGeometry

/// How badly two colliding shapes overlap, and how far a shape sticks out of the strip:
/// smooth, cheap estimates in the manner of sparrow (Gardeyn & Vanden Berghe 2025), used
/// only for pairs the exact engine already reports as colliding, so every real collision
/// costs more than zero and every clear pair costs nothing.
enum OverlapPenalty {
    /// Penetration of the two shapes' inscribed-circle surrogates, with a smooth decay
    /// for nearly touching circles, scaled by the shapes' sizes.
    static func pair(_ a: OrientedShape, at ta: Point, _ b: OrientedShape, at tb: Point) -> Double {
        let eps = 0.01 * max(a.diameter, b.diameter)
        var overlap = 0.0
        for pa in a.poles {
            let ca = pa.center + ta
            for pb in b.poles {
                let cb = pb.center + tb
                let dx = ca.x - cb.x, dy = ca.y - cb.y
                let d = pa.radius + pb.radius - (dx * dx + dy * dy).squareRoot()
                let depth = d >= eps ? d : eps * eps / (2 * eps - d)
                overlap += depth * min(pa.radius, pb.radius)
            }
        }
        overlap *= Double.pi
        return (overlap + eps * eps).squareRoot() * (a.area * b.area).squareRoot().squareRoot()
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
