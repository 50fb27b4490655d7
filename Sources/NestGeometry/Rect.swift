/// An axis-aligned rectangle, closed on all sides. `minX <= maxX` and `minY <= maxY`
/// for every rectangle made from at least one point; `Rect.empty` contains nothing.
public struct Rect: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    @inlinable public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The rectangle that contains nothing; the identity of `union`.
    public static let empty = Rect(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    /// The smallest rectangle containing every point (`.empty` for none).
    @inlinable public init<S: Sequence>(enclosing points: S) where S.Element == Point {
        var r = Rect.empty
        for p in points {
            if p.x < r.minX { r.minX = p.x }
            if p.x > r.maxX { r.maxX = p.x }
            if p.y < r.minY { r.minY = p.y }
            if p.y > r.maxY { r.maxY = p.y }
        }
        self = r
    }

    @inlinable public var isEmpty: Bool { minX > maxX || minY > maxY }
    @inlinable public var width: Double { isEmpty ? 0 : maxX - minX }
    @inlinable public var height: Double { isEmpty ? 0 : maxY - minY }
    @inlinable public var center: Point { Point((minX + maxX) / 2, (minY + maxY) / 2) }

    /// True when the closed rectangles share at least one point.
    @inlinable public func intersects(_ o: Rect) -> Bool {
        minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY
    }

    /// True when `o` lies within this rectangle (boundaries may touch).
    @inlinable public func contains(_ o: Rect) -> Bool {
        o.minX >= minX && o.maxX <= maxX && o.minY >= minY && o.maxY <= maxY
    }

    /// True when `o` lies within this rectangle grown by `slack` on every side.
    @inlinable public func contains(_ o: Rect, slack: Double) -> Bool {
        o.minX >= minX - slack && o.maxX <= maxX + slack && o.minY >= minY - slack && o.maxY <= maxY + slack
    }

    @inlinable public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    @inlinable public func union(_ o: Rect) -> Rect {
        Rect(minX: Swift.min(minX, o.minX), minY: Swift.min(minY, o.minY),
             maxX: Swift.max(maxX, o.maxX), maxY: Swift.max(maxY, o.maxY))
    }

    /// This rectangle grown by `d` on every side (shrunk for negative `d`).
    @inlinable public func insetBy(_ d: Double) -> Rect {
        Rect(minX: minX + d, minY: minY + d, maxX: maxX - d, maxY: maxY - d)
    }

    @inlinable public func offsetBy(_ v: Point) -> Rect {
        Rect(minX: minX + v.x, minY: minY + v.y, maxX: maxX + v.x, maxY: maxY + v.y)
    }
}
