import NestGeometry

/// A simple polygon ring prepared for the native collision tests: points in a
/// contiguous array (open ring), their bounding box and, optionally, a few disjoint
/// circles inside the polygon (largest first) that let a test see a deep overlap at once.
///
/// Positions are relative: a query places the polygon at an offset without copying it.
public struct CollisionPolygon: Sendable, Hashable {
    /// The arrays, behind one reference: the hot loops copy polygons (an item's shape, a
    /// query's), and one reference costs one retain where three arrays cost three.
    @usableFromInline final class Storage: Sendable {
        @usableFromInline let points: [Point]
        @usableFromInline let circles: [Circle]
        @usableFromInline let edgeRuns: [EdgeRun]
        init(points: [Point], circles: [Circle], edgeRuns: [EdgeRun]) {
            self.points = points
            self.circles = circles
            self.edgeRuns = edgeRuns
        }
    }

    @usableFromInline let storage: Storage
    public let bounds: Rect

    @inlinable public var points: [Point] { storage.points }
    /// Circles lying inside the polygon (at most `maxCircles`); may be empty.
    @inlinable public var circles: [Circle] { storage.circles }

    /// The outline's edges in runs of `EdgeRun.width` consecutive ones: run `k` holds edges
    /// `k·width ..< (k + 1)·width`, edge `i` running from the point before
    /// `points[i]` (the last point for edge 0) to `points[i]`. Consecutive edges of an
    /// outline lie close together, so a test skips a whole run whose box is away from the
    /// other shape instead of looking at each of its edges, and compares the edges of a run
    /// it cannot skip all at once (`EdgeRun`).
    @inlinable public var edgeRuns: [EdgeRun] { storage.edgeRuns }

    /// Equal when the outlines and circles are (the box and the runs follow from them).
    public static func == (a: CollisionPolygon, b: CollisionPolygon) -> Bool {
        a.storage === b.storage || (a.points == b.points && a.circles == b.circles)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(points)
        hasher.combine(circles)
    }

    /// Circles kept per polygon for the quick test.
    public static let maxCircles = 4

    public init(_ ring: Ring, circles: [Circle] = []) {
        self.init(points: ring.points, circles: circles)
    }

    public init(points: [Point], circles: [Circle] = []) {
        bounds = Rect(enclosing: points)
        storage = Storage(points: points, circles: Array(circles.prefix(Self.maxCircles)), edgeRuns: EdgeRun.runs(of: points))
    }

    /// An equal polygon in storage of its own: no array shared with `self`, so threads
    /// reading the two never count references on the same buffers.
    public func detachedCopy() -> CollisionPolygon {
        CollisionPolygon(points: points.map { $0 }, circles: circles.map { $0 })
    }

    /// The polygon moved by `offset` (a copy, for storing placed items).
    public func translated(by offset: Point) -> CollisionPolygon {
        CollisionPolygon(points: points.map { $0 + offset },
                         circles: circles.map { Circle(center: $0.center + offset, radius: $0.radius) })
    }
}
