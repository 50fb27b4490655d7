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

/// True when polygon `a` placed at `offsetA` and polygon `b` placed at `offsetB` share any
/// point (edges touching included). Exact up to floating-point rounding of the predicates.
public func polygonsCollide(_ a: CollisionPolygon, at offsetA: Point, _ b: CollisionPolygon, at offsetB: Point) -> Bool {
    let boxA = a.bounds.offsetBy(offsetA), boxB = b.bounds.offsetBy(offsetB)
    guard boxA.intersects(boxB) else { return false }
    if circlesOverlap(a.circles, offsetA, b.circles, offsetB) { return true }
    // Any shared point of two edges lies in both boxes: only edges that reach the overlap
    // of the boxes can cross. Collect them once (O(na + nb)) instead of testing na × nb pairs.
    let overlap = Rect(minX: max(boxA.minX, boxB.minX), minY: max(boxA.minY, boxB.minY),
                       maxX: min(boxA.maxX, boxB.maxX), maxY: min(boxA.maxY, boxB.maxY))
    let pa = a.points, pb = b.points
    if edgesCross(pa, offsetA, pb, offsetB, within: overlap) { return true }
    // No edges cross: either disjoint or one inside the other.
    if boxB.contains(pa[0] + offsetA), Ring.evenOddContains(pb, offset: offsetB, pa[0] + offsetA) { return true }
    if boxA.contains(pb[0] + offsetB), Ring.evenOddContains(pa, offset: offsetA, pb[0] + offsetB) { return true }
    return false
}

/// True when a circle inside `a` and a circle inside `b` overlap by more than the
/// engine's tolerance band (1e-6 mm): then the polygons share interior points, which the
/// exact test would find too. A quick answer for deep overlaps, never a different one.
@inline(__always)
func circlesOverlap(_ a: [Circle], _ oa: Point, _ b: [Circle], _ ob: Point) -> Bool {
    for ca in a {
        let pa = ca.center + oa
        for cb in b {
            let reach = ca.radius + cb.radius - 1e-6
            guard reach > 0 else { continue }
            let d = pa - (cb.center + ob)
            if d.x * d.x + d.y * d.y < reach * reach { return true }
        }
    }
    return false
}

/// Up to this many edges of `b` near the overlap are kept on the stack; more fall back
/// to scanning `b` for each edge of `a`.
private let nearEdgeCapacity = 64

/// True when an edge of ring `pa` (at `oa`) meets an edge of ring `pb` (at `ob`); only edges
/// whose boxes reach `overlap` are tested, which gives the same answer as testing all pairs.
@inline(__always)
func edgesCross(_ pa: [Point], _ oa: Point, _ pb: [Point], _ ob: Point, within overlap: Rect) -> Bool {
    let na = pa.count, nb = pb.count
    return withUnsafeTemporaryAllocation(of: (Point, Point).self, capacity: nearEdgeCapacity) { near in
        // Edges of `b` that reach the overlap, up to the buffer's capacity.
        var count = 0
        var overflow = false
        var b1 = pb[nb - 1] + ob
        for j in 0..<nb {
            let b2 = pb[j] + ob
            if !(max(b1.x, b2.x) < overlap.minX || min(b1.x, b2.x) > overlap.maxX
                || max(b1.y, b2.y) < overlap.minY || min(b1.y, b2.y) > overlap.maxY) {
                if count == nearEdgeCapacity {
                    overflow = true
                    break
                }
                near[count] = (b1, b2)
                count += 1
            }
            b1 = b2
        }
        if count == 0 && !overflow { return false }
        var a1 = pa[na - 1] + oa
        for i in 0..<na {
            let a2 = pa[i] + oa
            let exMinX = min(a1.x, a2.x), exMaxX = max(a1.x, a2.x)
            let exMinY = min(a1.y, a2.y), exMaxY = max(a1.y, a2.y)
            if !(exMaxX < overlap.minX || exMinX > overlap.maxX || exMaxY < overlap.minY || exMinY > overlap.maxY) {
                if overflow {
                    var q1 = pb[nb - 1] + ob
                    for j in 0..<nb {
                        let q2 = pb[j] + ob
                        if !(max(q1.x, q2.x) < exMinX || min(q1.x, q2.x) > exMaxX
                            || max(q1.y, q2.y) < exMinY || min(q1.y, q2.y) > exMaxY),
                            segmentsIntersect(a1, a2, q1, q2) {
                            return true
                        }
                        q1 = q2
                    }
                } else {
                    for k in 0..<count {
                        let (q1, q2) = near[k]
                        if !(max(q1.x, q2.x) < exMinX || min(q1.x, q2.x) > exMaxX
                            || max(q1.y, q2.y) < exMinY || min(q1.y, q2.y) > exMaxY),
                            segmentsIntersect(a1, a2, q1, q2) {
                            return true
                        }
                    }
                }
            }
            a1 = a2
        }
        return false
    }
}
