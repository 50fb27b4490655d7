import Foundation
import NestGeometry

/// What the readers repair in a ring on their own: points written twice in a row, and
/// spikes that enclose next to nothing.
extension Ring {
    /// The ring with consecutive repeated points read once (and a last point repeating the
    /// first left off), with how many points that dropped: CAD systems write a vertex twice
    /// where a notch sits.
    func withoutRepeats() -> (ring: Ring, removed: Int) {
        var kept: [Point] = []
        kept.reserveCapacity(count)
        for p in points where kept.last != p { kept.append(p) }
        while kept.count > 1, kept.first == kept.last { kept.removeLast() }
        return (Ring(points: kept), count - kept.count)
    }

    /// The ring without its spikes (`withoutSpikes`, repeats that leaves read once) when
    /// it has spikes and leaving them out changes its area by at most `areaShare`; nil
    /// otherwise. With the spikes' points, first found first, and the change of area.
    func withoutSmallSpikes(areaShare: Double) -> (ring: Ring, spikes: [Point], areaChange: Double)? {
        let (kept, spikes) = withoutSpikes()
        guard !spikes.isEmpty else { return nil }
        // Out and back: the points on either side of a spike may now repeat.
        let unspiked = kept.withoutRepeats().ring
        let change = abs(unspiked.area - area)
        guard change <= areaShare * area else { return nil }
        return (unspiked, spikes, change)
    }

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
