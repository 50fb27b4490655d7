import Foundation
import NestCollision
import NestGeometry
import NestModel
import Testing

@testable import NestEngine

/// The speed-ups of the first nest change no answer: the clearance map updated part by
/// part equals one built from scratch; the quick collision paths (circles, edges near
/// the overlap, each item once) agree with a plain all-pairs test.
struct ConstructiveAtScaleTests {
    static func blob(_ seed: UInt64, radius: Double) -> [Point] {
        var rng = SeededGenerator(seed: seed)
        let n = 12 + Int(rng.next() % 30)
        return (0..<n).map { k in
            let a = Double(k) / Double(n) * 2 * .pi
            let r = radius * (0.55 + 0.45 * rng.nextUnit())
            return Point(r * cos(a), r * sin(a))
        }
    }

    @Test func incrementalClearanceEqualsRebuild() {
        let outline = Polygon(exterior: Ring(points: [Point(0, 0), Point(900, 40), Point(880, 600), Point(20, 640)]),
                              holes: [Ring(points: [Point(300, 300), Point(340, 300), Point(340, 360)])])
        let region = FreeRegion([outline])
        var map = ClearanceMap(raster: FreeSpaceRaster(region: region, cell: 7))
        var rng = SeededGenerator(seed: 11)
        for k in 0..<40 {
            let shape = CollisionPolygon(points: Self.blob(UInt64(k), radius: 60)).translated(
                by: Point(50 + 800 * rng.nextUnit(), 50 + 550 * rng.nextUnit()))
            map.block(shape)
            var full = map
            full.recomputeAll()
            // The partial update must give the very same distances as a full pass.
            #expect(map.clearance == full.clearance)
            #expect(map.maxClearance == (map.clearance.max() ?? 0))
        }
    }

    @Test func blockingManyAtOnceEqualsOneByOne() {
        let outline = Polygon(exterior: Ring(points: [Point(10, 0), Point(700, 60), Point(720, 500), Point(0, 450)]), holes: [])
        let raster = FreeSpaceRaster(region: FreeRegion([outline]), cell: 6)
        var rng = SeededGenerator(seed: 5)
        let shapes = (0..<30).map { k in
            CollisionPolygon(points: Self.blob(UInt64(200 + k), radius: 45)).translated(
                by: Point(40 + 640 * rng.nextUnit(), 40 + 400 * rng.nextUnit()))
        }
        var oneByOne = ClearanceMap(raster: raster)
        for shape in shapes { oneByOne.block(shape) }
        var atOnce = ClearanceMap(raster: raster)
        atOnce.block(shapes)
        #expect(atOnce.clearance == oneByOne.clearance)
        #expect(atOnce.maxClearance == oneByOne.maxClearance)
        #expect(atOnce.maxClearance < raster.maxDepth, "the shapes block some of the deepest cells")
    }

    @Test func scanlineRasterEqualsPointInPolygon() {
        let outline = Polygon(exterior: Ring(points: Self.blob(5, radius: 400).map { $0 + Point(500, 500) }),
                              holes: [Ring(points: Self.blob(6, radius: 80).map { $0 + Point(500, 500) })])
        let region = FreeRegion([outline])
        let map = ClearanceMap(raster: FreeSpaceRaster(region: region, cell: 5))
        for r in 0..<map.rows {
            for c in 0..<map.columns {
                let free = map.clearance[r * map.columns + c] > 0
                #expect(free == outline.contains(map.center(c, r)), "cell \(c), \(r)")
            }
        }
    }

    @Test func quickCollisionPathsAgreeWithAllPairs() {
        var rng = SeededGenerator(seed: 3)
        // The items on a sheet's layout, as the first nest asks it (circles on, broad phase on).
        var items = SearchLayout(items: [], width: 1000, margin: 0, length: 1000, maxLength: 1000, cell: 40)
        var all: [CollisionPolygon] = []
        for k in 0..<60 {
            let pts = Self.blob(UInt64(100 + k), radius: 50)
            let poly = Polygon(exterior: Ring(points: pts), holes: [])
            let shape = CollisionPolygon(points: pts, circles: poly.inscribedCircles())
            let t = Point(1000 * rng.nextUnit(), 1000 * rng.nextUnit())
            let oriented = OrientedShape(rotationDegrees: 0, mirrored: false, body: shape, spaced: shape, pole: .zero,
                                         poleRadius: 0, poles: shape.circles, area: poly.area, diameter: 100, samples: [],
                                         isTurn: false, offGrainDegrees: 0, contactGap: 2e-12)
            let part = Part(id: k, panel: "blob", size: "1", side: .none, material: "leather", shape: poly,
                            grain: GrainRule(directionDegrees: 0, toleranceDegrees: 180, reversible: true), minGrade: .D, orderLine: 0)
            items.append(SearchLayout.Item(part: part, shapes: [oriented], orientation: 0, position: t))
            all.append(shape.translated(by: t))
        }
        let queries: [(CollisionPolygon, CollisionPolygon)] = (0..<50).map { k in
            let pts = Self.blob(UInt64(10_000 + k), radius: 40)
            let poly = Polygon(exterior: Ring(points: pts), holes: [])
            return (CollisionPolygon(points: pts, circles: poly.inscribedCircles()), CollisionPolygon(points: pts))
        }
        let plainItems = all.map { CollisionPolygon(points: $0.points) }
        var disagreements = 0, hits = 0
        for k in 0..<3000 {
            let (query, plain) = queries[k % queries.count]
            let t = Point(1000 * rng.nextUnit(), 1000 * rng.nextUnit())
            let fast = items.collidesWithAny(query, at: t)
            // Reference: every item, no circles, the plain ring.
            let slow = plainItems.contains { polygonsCollide(plain, at: t, $0, at: .zero) }
            if fast != slow { disagreements += 1 }
            if slow { hits += 1 }
        }
        #expect(disagreements == 0)
        #expect(hits > 300)
    }
}
