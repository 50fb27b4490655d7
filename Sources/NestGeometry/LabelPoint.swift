/// The point of a polygon farthest from its boundary (its pole of inaccessibility),
/// found by a grid search refined around the best cell; used to place labels and,
/// later, as the centre of the largest inscribed circle.
extension Polygon {
    /// The distance from `p` to the nearest edge of any ring, negative outside the polygon.
    public func signedDistance(to p: Point) -> Double {
        var best = Double.infinity
        for ring in [exterior] + holes {
            let pts = ring.points
            var a = pts[pts.count - 1]
            for b in pts {
                best = min(best, segmentDistance(p, a, b))
                a = b
            }
        }
        return contains(p) ? best : -best
    }

    /// An interior point far from every edge and its distance to the boundary. Precise to
    /// about 1% of the polygon's size; deterministic.
    public func poleOfInaccessibility(gridSize: Int = 16, refinements: Int = 4) -> (point: Point, radius: Double) {
        var box = bounds
        var best = (point: box.center, radius: signedDistance(to: box.center))
        for _ in 0...refinements {
            let dx = box.width / Double(gridSize), dy = box.height / Double(gridSize)
            for i in 0...gridSize {
                for j in 0...gridSize {
                    let p = Point(box.minX + Double(i) * dx, box.minY + Double(j) * dy)
                    let d = signedDistance(to: p)
                    if d > best.radius { best = (p, d) }
                }
            }
            box = Rect(minX: best.point.x - 2 * dx, minY: best.point.y - 2 * dy,
                       maxX: best.point.x + 2 * dx, maxY: best.point.y + 2 * dy)
        }
        return best
    }
}

/// Distance from `p` to the segment `a`–`b`.
@inline(__always)
public func segmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
    let ab = b - a
    let len2 = Point.dot(ab, ab)
    var t = len2 > 0 ? Point.dot(p - a, ab) / len2 : 0
    t = min(1, max(0, t))
    return p.distance(to: a + ab * t)
}

extension Polygon {
    /// Length of the chord through `p` along `direction`: from `p` to the nearest boundary
    /// crossing on each side (rings' edges, holes included). `p` should be inside.
    public func chordLength(through p: Point, direction: Point) -> Double {
        let len = direction.length
        guard len > 0 else { return 0 }
        let d = direction * (1 / len)
        var forward = Double.infinity, backward = Double.infinity
        for ring in [exterior] + holes {
            let pts = ring.points
            var a = pts[pts.count - 1]
            for b in pts {
                // Solve p + t·d = a + s·(b − a), s in [0, 1].
                let e = b - a
                let denom = Point.cross(d, e)
                if abs(denom) > 1e-12 {
                    let w = a - p
                    let t = Point.cross(w, e) / denom
                    let s = Point.cross(w, d) / denom
                    if s >= 0, s <= 1 {
                        if t >= 0 { forward = min(forward, t) } else { backward = min(backward, -t) }
                    }
                }
                a = b
            }
        }
        guard forward.isFinite, backward.isFinite else { return 0 }
        return forward + backward
    }
}
