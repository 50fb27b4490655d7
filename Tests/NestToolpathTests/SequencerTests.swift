import NestGeometry
import NestModel
import Foundation
import Testing
@testable import NestToolpath

/// A deterministic generator for test layouts (splitmix64).
struct TestRandom {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}

func square(_ c: Point, _ r: Double) -> [Point] {
    [c + Point(-r, -r), c + Point(r, -r), c + Point(r, r), c + Point(-r, r)]
}

/// A sheet of squares on a shuffled grid, each with a small square cut-out.
func gridSheet(columns: Int, rows: Int, seed: UInt64, kind: SheetKind = .hide) -> Sheet {
    var random = TestRandom(state: seed)
    var cells = (0..<(columns * rows)).map { $0 }
    for i in stride(from: cells.count - 1, to: 0, by: -1) { cells.swapAt(i, Int(random.next() * Double(i + 1))) }
    let placements = cells.enumerated().map { id, cell in
        let c = Point(Double(cell % columns) * 60 + 30, Double(cell / columns) * 60 + 30)
        let shape = Polygon(square(.zero, 25), holes: [square(Point(8, 8), 3)])
        return Placement(part: Part(id: id, panel: "p", size: "9", side: .none, material: "m", shape: shape,
                                    grain: GrainRule(), minGrade: .D, orderLine: 0),
                         transform: Transform(translation: c))
    }
    let w = Double(columns) * 60, h = Double(rows) * 60
    return Sheet(stockName: "s", kind: kind, shape: Polygon([Point(0, 0), Point(w, 0), Point(w, h), Point(0, h)]),
                 defects: [], zones: [], length: kind == .roll ? w : 0, placements: placements)
}

struct SequencerTests {
    @Test func optimizedBeatsNearestNeighbourAndReportOrderAndKeepsPrecedence() {
        let sheet = gridSheet(columns: 10, rows: 6, seed: 3)
        let contours = CutContour.contours(of: sheet, profile: MachineProfile())
        let preds = CutContour.predecessors(of: contours)
        let sequencer = CutSequencer(rings: contours.map(\.points), predecessors: preds)
        let origin = Point.zero
        var here = origin, reportOrder = 0.0
        for c in contours {
            reportOrder += here.distance(to: c.points[0])
            here = c.points[0]
        }
        reportOrder += here.distance(to: origin)
        let nn = sequencer.solve(from: origin, to: origin, effort: .nearestNeighbour)
        let opt = sequencer.solve(from: origin, to: origin)
        #expect(opt.travel < nn.travel)
        #expect(opt.travel < 0.5 * reportOrder)
        #expect(Set(opt.order) == Set(contours.indices) && opt.order.count == contours.count)
        var position = Array(repeating: 0, count: contours.count)
        for (k, c) in opt.order.enumerated() { position[c] = k }
        for (b, ps) in preds.enumerated() { for a in ps { #expect(position[a] < position[b]) } }
        // Same input, same answer.
        #expect(sequencer.solve(from: origin, to: origin).order == opt.order)
    }

    @Test func bestStartIsTheExactMinimum() {
        var random = TestRandom(state: 11)
        for _ in 0..<50 {
            let ring = (0..<7).map { k -> Point in
                let a = Double(k) / 7 * 2 * .pi
                let r = 20 + 15 * random.next()
                return Point(50 + r * cos(a), 50 + r * sin(a))
            }
            let p = Point(random.next() * 200 - 50, random.next() * 200 - 50)
            let q = Point(random.next() * 200 - 50, random.next() * 200 - 50)
            let s = RingGeometry.bestStart(on: ring, from: p, to: q).point
            let cost = p.distance(to: s) + s.distance(to: q)
            var brute = Double.infinity
            for i in ring.indices {
                let a = ring[i], b = ring[(i + 1) % ring.count]
                for k in 0...400 {
                    let x = a + (b - a) * (Double(k) / 400)
                    brute = min(brute, p.distance(to: x) + x.distance(to: q))
                }
            }
            #expect(cost <= brute + 1e-9)
        }
    }
}
