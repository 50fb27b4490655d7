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
            if (current.y > q.y) != (previous.y > q.y), q.x < crossingX(previous, current, atY: q.y) { inside.toggle() }
            previous = current
        }
        return inside
    }

    /// Where the edge `previous → current`, which crosses the height `y` (one end above
    /// it, the other not), meets that line: the even-odd test's one crossing rule.
    @inlinable @inline(__always)
    static func crossingX(_ previous: Point, _ current: Point, atY y: Double) -> Double {
        current.x + (y - current.y) / (previous.y - current.y) * (previous.x - current.x)
    }

    /// The even-odd test for a row of points at one height: the crossings of the ring's
    /// edges with the line at `y`, sorted, so that a point (x, `y`) lies in the ring
    /// exactly when an odd number of them are greater than x — the answer
    /// `evenOddContains` gives for that point, crossing for crossing (`RowCrossings`).
    public func crossings(atY y: Double) -> RowCrossings {
        var xs: [Double] = []
        if points.count >= 3 {
            var previous = points[points.count - 1]
            for current in points {
                if (current.y > y) != (previous.y > y) { xs.append(Ring.crossingX(previous, current, atY: y)) }
                previous = current
            }
        }
        return RowCrossings(sorted: xs.sorted())
    }
}

/// The crossings of a ring's edges with one horizontal line (`Ring.crossings(atY:)`).
public struct RowCrossings: Sendable {
    let sorted: [Double]

    /// True when an odd number of the crossings lie beyond `x`: the point (x, y) is inside.
    public func contains(_ x: Double) -> Bool {
        // The first crossing greater than x, by bisection.
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if x < sorted[mid] { high = mid } else { low = mid + 1 }
        }
        return (sorted.count - low) % 2 == 1
    }
}
