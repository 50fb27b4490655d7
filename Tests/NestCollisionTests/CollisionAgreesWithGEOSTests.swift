import Foundation
@testable import NestCollision
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

    /// A random star-shaped polygon, sometimes with a star-shaped hole around its centre.
    static func part(_ rng: inout LCG, radius: Double) -> Polygon {
        let outer = star(&rng, radius: radius)
        guard rng.next() < 0.3 else { return Polygon(outer) }
        let inner = star(&rng, radius: radius * 0.3).map { $0 * 0.5 }
        return Polygon(outer, holes: [inner])
    }

    /// 100 000 random pairs and poses. Parts collide as filled shapes (a part inside
    /// another's cut-out is refused by design, as `check_report.py` also treats it), so
    /// GEOS is asked about the exteriors.
    @Test func polygonPairsAgree() throws {
        let kernel = try GeometryKernel()
        var rng = LCG(s: 42)
        var compared = 0, collisions = 0, banded = 0
        for _ in 0..<100_000 {
            let pa = Self.part(&rng, radius: 10), pb = Self.part(&rng, radius: 10)
            let angle = rng.next() * 360
            let rotated = pb.transformed(by: Transform(rotationDegrees: angle))
            let a = CollisionPolygon(pa.exterior), b = CollisionPolygon(rotated.exterior)
            let offset = Point((rng.next() - 0.5) * 40, (rng.next() - 0.5) * 40)
            let d = try kernel.distance([pa.filled], [rotated.filled.transformed(by: Transform(translation: offset))])
            // Tolerance band: contact closer than 1e-6 mm may be called a collision.
            if d > 0, d < 1e-6 {
                banded += 1
                continue
            }
            let native = polygonsCollide(a, at: .zero, b, at: offset)
            if native != (d == 0) { Issue.record("disagree at offset \(offset), rotation \(angle): native \(native), GEOS distance \(d)") }
            compared += 1
            if native { collisions += 1 }
        }
        #expect(compared + banded == 100_000)
        #expect(collisions > 20_000 && collisions < 80_000)  // both answers are well represented
    }

    @Test func regionContainmentAgrees() throws {
        let kernel = try GeometryKernel()
        var rng = LCG(s: 7)
        // A region with a hole and a second island.
        let outer = Polygon([Point(0, 0), Point(100, 0), Point(100, 60), Point(50, 80), Point(0, 60)],
                            holes: [[Point(40, 20), Point(40, 40), Point(60, 40), Point(60, 20)]])
        let island = Polygon([Point(120, 0), Point(160, 0), Point(160, 40), Point(120, 40)])
        let region = FreeRegion([outer, island], cellSize: 7)
        let prepared = try PreparedRegion([outer, island], kernel: kernel)
        var inside = 0
        for _ in 0..<20_000 {
            let shape = CollisionPolygon(points: Self.star(&rng, radius: 3 + rng.next() * 8))
            let t = Point(rng.next() * 180 - 10, rng.next() * 100 - 10)
            let placed = Polygon(shape.points.map { $0 + t })
            let boundaryDistance = try kernel.distanceToBoundary([placed], of: [outer, island])
            if boundaryDistance < 1e-6, boundaryDistance > 0 { continue }
            let expected = try prepared.covers(placed) && boundaryDistance > 0
            #expect(region.contains(shape, at: t) == expected, "offset \(t)")
            if expected { inside += 1 }
        }
        #expect(inside > 2000)
    }

    /// A region with more edges than bucket columns (a scanned hide: a wavy outline of
    /// 3 000 points, 24 round pinholes of 40 points), where the point-in-region test casts
    /// its ray through one row of buckets: the same answers as GEOS.
    @Test func denseRegionContainmentAgrees() throws {
        let kernel = try GeometryKernel()
        var rng = LCG(s: 11)
        let outline = (0..<3_000).map { k -> Point in
            let a = Double(k) / 3_000 * 2 * .pi
            let r = 100 * (1 + 0.08 * sin(5 * a) + 0.01 * sin(97 * a))
            return Point(150 + 1.4 * r * cos(a), 110 + r * sin(a))
        }
        let holes = (0..<24).map { k -> [Point] in
            let centre = Point(60 + Double(k % 6) * 36, 50 + Double(k / 6) * 36)
            return (0..<40).map { j in
                let a = Double(j) / 40 * 2 * .pi
                return Point(centre.x + 4 * cos(a), centre.y + 4 * sin(a))
            }
        }
        let hide = Polygon(outline, holes: holes)
        let region = FreeRegion([hide])
        #expect(region.edgeCount > region.columns, "the bucketed ray is what this test is about")
        let prepared = try PreparedRegion([hide], kernel: kernel)
        var inside = 0, outside = 0
        for _ in 0..<20_000 {
            let shape = CollisionPolygon(points: Self.star(&rng, radius: 1 + rng.next() * 6))
            let t = Point(rng.next() * 320 - 10, rng.next() * 240 - 10)
            let placed = Polygon(shape.points.map { $0 + t })
            let boundaryDistance = try kernel.distanceToBoundary([placed], of: [hide])
            if boundaryDistance < 1e-6 { continue }
            let expected = try prepared.covers(placed)
            #expect(region.contains(shape, at: t) == expected, "offset \(t)")
            if expected { inside += 1 } else { outside += 1 }
        }
        #expect(inside > 3000 && outside > 3000)
    }

    @Test func touchingCountsAsCollision() {
        let a = CollisionPolygon(points: [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 1)])
        #expect(polygonsCollide(a, at: .zero, a, at: Point(1, 0)))
        #expect(!polygonsCollide(a, at: .zero, a, at: Point(1.001, 0)))
        // One inside the other, no edges crossing.
        let big = CollisionPolygon(points: [Point(-5, -5), Point(5, -5), Point(5, 5), Point(-5, 5)])
        #expect(polygonsCollide(big, at: .zero, a, at: .zero))
    }

    /// The broad phase visits exactly the items whose boxes' cells meet the query's, each
    /// once, through inserts, removals and moves, and its cell lists equal a grid filled afresh.
    @Test func spatialGridVisitsEachNearItemOnce() {
        var grid = SpatialGrid(area: Rect(minX: 0, minY: 0, maxX: 1000, maxY: 600), cell: 50, capacity: 40)
        var boxes: [Rect?] = Array(repeating: nil, count: 40)
        var seed: UInt64 = 7
        func unit() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        func randomBox() -> Rect {
            let x = 1100 * unit() - 50, y = 700 * unit() - 50
            return Rect(minX: x, minY: y, maxX: x + 5 + 120 * unit(), maxY: y + 5 + 120 * unit())
        }
        for i in 0..<40 {
            boxes[i] = randomBox()
            grid.insert(i, box: boxes[i]!)
        }
        for step in 0..<200 {
            let i = step % 40
            grid.remove(i)
            boxes[i] = step % 3 == 0 ? nil : randomBox()
            if let b = boxes[i] { grid.insert(i, box: b) }
            let query = randomBox()
            var visits: [Int] = []
            grid.forEachCandidate(near: query) { visits.append($0); return true }
            #expect(visits.count == Set(visits).count, "an item visited twice")
            // Every item whose box meets the query must be among the candidates.
            for (j, b) in boxes.enumerated() where b?.intersects(query) ?? false {
                #expect(visits.contains(j), "item \(j) meets the query but was not visited")
            }
            #expect(!visits.contains { boxes[$0] == nil }, "a removed item was visited")
        }
        var fresh = SpatialGrid(area: Rect(minX: 0, minY: 0, maxX: 1000, maxY: 600), cell: 50, capacity: 40)
        for (j, b) in boxes.enumerated() { if let b { fresh.insert(j, box: b) } }
        #expect(grid.cellContents == fresh.cellContents)
    }
}

struct RasterMaskTests {
    @Test func scanlineMaskEqualsPointTests() {
        let outer = Polygon([Point(0, 0), Point(100, 0), Point(100, 60), Point(50, 80), Point(0, 60)],
                            holes: [[Point(40, 20), Point(40, 40), Point(60, 40), Point(60, 20)]])
        let island = Polygon([Point(120, 0), Point(160, 0), Point(160, 40), Point(120, 40)])
        let region = FreeRegion([outer, island])
        let origin = Point(-7.3, -5.1), cell = 1.7, columns = 110, rows = 55
        let mask = region.insideMask(RasterGrid(origin: origin, cell: cell, columns: columns, rows: rows))
        var mismatches = 0
        for r in 0..<rows {
            for c in 0..<columns {
                let p = Point(origin.x + (Double(c) + 0.5) * cell, origin.y + (Double(r) + 0.5) * cell)
                if mask[r * columns + c] != (outer.contains(p) || island.contains(p)) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(mask.filter { $0 }.count > 1000)
    }
}
