import NestGeometry
import Testing

/// The banded point-in-polygon test answers as `Polygon.contains`, point for point.
struct ContainmentBandsTests {
    @Test func answersAsPolygonContains() {
        var s = LabelPointTests.Stream(state: 17)
        var inside = 0, outside = 0
        // Outlines with holes, far from the origin; a flat one (no height) and one of two points.
        let flat = Polygon([Point(0, 5), Point(10, 5), Point(20, 5)])
        let tiny = Polygon([Point(0, 0), Point(1, 1)])
        for polygon in LabelPointTests.polygons(count: 30) + [flat, tiny] {
            let bands = ContainmentBands(polygon)
            let b = polygon.bounds
            let vertices = ([polygon.exterior] + polygon.holes).flatMap(\.points)
            var points = (0..<400).map { _ in
                Point(b.minX - 0.1 * b.width + 1.2 * b.width * s.next(), b.minY - 0.1 * b.height + 1.2 * b.height * s.next())
            }
            // At the heights of the vertices (edges start or end on the point's line), and on them.
            points += vertices.map { Point(b.minX + b.width * s.next(), $0.y) } + vertices
            for p in points {
                let expected = polygon.contains(p)
                #expect(bands.contains(p) == expected, "\(p)")
                if expected { inside += 1 } else { outside += 1 }
            }
            for odd in [Point(.nan, b.minY), Point(b.minX, .nan), Point(b.minX, .infinity), Point(b.minX, -.infinity)] {
                #expect(bands.contains(odd) == polygon.contains(odd))
            }
        }
        #expect(inside > 2_000 && outside > 2_000)
    }
}
