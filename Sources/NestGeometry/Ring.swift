/// A closed polygonal ring stored *open*: the last point is not a repeat of the first,
/// the closing edge from the last point back to the first is implied.
///
/// A ring made through `init(points:)` keeps the caller's points and orientation; use
/// `counterClockwise()` / `clockwise()` to fix the orientation. Validity (no
/// self-intersection) is checked by `GeometryKernel.validate`, not here.
public struct Ring: Hashable, Sendable {
    public var points: [Point]

    /// Makes a ring; a repeated closing point is dropped.
    public init(points: [Point]) {
        var pts = points
        if pts.count > 1, pts.first == pts.last { pts.removeLast() }
        self.points = pts
    }

    public var count: Int { points.count }

    /// Twice the signed area: positive for counter-clockwise rings (y up).
    public var doubleSignedArea: Double {
        let n = points.count
        guard n >= 3 else { return 0 }
        var s = 0.0
        var prev = points[n - 1]
        for p in points {
            s += Point.cross(prev, p)
            prev = p
        }
        return s
    }

    public var signedArea: Double { doubleSignedArea / 2 }
    public var area: Double { abs(signedArea) }
    public var isCounterClockwise: Bool { doubleSignedArea > 0 }
    public var bounds: Rect { Rect(enclosing: points) }

    /// Total length of the ring's edges, the closing edge included.
    public var perimeter: Double {
        guard points.count >= 2 else { return 0 }
        var s = 0.0
        var prev = points[points.count - 1]
        for p in points {
            s += prev.distance(to: p)
            prev = p
        }
        return s
    }

    public func counterClockwise() -> Ring { isCounterClockwise ? self : reversed() }
    public func clockwise() -> Ring { isCounterClockwise ? reversed() : self }
    public func reversed() -> Ring { Ring(points: points.reversed()) }

    public func transformed(by t: Transform) -> Ring {
        let r = Ring(points: points.map(t.apply))
        return t.mirrored ? r.reversed() : r
    }

    /// Points closed explicitly: the first point repeated at the end.
    public var closedPoints: [Point] { points.isEmpty ? [] : points + [points[0]] }

    /// Even-odd point-in-ring test; points exactly on the boundary may go either way.
    public func contains(_ p: Point) -> Bool { Ring.evenOddContains(points, offset: .zero, p) }

    /// The one point-in-ring test of the project: even-odd, of `p` against the ring of
    /// `points` moved by `offset` (so a placed shape is tested without being copied).
    /// Points exactly on the boundary may go either way.
    @inlinable @inline(__always)
    public static func evenOddContains(_ points: [Point], offset: Point, _ p: Point) -> Bool {
        let n = points.count
        guard n >= 3 else { return false }
        let q = p - offset
        var inside = false
        var previous = points[n - 1]
        for i in 0..<n {
            let current = points[i]
            if (current.y > q.y) != (previous.y > q.y) {
                let xCross = current.x + (q.y - current.y) / (previous.y - current.y) * (previous.x - current.x)
                if q.x < xCross { inside.toggle() }
            }
            previous = current
        }
        return inside
    }
}
