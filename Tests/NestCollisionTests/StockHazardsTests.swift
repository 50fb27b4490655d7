import Foundation
import NestCollision
import NestGeometry
import Testing

/// The stock-hazard collector: `FreeRegion.meets` gives GEOS's answer (outside a contact
/// band), and `StockHazards` names exactly the hazards a shape runs into, filtered.
struct StockHazardsTests {
    typealias LCG = CollisionAgreesWithGEOSTests.LCG

    /// A region with two pieces, one with a hole, against random star shapes at random
    /// poses: `meets` is true exactly when GEOS finds a shared point.
    @Test func meetsAgreesWithGEOS() throws {
        let kernel = try GeometryKernel()
        var rng = LCG(s: 7)
        let blob = CollisionAgreesWithGEOSTests.star(&rng, radius: 60).map { $0 + Point(100, 100) }
        let hole = CollisionAgreesWithGEOSTests.star(&rng, radius: 12).map { $0 * 0.6 + Point(100, 100) }
        let square = [Point(200, 0), Point(260, 0), Point(260, 60), Point(200, 60)]
        let polygons = [Polygon(blob, holes: [hole]), Polygon(square)]
        let region = FreeRegion(polygons)
        var met = 0, compared = 0
        for _ in 0..<20_000 {
            let shape = Polygon(CollisionAgreesWithGEOSTests.star(&rng, radius: 4 + 20 * rng.next()))
            let t = Point(-20 + 320 * rng.next(), -20 + 200 * rng.next())
            let placed = shape.transformed(by: Transform(translation: t))
            let d = try kernel.distance(polygons, [placed])
            if d > 0, d < 1e-6 { continue }
            let native = region.meets(CollisionPolygon(shape.exterior), at: t)
            #expect(native == (d == 0), "at \(t): native \(native), GEOS distance \(d)")
            compared += 1
            if native { met += 1 }
        }
        // Both answers must be common, or the comparison proves little.
        #expect(met > 2_000 && compared - met > 2_000, "\(met) met of \(compared)")
    }

    /// A plate with a hole, a defect and a zone: each pose names what it runs into, the
    /// filter drops what does not matter, and removing a hazard stops it being named.
    @Test func collectorNamesTheHazardsMet() {
        let inset = [Point(10, 10), Point(990, 10), Point(990, 590), Point(10, 590)]
        var hazards = StockHazards()
        hazards.register(0, .keepIn, [Polygon(inset)])
        hazards.register(1, .keepOut, [Polygon([Point(100, 100), Point(160, 100), Point(160, 160), Point(100, 160)])])  // hole
        hazards.register(2, .keepOut, [Polygon([Point(400, 300), Point(420, 300), Point(420, 320), Point(400, 320)])])  // defect
        hazards.register(3, .keepOut, [Polygon([Point(700, 0), Point(1000, 0), Point(1000, 600), Point(700, 600)])])  // zone
        let part = CollisionPolygon(points: [Point(0, 0), Point(50, 0), Point(50, 30), Point(0, 30)])
        #expect(hazards.collisions(of: part, at: Point(300, 400)).isEmpty, "free leather")
        #expect(hazards.collisions(of: part, at: Point(390, 295)) == [2], "on the defect")
        #expect(hazards.collisions(of: part, at: Point(120, 120)) == [1], "over the hole")
        #expect(hazards.collisions(of: part, at: Point(5, 300)) == [0], "over the edge's margin")
        #expect(hazards.collisions(of: part, at: Point(680, 580)) == [0, 3], "over the edge and into the zone")
        #expect(hazards.collisions(of: part, at: Point(680, 580)) { $0 != 3 } == [0], "a grade the zone allows")
        // A part that holds the defect wholly inside it meets it too.
        let big = CollisionPolygon(points: [Point(0, 0), Point(100, 0), Point(100, 100), Point(0, 100)])
        #expect(hazards.collisions(of: big, at: Point(360, 260)) == [2])
        hazards.remove(2)
        #expect(hazards.collisions(of: big, at: Point(360, 260)).isEmpty)
        #expect(hazards.ids == [0, 1, 3])
    }
    /// A region that is one axis-aligned rectangle (a roll inside its margins) holds a shape
    /// touching its sides — a band exactly as wide as the roll fits — and tests the shape on
    /// its box; any other region still wants the shape strictly inside.
    @Test func aRectangularRegionHoldsAShapeTouchingItsSides() {
        let roll = FreeRegion([Polygon([Point(5, 5), Point(1995, 5), Point(1995, 995), Point(5, 995)])])
        let band = CollisionPolygon(points: [Point(0, 0), Point(120, 0), Point(120, 990), Point(0, 990)])
        #expect(roll.contains(band, at: Point(5, 5)))
        #expect(roll.contains(band, at: Point(1875, 5)))
        #expect(!roll.contains(band, at: Point(5, 5.000001)))
        #expect(!roll.contains(band, at: Point(4.999999, 5)))
        let tab = CollisionPolygon(points: [Point(0, 0), Point(30, 0), Point(0, 30)])
        #expect(roll.contains(tab, at: Point(5, 965)) && !roll.contains(tab, at: Point(5, 966)))
        // Not a rectangle (a fifth corner on the top edge, a hole): touching is meeting.
        let notched = FreeRegion([Polygon([Point(5, 5), Point(1995, 5), Point(1995, 995), Point(1000, 995), Point(5, 995)])])
        let shorter = CollisionPolygon(points: [Point(0, 0), Point(120, 0), Point(120, 980), Point(0, 980)])
        #expect(!notched.contains(band, at: Point(5, 5)))
        #expect(notched.contains(shorter, at: Point(10, 10)) && !notched.contains(shorter, at: Point(5, 10)))
        let holed = FreeRegion([Polygon([Point(5, 5), Point(1995, 5), Point(1995, 995), Point(5, 995)],
                                        holes: [[Point(900, 400), Point(900, 420), Point(920, 420), Point(920, 400)]])])
        #expect(!holed.contains(band, at: Point(5, 5)) && !holed.contains(band, at: Point(850, 5)))
    }
}
