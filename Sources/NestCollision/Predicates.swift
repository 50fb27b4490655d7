import NestGeometry

/// Orientation of `c` relative to the directed line `a → b`: > 0 left, < 0 right, 0 on it.
@inline(__always) @usableFromInline
func orientation(_ a: Point, _ b: Point, _ c: Point) -> Double {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

@inline(__always) @usableFromInline
func onSegmentBox(_ a: Point, _ b: Point, _ p: Point) -> Bool {
    p.x >= min(a.x, b.x) && p.x <= max(a.x, b.x) && p.y >= min(a.y, b.y) && p.y <= max(a.y, b.y)
}

/// True when the closed segments `a1a2` and `b1b2` share a point. Touching and collinear
/// overlap count as intersecting: the engine is conservative at contact.
@inline(__always) @usableFromInline
func segmentsIntersect(_ a1: Point, _ a2: Point, _ b1: Point, _ b2: Point) -> Bool {
    let d1 = orientation(b1, b2, a1)
    let d2 = orientation(b1, b2, a2)
    let d3 = orientation(a1, a2, b1)
    let d4 = orientation(a1, a2, b2)
    if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
    if d1 == 0 && onSegmentBox(b1, b2, a1) { return true }
    if d2 == 0 && onSegmentBox(b1, b2, a2) { return true }
    if d3 == 0 && onSegmentBox(a1, a2, b1) { return true }
    if d4 == 0 && onSegmentBox(a1, a2, b2) { return true }
    return false
}

/// Even-odd test of `p` against a ring placed at `offset`.
@inline(__always) @usableFromInline
func ringContains(_ pts: [Point], offset: Point, _ p: Point) -> Bool {
    let n = pts.count
    guard n >= 3 else { return false }
    let q = p - offset
    var inside = false
    var prev = pts[n - 1]
    for i in 0..<n {
        let cur = pts[i]
        if (cur.y > q.y) != (prev.y > q.y) {
            let xCross = cur.x + (q.y - cur.y) / (prev.y - cur.y) * (prev.x - cur.x)
            if q.x < xCross { inside.toggle() }
        }
        prev = cur
    }
    return inside
}

/// True when polygon `a` placed at `offsetA` and polygon `b` placed at `offsetB` share any
/// point (edges touching included). Exact up to floating-point rounding of the predicates.
public func polygonsCollide(_ a: CollisionPolygon, at offsetA: Point, _ b: CollisionPolygon, at offsetB: Point) -> Bool {
    let boxA = a.bounds.offsetBy(offsetA), boxB = b.bounds.offsetBy(offsetB)
    guard boxA.intersects(boxB) else { return false }
    let pa = a.points, pb = b.points
    let na = pa.count, nb = pb.count
    var a1 = pa[na - 1] + offsetA
    for i in 0..<na {
        let a2 = pa[i] + offsetA
        // Skip edges of `a` that cannot reach `b`'s box.
        if !(max(a1.x, a2.x) < boxB.minX || min(a1.x, a2.x) > boxB.maxX
            || max(a1.y, a2.y) < boxB.minY || min(a1.y, a2.y) > boxB.maxY) {
            let exMinX = min(a1.x, a2.x), exMaxX = max(a1.x, a2.x)
            let exMinY = min(a1.y, a2.y), exMaxY = max(a1.y, a2.y)
            var b1 = pb[nb - 1] + offsetB
            for j in 0..<nb {
                let b2 = pb[j] + offsetB
                if !(max(b1.x, b2.x) < exMinX || min(b1.x, b2.x) > exMaxX
                    || max(b1.y, b2.y) < exMinY || min(b1.y, b2.y) > exMaxY),
                    segmentsIntersect(a1, a2, b1, b2) {
                    return true
                }
                b1 = b2
            }
        }
        a1 = a2
    }
    // No edges cross: either disjoint or one inside the other.
    if boxB.contains(pa[0] + offsetA), ringContains(pb, offset: offsetB, pa[0] + offsetA) { return true }
    if boxA.contains(pb[0] + offsetB), ringContains(pa, offset: offsetA, pb[0] + offsetB) { return true }
    return false
}
