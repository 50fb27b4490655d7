import NestGeometry

/// A simple polygon ring prepared for the native collision tests: points in a
/// contiguous array (open ring) and their bounding box.
///
/// Positions are relative: a query places the polygon at an offset without copying it.
public struct CollisionPolygon: Sendable, Hashable {
    public let points: [Point]
    public let bounds: Rect

    public init(_ ring: Ring) {
        points = ring.points
        bounds = ring.bounds
    }

    public init(points: [Point]) {
        self.points = points
        bounds = Rect(enclosing: points)
    }

    /// The polygon moved by `offset` (a copy, for storing placed items).
    public func translated(by offset: Point) -> CollisionPolygon {
        CollisionPolygon(points: points.map { $0 + offset })
    }
}
