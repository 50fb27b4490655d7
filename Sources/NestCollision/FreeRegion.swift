import NestGeometry

/// The area where a part's body may lie: the stock minus holes, defects, margins and the
/// quality zones the part may not touch — made with GEOS, then indexed for native tests.
///
/// `contains(_:at:)` is true only when the polygon lies strictly inside: no edge of it
/// meets any edge of the region (touching counts as meeting) and it is on the inner side —
/// except in a region that is one axis-aligned rectangle (a roll inside its margins), where
/// the polygon may touch the sides, and pass them by `sideSlack`: there the test is on the
/// polygon's box, and a band exactly as wide as the roll inside its margins fits. A bucket
/// grid over the region's edges keeps each query local.
public struct FreeRegion: Sendable {
    public let polygons: [Polygon]
    public let bounds: Rect
    public let area: Double
    let rings: [CollisionPolygon]
    /// Region edges as (ring, index of the edge's end point) in grid buckets.
    let cellSize: Double
    let columns: Int
    let rows: Int
    let buckets: [[EdgeRef]]
    /// Summed-area table of the buckets' edge counts, `(columns + 1) × (rows + 1)`: whether
    /// a block of buckets holds any edge, in four reads.
    let edgeCounts: [Int32]
    /// Edges of all the rings.
    let edgeCount: Int
    /// The region is one axis-aligned rectangle (its `bounds`, no holes), tested on boxes.
    public let isRectangle: Bool

    /// How far (mm) a shape's box may pass a side of a rectangular region and still lie in
    /// it: the rounding of an exact fit. A shape exactly as wide as the region has one
    /// position across it, and the sums that place its box there (its outline turned and
    /// moved, the range's ends) may land a few units in the last place beyond the side —
    /// some 10⁻¹³ mm at a roll's width. The sliver left outside, at most 10⁻¹² mm times the
    /// part's length, stays within the final check's 10⁻⁸ mm² for parts up to 10 m long.
    public static let sideSlack = 1e-12

    struct EdgeRef: Sendable {
        let a: Point
        let b: Point
    }

    /// `cellSize` sets the bucket size; by default it follows the mean length of the
    /// region's edges (within 1/400 and 1/16 of the region's extent), so a bucket holds a
    /// few edges whatever the units and the detail of the outline.
    public init(_ polygons: [Polygon], cellSize requested: Double? = nil) {
        self.polygons = polygons
        var rs: [CollisionPolygon] = []
        for p in polygons {
            rs.append(CollisionPolygon(p.exterior))
            for h in p.holes { rs.append(CollisionPolygon(h)) }
        }
        rings = rs
        bounds = rs.reduce(Rect.empty) { $0.union($1.bounds) }
        isRectangle = polygons.count == 1 && rs.count == 1 && Self.isAxisAlignedRectangle(rs[0].points)
        area = polygons.reduce(0) { $0 + $1.area }
        guard !bounds.isEmpty else {
            cellSize = requested ?? 1
            columns = 0
            rows = 0
            buckets = []
            edgeCounts = []
            edgeCount = 0
            return
        }
        let extent = max(bounds.width, bounds.height)
        var perimeter = 0.0, edges = 0
        for r in rs {
            var a = r.points[r.points.count - 1]
            for b in r.points {
                perimeter += a.distance(to: b)
                a = b
            }
            edges += r.points.count
        }
        edgeCount = edges
        let meanEdge = perimeter / Double(max(1, edges))
        let cs = requested ?? min(extent / 16, max(extent / 400, meanEdge))
        cellSize = cs
        columns = max(1, Int((bounds.width / cs).rounded(.up)))
        rows = max(1, Int((bounds.height / cs).rounded(.up)))
        var bk = [[EdgeRef]](repeating: [], count: columns * rows)
        for r in rs {
            let pts = r.points
            var a = pts[pts.count - 1]
            for b in pts {
                let c0 = Self.cell(min(a.x, b.x), bounds.minX, cs, columns)
                let c1 = Self.cell(max(a.x, b.x), bounds.minX, cs, columns)
                let r0 = Self.cell(min(a.y, b.y), bounds.minY, cs, rows)
                let r1 = Self.cell(max(a.y, b.y), bounds.minY, cs, rows)
                for row in r0...r1 {
                    for col in c0...c1 { bk[row * columns + col].append(EdgeRef(a: a, b: b)) }
                }
                a = b
            }
        }
        buckets = bk
        var counts = [Int32](repeating: 0, count: (columns + 1) * (rows + 1))
        for row in 0..<rows {
            for col in 0..<columns {
                counts[(row + 1) * (columns + 1) + col + 1] = Int32(bk[row * columns + col].count)
                    + counts[row * (columns + 1) + col + 1] + counts[(row + 1) * (columns + 1) + col]
                    - counts[row * (columns + 1) + col]
            }
        }
        edgeCounts = counts
    }

    /// True when any bucket in columns `c0...c1` and rows `r0...r1` holds an edge.
    @inline(__always)
    func anyEdges(columns c0: Int, _ c1: Int, rows r0: Int, _ r1: Int) -> Bool {
        let w = columns + 1
        return edgeCounts[(r1 + 1) * w + c1 + 1] - edgeCounts[r0 * w + c1 + 1] - edgeCounts[(r1 + 1) * w + c0]
            + edgeCounts[r0 * w + c0] > 0
    }

    @inline(__always)
    static func cell(_ v: Double, _ origin: Double, _ size: Double, _ count: Int) -> Int {
        min(count - 1, max(0, Int((v - origin) / size)))
    }

    /// True when `points` are the four corners of a rectangle whose edges run along x and y.
    /// True when `points` are the four corners of an axis-aligned rectangle, in order.
    public static func isAxisAlignedRectangle(_ points: [Point]) -> Bool {
        guard points.count == 4 else { return false }
        for k in 0..<4 {
            let a = points[k], b = points[(k + 1) % 4]
            guard (a.x == b.x) != (a.y == b.y) else { return false }
        }
        return true
    }

    /// True when `shape` placed at `offset` lies inside the region, touching no boundary
    /// (in a rectangular region: inside or on its sides, to `sideSlack`).
    public func contains(_ shape: CollisionPolygon, at offset: Point) -> Bool {
        let box = shape.bounds.offsetBy(offset)
        if isRectangle { return bounds.contains(box, slack: Self.sideSlack) }
        guard columns > 0, bounds.contains(box) else { return false }
        // 1. No shape edge may meet a region edge.
        if edgesMeet(shape, at: offset) { return false }
        // 2. With no crossing, one vertex decides inside or outside for the whole shape.
        guard evenOddContains(shape.points[0] + offset) else { return false }
        // 3. No ring of the region (a hole or defect) may sit wholly inside the shape.
        return !holdsRing(shape, at: offset, box: box)
    }

    /// True when `shape` placed at `offset` shares any point with the region (touching its
    /// boundary included): the region as something to keep clear of — a defect, a hole, a
    /// zone. The exact complement of lying wholly outside it.
    public func meets(_ shape: CollisionPolygon, at offset: Point) -> Bool {
        let box = shape.bounds.offsetBy(offset)
        guard columns > 0, bounds.intersects(box) else { return false }
        if edgesMeet(shape, at: offset) { return true }
        // No edges meet: the shape lies inside the region, outside it, or holds some of it.
        if evenOddContains(shape.points[0] + offset) { return true }
        return holdsRing(shape, at: offset, box: box)
    }

    /// True when an edge of `shape` at `offset` meets an edge of the region. Each run of
    /// the shape's edges (`CollisionPolygon.edgeRuns`) looks only at the buckets its box
    /// covers, and is skipped whole when they hold no edge; each region edge found there is
    /// compared with the boxes of the run's eight edges at once (`EdgeRun.lanes`), and only
    /// the pairs whose boxes meet get the exact test. Every pair of edges whose boxes meet
    /// is found: the two boxes' bucket ranges overlap (`cell` is monotone), so the region
    /// edge lies in a bucket the run's box covers.
    private func edgesMeet(_ shape: CollisionPolygon, at offset: Point) -> Bool {
        let n = shape.points.count, width = EdgeRun.width
        return shape.points.withUnsafeBufferPointer { pts in
            for (k, run) in shape.edgeRuns.enumerated() {
                let box = run.box.offsetBy(offset)
                // An edge beyond the region's box lands in its border buckets (the cells are
                // clamped), whose edges its box then rejects.
                let c0 = Self.cell(box.minX, bounds.minX, cellSize, columns)
                let c1 = Self.cell(box.maxX, bounds.minX, cellSize, columns)
                let r0 = Self.cell(box.minY, bounds.minY, cellSize, rows)
                let r1 = Self.cell(box.maxY, bounds.minY, cellSize, rows)
                guard anyEdges(columns: c0, c1, rows: r0, r1) else { continue }
                for row in r0...r1 {
                    for col in c0...c1 {
                        for e in buckets[row * columns + col] {
                            var lanes = run.lanes(at: offset, meetingX: min(e.a.x, e.b.x), max(e.a.x, e.b.x),
                                                  y: min(e.a.y, e.b.y), max(e.a.y, e.b.y))
                            while lanes != 0 {
                                let i = k * width + lanes.trailingZeroBitCount
                                lanes &= lanes - 1
                                if segmentsIntersect(pts[i == 0 ? n - 1 : i - 1] + offset, pts[i] + offset, e.a, e.b) {
                                    return true
                                }
                            }
                        }
                    }
                }
            }
            return false
        }
    }

    /// Even-odd over all the region's rings: true when `p` lies in the region. A region of
    /// more edges than its buckets have columns (a scanned hide's outline has thousands)
    /// casts the ray along +x through `p`'s row of buckets only, counting each edge in the
    /// one bucket where it crosses the ray; a smaller one tests every edge. Both apply the
    /// same crossing rule to the same edges, so they agree (a point exactly on the boundary,
    /// which the callers never ask about, may go either way).
    private func evenOddContains(_ p: Point) -> Bool {
        if edgeCount <= columns {
            var inside = false
            for r in rings where r.bounds.contains(p) {
                if Ring.evenOddContains(r.points, offset: .zero, p) { inside.toggle() }
            }
            return inside
        }
        let row = Self.cell(p.y, bounds.minY, cellSize, rows)
        var inside = false
        for column in Self.cell(p.x, bounds.minX, cellSize, columns)..<columns {
            for e in buckets[row * columns + column] where (e.b.y > p.y) != (e.a.y > p.y) {
                let xCross = e.b.x + (p.y - e.b.y) / (e.a.y - e.b.y) * (e.a.x - e.b.x)
                // The edge is listed in every bucket its box covers: count it in the one
                // its crossing lies in (kept within the edge's extent, which rounding may
                // leave by an ulp).
                let at = min(max(xCross, min(e.a.x, e.b.x)), max(e.a.x, e.b.x))
                guard Self.cell(at, bounds.minX, cellSize, columns) == column else { continue }
                if p.x < xCross { inside.toggle() }
            }
        }
        return inside
    }

    /// True when some ring of the region lies inside `shape` at `offset` (whose box is
    /// `box`), given that no edges meet.
    private func holdsRing(_ shape: CollisionPolygon, at offset: Point, box: Rect) -> Bool {
        for r in rings where box.contains(r.bounds) {
            if Ring.evenOddContains(shape.points, offset: offset, r.points[0]) { return true }
        }
        return false
    }
}
