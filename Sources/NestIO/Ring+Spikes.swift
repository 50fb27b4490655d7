import Foundation
import NestGeometry

extension Ring {
    /// The ring without its spikes: vertices where the outline turns back on itself (more
    /// than `ShapeCheck.spikeDegrees`), which enclose next to no area and only make a sliver
    /// (a digitizer's stray point, a scanner's torn fibre), with the points left out in the
    /// order they were found. Never fewer than three points.
    func withoutSpikes() -> (ring: Ring, spikes: [Point]) {
        var points = self.points
        var spikes: [Point] = []
        var k = 0, steadySteps = 0
        while points.count > 3, steadySteps < points.count {
            let n = points.count
            let a = points[(k + n - 1) % n], b = points[k % n], c = points[(k + 1) % n]
            let u = b - a, v = c - b
            let turn = abs(atan2(Point.cross(u, v), Point.dot(u, v))) * 180 / .pi
            if turn > ShapeCheck.spikeDegrees, u.length > 0, v.length > 0 {
                spikes.append(b)
                points.remove(at: k % n)
                k = max(0, k - 1)
                steadySteps = 0
            } else {
                k = (k + 1) % n
                steadySteps += 1
            }
        }
        return (Ring(points: points), spikes)
    }
}
