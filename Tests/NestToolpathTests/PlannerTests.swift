import Foundation
import NestGeometry
import NestModel
import Testing
@testable import NestToolpath

struct PlannerTests {
    @Test func everyContourIsCutOnceAndClosed() throws {
        let sheet = gridSheet(columns: 5, rows: 4, seed: 5)
        let t = try ToolpathPlanner(profile: MachineProfile()).plan(sheet)
        #expect(t.passes.count == 40 && t.knifeLifts == 40)
        #expect(Set(t.passes.map(\.contour)).count == 40)
        for p in t.passes { #expect(p.closesContour && p.path.first == p.path.last) }
        #expect(t.placementOrder.count == 20 && Set(t.placementOrder).count == 20)
        let perimeters = t.contours.reduce(0) { $0 + $1.perimeter }
        #expect(abs(t.cutLength - perimeters) < 1e-6)
        #expect(t.estimatedSeconds > t.cutLength / MachineProfile().cutSpeed)
    }

    @Test func leadsStayOnScrapAndCrossNothing() throws {
        var profile = MachineProfile()
        profile.leadIn = 4
        profile.leadOut = 2
        let sheet = gridSheet(columns: 3, rows: 3, seed: 2)
        let t = try ToolpathPlanner(profile: profile).plan(sheet)
        for p in t.passes {
            let c = t.contours[p.contour]
            let ring = Ring(points: c.points)
            let entry = p.path[0], exit = p.path[p.path.count - 1]
            #expect(entry != p.start && exit != p.start, "\(c.kind) \(p.path.prefix(3)) \(c.points)")
            // Outlines are entered from outside, cut-outs from inside.
            #expect(ring.contains(entry) == (c.kind == .hole), "\(c.kind) \(p.path.prefix(3)) \(c.points)")
            #expect(ring.contains(exit) == (c.kind == .hole))
        }
    }

    @Test func commonLinesAreCutOnce() throws {
        // Two 100 × 50 rectangles side by side at zero spacing share a 50 mm edge.
        func rect(_ x: Double) -> Placement {
            Placement(part: Part(id: Int(x), panel: "r", size: "1", side: .none, material: "m",
                                 shape: Polygon([Point(0, 0), Point(100, 0), Point(100, 50), Point(0, 50)]),
                                 grain: GrainRule(), minGrade: .D, orderLine: 0), transform: Transform(translation: Point(x, 0)))
        }
        let sheet = Sheet(stockName: "roll", kind: .roll, shape: Polygon([Point(0, 0), Point(200, 0), Point(200, 50), Point(0, 50)]),
                          defects: [], zones: [], length: 200, placements: [rect(0), rect(100)])
        var profile = MachineProfile()
        #expect(try abs(ToolpathPlanner(profile: profile).plan(sheet).cutLength - 600) < 1e-6)
        profile.commonLineCutting = true
        let t = try ToolpathPlanner(profile: profile).plan(sheet)
        #expect(abs(t.cutLength - 550) < 1e-6)
        #expect(t.passes.contains { !$0.closesContour })
    }

    @Test func rollsAreCutInTableWindows() throws {
        let sheet = gridSheet(columns: 10, rows: 2, seed: 9, kind: .roll)
        var profile = MachineProfile()
        profile.tableLength = 200
        let t = try ToolpathPlanner(profile: profile).plan(sheet)
        #expect(t.windows == 4)
        #expect(zip(t.passes, t.passes.dropFirst()).allSatisfy { $0.window <= $1.window })
        for p in t.passes {
            let b = t.contours[p.contour].bounds
            #expect(b.minX >= t.windowOffsets[p.window] - 1e-9 && b.maxX <= t.windowOffsets[p.window] + 200 + 1e-9)
        }
        profile.tableLength = 40
        #expect(throws: ToolpathError.self) { try ToolpathPlanner(profile: profile).plan(sheet) }
    }

    @Test func trapezoidalRuns() {
        var profile = MachineProfile()
        profile.acceleration = 1000
        let time = MotionTime(profile: profile)
        // 100 mm/s reached after 5 mm: 100 mm takes 1 s at speed plus 0.1 s of ramps.
        #expect(abs(time.run(100, speed: 100) - 1.1) < 1e-12)
        // Too short to reach the speed: accelerate half-way, brake the rest.
        #expect(abs(time.run(4, speed: 100) - 2 * (0.004).squareRoot()) < 1e-12)
        // A square stops at each corner: four runs.
        #expect(abs(time.cut(square(.zero, 50) + [Point(-50, -50)]) - 4 * time.run(100, speed: profile.cutSpeed)) < 1e-9)
    }
}

/// Perforated panels: more contours than one tour is planned over (`CutOrder.flatLimit`),
/// so parts are toured first and each part's cut-outs are cut together before its outline.
struct PerforatedSheetTests {
    /// 20 panels of 80 × 60 mm, each with a grid of 12 × 9 round perforations (108 holes):
    /// 2 180 contours.
    static func perforatedSheet() -> Sheet {
        let holes = (0..<108).map { k -> [Point] in
            let c = Point(-33 + Double(k % 12) * 6, -24 + Double(k / 12) * 6)
            return (0..<8).map { j in c + Point(cos(Double(j) * .pi / 4), sin(Double(j) * .pi / 4)) }
        }
        let shape = Polygon([Point(-40, -30), Point(40, -30), Point(40, 30), Point(-40, 30)], holes: holes)
        let placements = (0..<20).map { i in
            Placement(part: Part(id: i, panel: "vamp", size: "9", side: .none, material: "leather", shape: shape,
                                 grain: GrainRule(), minGrade: .D, orderLine: 0),
                      transform: Transform(translation: Point(Double(i % 5) * 90 + 45, Double(i / 5) * 70 + 35)))
        }
        return Sheet(stockName: "hide", kind: .hide, shape: Polygon([Point(0, 0), Point(450, 0), Point(450, 280), Point(0, 280)]),
                     defects: [], zones: [], length: 0, placements: placements)
    }

    @Test func partsAreCutWholeWithTheirCutOutsFirst() throws {
        let sheet = Self.perforatedSheet()
        let t = try ToolpathPlanner(profile: MachineProfile()).plan(sheet)
        #expect(t.contours.count == 20 * 109 && t.contours.count > CutOrder.flatLimit)
        #expect(t.passes.count == t.contours.count && Set(t.passes.map(\.contour)).count == t.contours.count, "every contour once")
        // Each part's contours are cut in one run, its outline last.
        var seen = Set<Int>()
        var current = -1
        for p in t.passes {
            let c = t.contours[p.contour]
            if c.placement != current {
                #expect(!seen.contains(c.placement), "part \(c.placement) cut in two runs")
                seen.insert(c.placement)
                current = c.placement
            }
            if c.kind == .outline { current = -1 }
        }
        for (i, p) in t.passes.enumerated() where t.contours[p.contour].kind == .hole {
            let next = t.passes[(i + 1)...].first { t.contours[$0.contour].kind == .outline }
            #expect(next.map { t.contours[$0.contour].placement } == t.contours[p.contour].placement)
        }
        #expect(t.placementOrder.count == 20 && Set(t.placementOrder).count == 20)
        // The perforations are toured, not crossed back and forth: the knife-up travel inside
        // a part is about one hole spacing (6 mm) per hole; the tour between parts adds a few
        // part widths.
        #expect(t.airLength < Double(t.contours.count) * 6 * 1.3 + 20 * 120, "air \(t.airLength) mm")
    }
}
