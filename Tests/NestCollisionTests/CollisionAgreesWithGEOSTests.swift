import Foundation
import NestCollision
import NestGeometry
import Testing

/// The native collision predicates must give GEOS's answer. Contact (distance zero) may be
/// called a collision by the native engine — it is conservative there — so pairs closer
/// than a tolerance band of 1e-6 mm are left out of the comparison.
struct CollisionAgreesWithGEOSTests {
    struct LCG {
        var s: UInt64
        mutating func next() -> Double {
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(s >> 11) * 0x1.0p-53
        }
    }

    /// A random star-shaped (so simple), usually non-convex polygon around the origin.
    static func star(_ rng: inout LCG, radius: Double) -> [Point] {
        let n = 5 + Int(rng.next() * 25)
        return (0..<n).map { k in
            let a = (Double(k) + 0.3 * rng.next()) / Double(n) * 2 * .pi
            let r = radius * (0.35 + 0.65 * rng.next())
            return Point(r * cos(a), r * sin(a))
        }
    }

    @Test func polygonPairsAgree() throws {
        let kernel = GeometryKernel()
        var rng = LCG(s: 42)
        var agreed = 0, collisions = 0
        for _ in 0..<3000 {
            let a = CollisionPolygon(points: Self.star(&rng, radius: 10))
            let b = CollisionPolygon(points: Self.star(&rng, radius: 10))
            let offset = Point((rng.next() - 0.5) * 40, (rng.next() - 0.5) * 40)
            let ga = Polygon(a.points), gb = Polygon(b.points.map { $0 + offset })
            let d = try kernel.distance([ga], [gb])
            if d > 0, d < 1e-6 { continue }
            let native = polygonsCollide(a, at: .zero, b, at: offset)
            #expect(native == (d == 0), "offset \(offset)")
            if native == (d == 0) { agreed += 1 }
            if native { collisions += 1 }
        }
        #expect(agreed > 2900)
        #expect(collisions > 300)  // the sample covers both answers
    }

    @Test func regionContainmentAgrees() throws {
        let kernel = GeometryKernel()
        var rng = LCG(s: 7)
        // A region with a hole and a second island.
        let outer = Polygon([Point(0, 0), Point(100, 0), Point(100, 60), Point(50, 80), Point(0, 60)],
                            holes: [[Point(40, 20), Point(40, 40), Point(60, 40), Point(60, 20)]])
        let island = Polygon([Point(120, 0), Point(160, 0), Point(160, 40), Point(120, 40)])
        let region = FreeRegion([outer, island], cellSize: 7)
        let prepared = try PreparedRegion([outer, island], kernel: kernel)
        var inside = 0
        for _ in 0..<3000 {
            let shape = CollisionPolygon(points: Self.star(&rng, radius: 3 + rng.next() * 8))
            let t = Point(rng.next() * 180 - 10, rng.next() * 100 - 10)
            let placed = Polygon(shape.points.map { $0 + t })
            let boundaryDistance = try kernel.distanceToBoundary([placed], of: [outer, island])
            if boundaryDistance < 1e-6, boundaryDistance > 0 { continue }
            let expected = try prepared.covers(placed) && boundaryDistance > 0
            #expect(region.contains(shape, at: t) == expected, "offset \(t)")
            if expected { inside += 1 }
        }
        #expect(inside > 300)
    }

    @Test func touchingCountsAsCollision() {
        let a = CollisionPolygon(points: [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 1)])
        #expect(polygonsCollide(a, at: .zero, a, at: Point(1, 0)))
        #expect(!polygonsCollide(a, at: .zero, a, at: Point(1.001, 0)))
        // One inside the other, no edges crossing.
        let big = CollisionPolygon(points: [Point(-5, -5), Point(5, -5), Point(5, 5), Point(-5, 5)])
        #expect(polygonsCollide(big, at: .zero, a, at: .zero))
    }

    @Test func placedItemsFindCollisions() {
        var items = PlacedItems(area: Rect(minX: 0, minY: 0, maxX: 1000, maxY: 1000), cellSize: 50)
        let sq = CollisionPolygon(points: [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
        for i in 0..<10 { items.add(sq.translated(by: Point(Double(i) * 100, 500))) }
        #expect(items.collides(sq, at: Point(305, 505)))
        #expect(!items.collides(sq, at: Point(350, 505)))
        #expect(!items.collides(sq, at: Point(305, 100)))
    }
}
