/// The point of a polygon farthest from its boundary (its pole of inaccessibility),
/// found by a grid search refined around the best cell; used to place labels and,
/// later, as the centre of the largest inscribed circle.
extension Polygon {
    /// The distance from `p` to the nearest edge of any ring, negative outside the polygon.
    public func signedDistance(to p: Point) -> Double {
        let d = boundaryDistance(to: p)
        return contains(p) ? d : -d
    }

    /// The distance from `p` to the nearest edge of any ring (never negative).
    public func boundaryDistance(to p: Point) -> Double {
        leastSquaredDistance(to: p).squareRoot()
    }

    /// `signedDistance(to: p)`, or nil when that is at most `floor` (≥ 0): the edges are
    /// scanned only until one lies within `floor` of `p`, and the point-in-polygon test is
    /// made only for a point farther than that from every edge. (A squared distance of at
    /// most `floor · floor`, rounded, has a square root of at most `floor`: the root of a
    /// rounded square is the number squared, and roots are monotone.)
    func signedDistance(to p: Point, ifBeyond floor: Double) -> Double? {
        let floorSquared = floor * floor
        let least = leastSquaredDistance(to: p, stoppingAtOrBelow: floorSquared)
        guard least > floorSquared else { return nil }
        let d = least.squareRoot()
        return contains(p) ? d : -d
    }

    /// The least squared distance from `p` to an edge of any ring; its square root is the
    /// least of the edges' distances (a correctly rounded square root is monotone). The
    /// scan stops at the first edge that brings it to `stop` or below, and returns that.
    private func leastSquaredDistance(to p: Point, stoppingAtOrBelow stop: Double = -.infinity) -> Double {
        var least = Double.infinity
        func scan(_ ring: Ring) -> Bool {
            ring.points.withUnsafeBufferPointer { pts in
                guard var a = pts.last else { return true }
                for b in pts {
                    least = min(least, segmentDistanceSquared(p, a, b))
                    if least <= stop { return false }
                    a = b
                }
                return true
            }
        }
        guard scan(exterior) else { return least }
        for h in holes { guard scan(h) else { return least } }
        return least
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
                    // Only a point farther from every edge than the best so far can beat it.
                    let d = best.radius >= 0 ? signedDistance(to: p, ifBeyond: best.radius) : signedDistance(to: p)
                    if let d, d > best.radius { best = (p, d) }
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
    segmentDistanceSquared(p, a, b).squareRoot()
}

/// The square of the distance from `p` to the segment `a`–`b`, as `segmentDistance`
/// computes it before its square root.
@inline(__always)
public func segmentDistanceSquared(_ p: Point, _ a: Point, _ b: Point) -> Double {
    let ab = b - a
    let len2 = Point.dot(ab, ab)
    var t = len2 > 0 ? Point.dot(p - a, ab) / len2 : 0
    t = min(1, max(0, t))
    let v = p - (a + ab * t)
    return v.x * v.x + v.y * v.y
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
