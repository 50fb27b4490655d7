@testable import NestGeometry
import Foundation
import Testing

/// The distance field behind labels and collision poles: its short cuts give the values
/// of the plain computation, to the bit.
struct LabelPointTests {
    /// A deterministic stream of numbers in [0, 1).
    struct Stream {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53
        }
    }

    /// Irregular star-shaped outlines of 5 to 60 points, every third with a hole; sizes and
    /// places from millimetres to metres, away from the origin as CAD exports place them.
    static func polygons(count: Int) -> [Polygon] {
        var s = Stream(state: 7)
        return (0..<count).map { k in
            let n = 5 + Int(s.next() * 56)
            let size = [3.0, 80, 1_500][k % 3]
            let centre = Point(s.next() * 5_000 - 1_000, s.next() * 3_000)
            var outer: [Point] = [], least = Double.infinity
            for i in 0..<n {
                let r = size * (0.35 + 0.65 * s.next())
                least = min(least, r)
                let a = 2 * Double.pi * Double(i) / Double(n)
                outer.append(Point(centre.x + r * cos(a), centre.y + r * sin(a)))
            }
            guard k % 3 == 0 else { return Polygon(outer) }
            let hole = (0..<7).map { i -> Point in
                let a = -2 * Double.pi * Double(i) / 7
                return Point(centre.x + 0.3 * least * cos(a), centre.y + 0.3 * least * sin(a))
            }
            return Polygon(outer, holes: [hole])
        }
    }

    /// The plain computation: the least of every edge's distance, signed by the even-odd test.
    static func plainSignedDistance(_ polygon: Polygon, _ p: Point) -> Double {
        var best = Double.infinity
        for ring in [polygon.exterior] + polygon.holes {
            var a = ring.points[ring.points.count - 1]
            for b in ring.points {
                best = min(best, segmentDistance(p, a, b))
                a = b
            }
        }
        return polygon.contains(p) ? best : -best
    }

    /// The grid search with the plain distance at every point.
    static func plainPole(_ polygon: Polygon, gridSize: Int = 16, refinements: Int = 4) -> (point: Point, radius: Double) {
        var box = polygon.bounds
        var best = (point: box.center, radius: plainSignedDistance(polygon, box.center))
        for _ in 0...refinements {
            let dx = box.width / Double(gridSize), dy = box.height / Double(gridSize)
            for i in 0...gridSize {
                for j in 0...gridSize {
                    let p = Point(box.minX + Double(i) * dx, box.minY + Double(j) * dy)
                    let d = plainSignedDistance(polygon, p)
                    if d > best.radius { best = (p, d) }
                }
            }
            box = Rect(minX: best.point.x - 2 * dx, minY: best.point.y - 2 * dy,
                       maxX: best.point.x + 2 * dx, maxY: best.point.y + 2 * dy)
        }
        return best
    }

    @Test func signedDistanceIsThePlainOneToTheBit() {
        var s = Stream(state: 11)
        for polygon in Self.polygons(count: 30) {
            let b = polygon.bounds
            for _ in 0..<200 {
                let p = Point(b.minX - 0.2 * b.width + 1.4 * b.width * s.next(), b.minY - 0.2 * b.height + 1.4 * b.height * s.next())
                let plain = Self.plainSignedDistance(polygon, p)
                #expect(polygon.signedDistance(to: p) == plain)
                // The bounded form: nil only when the distance is within the floor, else the value.
                let floor = abs(plain) * 2 * s.next()
                if let d = polygon.signedDistance(to: p, ifBeyond: floor) {
                    #expect(d == plain)
                } else {
                    #expect(plain <= floor)
                }
            }
        }
    }

    @Test func poleOfInaccessibilityIsThePlainGridSearchToTheBit() {
        var inside = 0
        for polygon in Self.polygons(count: 30) {
            let fast = polygon.poleOfInaccessibility(), plain = Self.plainPole(polygon)
            #expect(fast.point == plain.point && fast.radius == plain.radius)
            if fast.radius > 0, polygon.contains(fast.point) { inside += 1 }
        }
        #expect(inside == 30)
    }

    /// A row's crossings answer every point of the row as the even-odd test does — at
    /// random heights and at the heights of the vertices themselves, where an edge starts
    /// or ends on the line.
    @Test func rowCrossingsAnswerAsTheEvenOddTest() {
        var s = Stream(state: 13)
        var inside = 0, outside = 0
        for polygon in Self.polygons(count: 30) {
            let b = polygon.bounds
            for ring in [polygon.exterior] + polygon.holes {
                let heights = (0..<20).map { _ in b.minY + b.height * s.next() } + ring.points.map(\.y)
                for y in heights {
                    let row = ring.crossings(atY: y)
                    let xs = (0..<40).map { _ in b.minX - 0.1 * b.width + 1.2 * b.width * s.next() } + ring.points.map(\.x)
                    for x in xs {
                        let expected = ring.contains(Point(x, y))
                        #expect(row.contains(x) == expected, "x \(x) y \(y)")
                        if expected { inside += 1 } else { outside += 1 }
                    }
                }
            }
        }
        #expect(inside > 1_000 && outside > 1_000)
    }
}
