import NestGeometry

/// A simple polygon ring prepared for the native collision tests: points in a
/// contiguous array (open ring), their bounding box and, optionally, a few disjoint
/// circles inside the polygon (largest first) that let a test see a deep overlap at once.
///
/// Positions are relative: a query places the polygon at an offset without copying it.
public struct CollisionPolygon: Sendable, Hashable {
    public let points: [Point]
    public let bounds: Rect
    /// Circles lying inside the polygon (at most `maxCircles`); may be empty.
    public let circles: [Circle]

    /// Circles kept per polygon for the quick test.
    public static let maxCircles = 4

    public init(_ ring: Ring, circles: [Circle] = []) {
        points = ring.points
        bounds = ring.bounds
        self.circles = Array(circles.prefix(Self.maxCircles))
    }

    public init(points: [Point], circles: [Circle] = []) {
        self.points = points
        bounds = Rect(enclosing: points)
        self.circles = Array(circles.prefix(Self.maxCircles))
    }

    /// The polygon moved by `offset` (a copy, for storing placed items).
    public func translated(by offset: Point) -> CollisionPolygon {
        CollisionPolygon(points: points.map { $0 + offset },
                         circles: circles.map { Circle(center: $0.center + offset, radius: $0.radius) })
    }
}
