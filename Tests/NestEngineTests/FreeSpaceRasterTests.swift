import Foundation
import NestCollision
import NestGeometry
import Testing

@testable import NestEngine

/// The free-space raster's shortcut ("deep inside, so contained") must never say yes where
/// the exact region test says no: a penalty of zero is how the optimizer knows a state is
/// feasible.
struct FreeSpaceRasterTests {
    @Test func deepInsideShortcutNeverContradictsTheExactTest() throws {
        // A wavy outline with a hole and an island of defect cut out, like a hide.
        var outer: [Point] = []
        for k in 0..<120 {
            let a = Double(k) / 120 * 2 * .pi
            let r = 500 + 60 * sin(5 * a) + 25 * cos(11 * a)
            outer.append(Point(600 + 1.6 * r * cos(a), 400 + r * sin(a)))
        }
        let hole = [Point(500, 350), Point(520, 420), Point(560, 380)].reversed().map { $0 }
        let region = FreeRegion([Polygon(outer, holes: [Array(hole)])])
        let field = FreeSpaceRaster(region: region, cell: 8)
        var rng = SeededGenerator(seed: 11)
        var shortcuts = 0
        for _ in 0..<20_000 {
            // A random star-shaped body, 20 to 200 mm across.
            let size = 20 + 180 * rng.nextUnit()
            var pts: [Point] = []
            for k in 0..<9 {
                let a = Double(k) / 9 * 2 * .pi
                let r = size / 2 * (0.4 + 0.6 * rng.nextUnit())
                pts.append(Point(r * cos(a), r * sin(a)))
            }
            let body = CollisionPolygon(points: pts)
            let t = Point(-400 + 2000 * rng.nextUnit(), -300 + 1400 * rng.nextUnit())
            let b = body.bounds
            let radius = 0.5 * (b.width * b.width + b.height * b.height).squareRoot()
            if field.sureDepth(b.center + t) > radius {
                shortcuts += 1
                #expect(region.contains(body, at: t), "shortcut says inside at \(t), exact test says no")
            }
            // The penalty is zero exactly when the exact test holds.
            #expect((field.penalty(body, at: t, area: 1, diameter: size) == 0) == region.contains(body, at: t))
        }
        #expect(shortcuts > 1000, "the shortcut should be taken often deep inside (taken \(shortcuts) times)")
    }
}
