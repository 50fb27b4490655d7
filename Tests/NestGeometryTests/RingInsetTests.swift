import NestGeometry
import Testing

/// `Ring.inset(by:)`: the hair-thin inward offset that lets parts without spacing touch.
struct RingInsetTests {
    /// A rectangle, either way round, comes back with every side exactly `d` inside and
    /// still parallel to its axis, whatever its offset from the origin.
    @Test func aRectangleMovesEachSideInByTheDistance() {
        let d = 1e-12
        for ring in [Ring(points: [Point(812.3, 40.1), Point(1212.3, 40.1), Point(1212.3, 740.1), Point(812.3, 740.1)]),
                     Ring(points: [Point(0, 0), Point(0, 140), Point(100, 140), Point(100, 0)])] {
            let inset = ring.inset(by: d)
            let (a, b) = (ring.bounds, inset.bounds)
            #expect(inset.count == ring.count && inset.isCounterClockwise == ring.isCounterClockwise)
            for (outer, inner, sign) in [(a.minX, b.minX, 1.0), (a.minY, b.minY, 1.0), (a.maxX, b.maxX, -1.0), (a.maxY, b.maxY, -1.0)] {
                #expect(abs((inner - outer) * sign - d) < 2e-13, "side \(outer) → \(inner)")
            }
            // Axis-parallel sides stay axis-parallel: two distinct x and two distinct y.
            #expect(Set(inset.points.map(\.x)).count == 2 && Set(inset.points.map(\.y)).count == 2)
        }
    }

    /// An L-shape (a reflex corner) and a needle-sharp spike: every point moves inward, by
    /// at most the mitre limit times the distance, and each lies inside the original.
    @Test func cornersMoveInwardWithinTheMitreLimit() {
        let d = 1e-3
        let shapes = [
            Ring(points: [Point(0, 0), Point(10, 0), Point(10, 4), Point(4, 4), Point(4, 10), Point(0, 10)]),
            Ring(points: [Point(0, 0), Point(100, 0.5), Point(0, 1)]),
        ]
        for ring in shapes {
            let inset = ring.inset(by: d)
            for (p, q) in zip(ring.points, inset.points) {
                #expect(p.distance(to: q) > 0 && p.distance(to: q) <= 8 * d + 1e-12, "\(p) → \(q)")
                #expect(ring.contains(q), "\(q) outside")
            }
            #expect(inset.area < ring.area)
        }
    }

    /// A zero distance, or too few points, leaves the ring alone.
    @Test func nothingToInsetComesBackUnchanged() {
        let ring = Ring(points: [Point(0, 0), Point(1, 0), Point(0, 1)])
        #expect(ring.inset(by: 0) == ring)
        let line = Ring(points: [Point(0, 0), Point(1, 0)])
        #expect(line.inset(by: 1) == line)
    }
}
