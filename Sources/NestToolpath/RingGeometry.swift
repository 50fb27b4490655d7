import NestGeometry

/// A point on a closed ring: on the edge from `points[edge]` to `points[edge + 1]` (the
/// closing edge for the last index), at the fraction `t` of it.
public struct RingPosition: Sendable, Hashable {
    public var edge: Int
    public var t: Double
    public var point: Point

    public init(edge: Int, t: Double, point: Point) {
        self.edge = edge
        self.t = t
        self.point = point
    }
}

/// Small exact helpers on open rings (closing edge implied) used by the sequencer.
enum RingGeometry {
    @inline(__always) static func clamp01(_ t: Double) -> Double { t < 0 ? 0 : (t > 1 ? 1 : t) }

    /// The point of segment `a`–`b` closest to `p`, as the fraction along it.
    @inline(__always) static func closestFraction(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let ab = b - a
        let len2 = Point.dot(ab, ab)
        return len2 > 0 ? clamp01(Point.dot(p - a, ab) / len2) : 0
    }

    /// Distance from `p` to the rectangle (0 inside).
    @inline(__always) static func distance(_ p: Point, _ r: Rect) -> Double {
        let dx = max(r.minX - p.x, 0, p.x - r.maxX)
        let dy = max(r.minY - p.y, 0, p.y - r.maxY)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The point of the ring nearest to `p`.
    static func nearest(on points: [Point], to p: Point) -> RingPosition {
        let n = points.count
        var best = RingPosition(edge: 0, t: 0, point: points[0])
        var bestD = Double.infinity
        for i in 0..<n {
            let a = points[i], b = points[i + 1 == n ? 0 : i + 1]
            let t = closestFraction(p, a, b)
            let q = a + (b - a) * t
            let d = (q - p).length
            if d < bestD {
                bestD = d
                best = RingPosition(edge: i, t: t, point: q)
            }
        }
        return best
    }

    /// The point `s` of the ring that minimises |p − s| + |s − q|: where the tool should
    /// enter a contour it reaches from `p` and leaves towards `q` (it starts and ends a
    /// closed contour at the same point). Exact per edge: the sum is convex along an edge
    /// and its minimum is where the line from `p` to `q` (or to `q` mirrored in the edge's
    /// line, when both lie on one side) meets the edge, clamped to the edge.
    static func bestStart(on points: [Point], from p: Point, to q: Point) -> RingPosition {
        let n = points.count
        var best = RingPosition(edge: 0, t: 0, point: points[0])
        var bestCost = Double.infinity
        for i in 0..<n {
            let a = points[i], b = points[i + 1 == n ? 0 : i + 1]
            let ab = b - a
            let len2 = Point.dot(ab, ab)
            var t = 0.0
            if len2 > 0 {
                // Lower bound: the segment's distance to p plus its distance to q.
                let sp = p - (a + ab * closestFraction(p, a, b))
                let sq = q - (a + ab * closestFraction(q, a, b))
                if sp.length + sq.length >= bestCost { continue }
                let sideP = Point.cross(ab, p - a), sideQ = Point.cross(ab, q - a)
                var target = q
                if (sideP > 0) == (sideQ > 0), sideQ != 0 {
                    // Mirror q in the edge's line.
                    let foot = a + ab * (Point.dot(q - a, ab) / len2)
                    target = foot * 2 - q
                }
                let d = target - p
                let denom = Point.cross(ab, d)
                if abs(denom) > 1e-12 {
                    // p + d·u lies on a + ab·t: solve for t.
                    t = clamp01(Point.cross(p - a, d) / denom)
                } else {
                    t = closestFraction(p, a, b)
                }
            }
            let s = a + ab * t
            let cost = (s - p).length + (q - s).length
            if cost < bestCost {
                bestCost = cost
                best = RingPosition(edge: i, t: t, point: s)
            }
        }
        return best
    }

    /// The ring walked once from `start` back to it: `start`, the vertices after it, then
    /// `start` again (a vertex equal to `start` is not repeated).
    static func walk(_ points: [Point], from start: RingPosition) -> [Point] {
        let n = points.count
        var out = [start.point]
        for k in 1...n {
            let v = points[(start.edge + k) % n]
            if v != out[out.count - 1] && !(k == n && v == start.point) { out.append(v) }
        }
        out.append(start.point)
        return out
    }
}
