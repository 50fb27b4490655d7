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
        // Pinholes smaller than a cell, many between cell centres (a scanned hide's, grown by
        // the margin): no cell centre lies in them, yet a body over one is not contained.
        var pinholes: [[Point]] = []
        for k in 0..<60 {
            let centre = Point(200 + Double(k % 10) * 83.3 + 0.37 * Double(k), 150 + Double(k / 10) * 97.1 + 0.61 * Double(k))
            let r = 1 + Double(k % 4)
            pinholes.append((0..<12).reversed().map { j in
                let a = Double(j) / 12 * 2 * .pi
                return Point(centre.x + r * cos(a), centre.y + r * sin(a))
            })
        }
        let region = FreeRegion([Polygon(outer, holes: [Array(hole)] + pinholes)])
        let field = FreeSpaceRaster(region: region, cell: 8)
        var rng = SeededGenerator(seed: 11)
        var shortcuts = 0
        var overPinholes = 0
        for n in 0..<40_000 {
            // A random star-shaped body, 20 to 200 mm across.
            let size = 20 + 180 * rng.nextUnit()
            var pts: [Point] = []
            for k in 0..<9 {
                let a = Double(k) / 9 * 2 * .pi
                let r = size / 2 * (0.4 + 0.6 * rng.nextUnit())
                pts.append(Point(r * cos(a), r * sin(a)))
            }
            let body = CollisionPolygon(points: pts)
            var t = Point(-400 + 2000 * rng.nextUnit(), -300 + 1400 * rng.nextUnit())
            if n % 2 == 1 {
                // Every other body is centred near a pinhole.
                let pin = pinholes[Int(rng.nextUnit() * Double(pinholes.count)) % pinholes.count][0]
                t = pin + Point(-4 + 8 * rng.nextUnit(), -4 + 8 * rng.nextUnit())
                overPinholes += 1
            }
            let b = body.bounds
            let radius = 0.5 * (b.width * b.width + b.height * b.height).squareRoot()
            if field.sureDepth(b.center + t) > radius {
                shortcuts += 1
                #expect(region.contains(body, at: t), "shortcut says inside at \(t), exact test says no")
            }
            // The penalty is zero exactly when the exact test holds.
            #expect((field.penalty(body, at: t, area: 1, diameter: size) == 0) == region.contains(body, at: t))
        }
        #expect(shortcuts > 1000 && overPinholes > 10_000, "the shortcut should be taken often deep inside (taken \(shortcuts) times)")
    }

    /// A penalty asked within a bound (as the separator asks, weighed) is the full one, or
    /// a part of it already over the bound once weighed: the comparison with the bound, all
    /// a caller makes, always comes out as with the full penalty.
    @Test func aBoundedPenaltyIsTheFullOneOrAlreadyOverTheBound() {
        var outer: [Point] = []
        for k in 0..<150 {
            let a = Double(k) / 150 * 2 * .pi
            let r = 450 + 70 * sin(4 * a) + 30 * cos(9 * a)
            outer.append(Point(-200 + 1.4 * r * cos(a), 300 + r * sin(a)))
        }
        let region = FreeRegion([Polygon(outer)])
        let field = FreeSpaceRaster(region: region, cell: 6)
        var rng = SeededGenerator(seed: 5)
        var cut = 0, whole = 0
        for _ in 0..<5_000 {
            // A star-shaped body of 40 points, 30 to 300 mm across, anywhere over the hide
            // and around it: inside, across its edge, or outside.
            let size = 30 + 270 * rng.nextUnit()
            let pts = (0..<40).map { k -> Point in
                let a = Double(k) / 40 * 2 * .pi
                let r = size / 2 * (0.5 + 0.5 * rng.nextUnit())
                return Point(r * cos(a), r * sin(a))
            }
            let body = CollisionPolygon(points: pts)
            let t = Point(-1000 + 1600 * rng.nextUnit(), -300 + 1200 * rng.nextUnit())
            let area = 100 + 10_000 * rng.nextUnit()
            let full = field.penalty(body, at: t, area: area, diameter: size)
            let weight = 1 + 9 * rng.nextUnit()
            let bound = weight * full * 2 * rng.nextUnit()
            let bounded = field.penalty(body, at: t, area: area, diameter: size, weight: weight, bound: bound)
            #expect((weight * bounded > bound) == (weight * full > bound), "a different verdict at \(t)")
            if bounded == full {
                whole += 1
            } else {
                cut += 1
                #expect(bounded < full && weight * bounded > bound, "\(bounded) against \(full), bound \(bound)")
            }
        }
        #expect(cut > 100 && whole > 100, "both cases met: \(cut) cut short, \(whole) whole")
    }

    /// The raster's border lies around the region's box without moving a cell: the cells over
    /// the box have the very centres, inside flags and depths an unpadded grid gives them (so
    /// the clearance maps, and the first nest that samples them, are unchanged by it), and the
    /// border's cells are outside with depth 0.
    @Test func theBorderMovesNoCellOverTheRegion() {
        var outer: [Point] = []
        for k in 0..<90 {
            let a = Double(k) / 90 * 2 * .pi
            let r = 300 + 40 * sin(7 * a)
            outer.append(Point(13.7 + 1.3 * r * cos(a), -41.2 + r * sin(a)))
        }
        let region = FreeRegion([Polygon(outer, holes: [[Point(0, 0), Point(30, 80), Point(60, 10)].reversed()])])
        let cell = 7.3
        let raster = FreeSpaceRaster(region: region, cell: cell)
        #expect(raster.grid.pad > 0)
        let plain = RasterGrid(covering: region.bounds, cell: cell)
        let mask = region.insideMask(plain)
        let w = plain.columns, rows = plain.rows
        let start = mask.indices.map { i in mask[i] ? Double(min(i % w, i / w, w - 1 - i % w, rows - 1 - i / w) + 1) * cell : 0 }
        let depth = ChamferDistance.transform(start, grid: plain, movable: mask)
        let pad = raster.grid.pad
        var insideCells = 0
        for r in 0..<raster.grid.rows {
            for c in 0..<raster.grid.columns {
                let i = r * raster.grid.columns + c
                let pc = c - pad, pr = r - pad
                guard pc >= 0, pr >= 0, pc < w, pr < rows else {
                    #expect(!raster.inside[i] && raster.depth[i] == 0, "border cell \(c), \(r)")
                    continue
                }
                let j = pr * w + pc
                #expect(raster.grid.center(c, r) == plain.center(pc, pr))
                #expect(raster.inside[i] == mask[j])
                #expect(raster.depth[i] == depth[j], "cell \(pc), \(pr): \(raster.depth[i]) vs \(depth[j])")
                if mask[j] { insideCells += 1 }
            }
        }
        #expect(insideCells > 1000)
        // Outside distances are measured across the border, not extrapolated.
        for probe in [Point(region.bounds.maxX + 20, -41.2), Point(region.bounds.minX - 25, region.bounds.minY - 15),
                      Point(13.7, region.bounds.maxY + 30)] {
            var exact = Double.infinity
            var a = outer[outer.count - 1]
            for b in outer {
                let ab = b - a, ap = probe - a
                let t = max(0, min(1, (ap.x * ab.x + ap.y * ab.y) / (ab.x * ab.x + ab.y * ab.y)))
                let q = a + ab * t
                exact = min(exact, ((probe.x - q.x) * (probe.x - q.x) + (probe.y - q.y) * (probe.y - q.y)).squareRoot())
                a = b
            }
            let field = raster.outsideDistance(probe)
            #expect(field >= exact - 1.5 * cell && field <= exact * 1.0825 + 1.5 * cell, "at \(probe): field \(field), exact \(exact)")
        }
    }

    /// A grade the stock has no leather of (a goat skin of C and B leather, an order with A
    /// parts) has an empty region. Its raster and clearance map lie on a finite grid with
    /// no cell inside, so that blocking a placed part on it changes nothing: on a grid at
    /// infinity every cell index was NaN, and putting a part on such a hide crashed.
    @Test func anEmptyRegionHasAFiniteRasterWithNothingInside() throws {
        let field = FreeSpaceRaster(region: FreeRegion([]), cell: 4)
        #expect(field.grid.origin.x.isFinite && field.grid.origin.y.isFinite)
        #expect(!field.inside.contains(true))
        #expect(field.maxDepth == 0)
        var map = ClearanceMap(raster: field)
        map.block(CollisionPolygon(points: [Point(229, 32), Point(508, 40), Point(500, 279), Point(240, 270)]))
        #expect(map.maxClearance == 0)
        #expect(!map.mayFit(radius: 10))
    }
}
