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
///
/// Computed in the frame of the shape placed further along (x, then y): the other is
/// tested at the difference of the offsets, rounded once. So the answer depends on the
/// shapes and that difference alone — the same whichever shape asks, and the same after
/// both offsets move by a shift that keeps them exact, however far along a marker (placed
/// in world coordinates, a point of the outline rounds on a grid that halves at every
/// power of two: parts in contact could meet after a shift carried them across one).
public func polygonsCollide(_ a: borrowing CollisionPolygon, at offsetA: Point, _ b: borrowing CollisionPolygon, at offsetB: Point) -> Bool {
    if offsetA.x < offsetB.x || (offsetA.x == offsetB.x && offsetA.y <= offsetB.y) {
        return polygonsCollide(a, at: offsetA - offsetB, b)
    }
    return polygonsCollide(b, at: offsetB - offsetA, a)
}

/// True when polygon `a` placed at `d` and polygon `b` where it lies share any point.
@inline(__always)
func polygonsCollide(_ a: borrowing CollisionPolygon, at d: Point, _ b: borrowing CollisionPolygon) -> Bool {
    let boxA = a.bounds.offsetBy(d), boxB = b.bounds
    guard boxA.intersects(boxB) else { return false }
    if circlesOverlap(a.circles, d, b.circles, .zero) { return true }
    // Any shared point of two edges lies in both boxes: only edges that reach the overlap
    // of the boxes can cross. Collect them once (O(na + nb)) instead of testing na × nb pairs.
    let overlap = Rect(minX: max(boxA.minX, boxB.minX), minY: max(boxA.minY, boxB.minY),
                       maxX: min(boxA.maxX, boxB.maxX), maxY: min(boxA.maxY, boxB.maxY))
    if edgesCross(a, d, b, .zero, within: overlap) { return true }
    let pa = a.points, pb = b.points
    // No edges cross: either disjoint or one inside the other.
    if boxB.contains(pa[0] + d), Ring.evenOddContains(pb, offset: .zero, pa[0] + d) { return true }
    if boxA.contains(pb[0]), Ring.evenOddContains(pa, offset: d, pb[0]) { return true }
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

/// True when an edge of `a` (at `oa`) meets an edge of `b` (at `ob`); only edges whose
/// boxes reach `overlap` can meet. Runs of edges (`CollisionPolygon.edgeRuns`) whose boxes
/// miss it, or miss each other, are skipped whole; within two runs that meet, the boxes of
/// all eight edges of one are compared with a box at once (`EdgeRun.lanes`), and only the
/// pairs of edges whose boxes meet get the exact test. The same answer as testing every
/// pair: two edges that share a point have boxes that meet, and so do their runs' boxes.
@inline(__always)
func edgesCross(_ a: borrowing CollisionPolygon, _ oa: Point, _ b: borrowing CollisionPolygon, _ ob: Point, within overlap: Rect) -> Bool {
    withUnsafeTemporaryAllocation(of: (box: Rect, run: Int).self, capacity: b.edgeRuns.count) { near in
        // Runs of `b` that reach the overlap, placed.
        var count = 0
        for (k, run) in b.edgeRuns.enumerated() {
            let placed = run.box.offsetBy(ob)
            if placed.intersects(overlap) {
                near[count] = (placed, k)
                count += 1
            }
        }
        if count == 0 { return false }
        let na = a.points.count, nb = b.points.count, width = EdgeRun.width
        return a.points.withUnsafeBufferPointer { pa in
            b.points.withUnsafeBufferPointer { pb in
                for (ka, runA) in a.edgeRuns.enumerated() {
                    guard runA.box.offsetBy(oa).intersects(overlap) else { continue }
                    for m in 0..<count where near[m].box.intersects(runA.box.offsetBy(oa)) {
                        let boxB = near[m].box
                        // Edges of `a`'s run whose boxes reach both `b`'s run and the overlap.
                        let reaching = runA.lanes(at: oa, meetingX: max(boxB.minX, overlap.minX), min(boxB.maxX, overlap.maxX),
                                                  y: max(boxB.minY, overlap.minY), min(boxB.maxY, overlap.maxY))
                        guard reaching != 0 else { continue }
                        let runB = b.edgeRuns[near[m].run]
                        var lanesA = reaching
                        while lanesA != 0 {
                            let lane = lanesA.trailingZeroBitCount
                            lanesA &= lanesA - 1
                            let met = runB.lanes(at: ob, meetingX: runA.minX[lane] + oa.x, runA.maxX[lane] + oa.x,
                                                 y: runA.minY[lane] + oa.y, runA.maxY[lane] + oa.y)
                            guard met != 0 else { continue }
                            let i = ka * width + lane
                            let a1 = pa[i == 0 ? na - 1 : i - 1] + oa, a2 = pa[i] + oa
                            var lanesB = met
                            while lanesB != 0 {
                                let j = near[m].run * width + lanesB.trailingZeroBitCount
                                lanesB &= lanesB - 1
                                if segmentsIntersect(a1, a2, pb[j == 0 ? nb - 1 : j - 1] + ob, pb[j] + ob) { return true }
                            }
                        }
                    }
                }
                return false
            }
        }
    }
}
