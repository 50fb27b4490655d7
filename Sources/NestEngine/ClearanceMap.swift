import NestCollision
import NestGeometry

/// A coarse raster of a sheet for one grade: which cells are free (inside the free region,
/// not covered by a placed part) and how far each free cell is from the nearest blocked
/// one. It steers sampling into gaps where a part's inscribed circle fits; it never
/// decides feasibility (the exact collision engine does).
struct ClearanceMap {
    let origin: Point
    let cell: Double
    let columns: Int
    let rows: Int
    /// true where the cell centre lies in the free region and under no placed part.
    private var free: [Bool]
    /// Chamfer distance (mm) from each cell centre to the nearest blocked cell centre.
    private(set) var clearance: [Double]
    /// The forward pass of the distance transform, kept so that blocking cells recomputes
    /// only the rows whose values change.
    private var forward: [Double]
    /// The largest clearance of any cell (0 when no cell is free).
    private(set) var maxClearance: Double = 0

    init(region: FreeRegion, cellSize: Double) {
        let b = region.bounds
        cell = cellSize
        origin = Point(b.minX, b.minY)
        columns = max(1, Int((b.width / cellSize).rounded(.up)))
        rows = max(1, Int((b.height / cellSize).rounded(.up)))
        free = [Bool](repeating: false, count: columns * rows)
        clearance = [Double](repeating: 0, count: columns * rows)
        forward = clearance
        markInside(region.polygons)
        recompute(fromRow: 0, toRow: rows - 1)
    }

    /// Sets `free` for the cell centres inside any of `polygons`, one scanline per row:
    /// the same crossings and comparisons as `Polygon.contains` per centre (so the same
    /// answers), in O(rows × edges + cells) instead of O(cells × edges).
    private mutating func markInside(_ polygons: [Polygon]) {
        var crossings: [[Double]] = []
        for r in 0..<rows {
            let y = origin.y + (Double(r) + 0.5) * cell
            for polygon in polygons {
                crossings.removeAll(keepingCapacity: true)
                for ring in [polygon.exterior] + polygon.holes {
                    var xs: [Double] = []
                    let pts = ring.points
                    let n = pts.count
                    if n >= 3 {
                        var j = n - 1
                        for i in 0..<n {
                            let a = pts[i], b = pts[j]
                            if (a.y > y) != (b.y > y) { xs.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x)) }
                            j = i
                        }
                    }
                    xs.sort()
                    crossings.append(xs)
                }
                // Inside a ring: an odd number of its crossings lie right of the point.
                var next = [Int](repeating: 0, count: crossings.count)
                for c in 0..<columns where !free[r * columns + c] {
                    let x = origin.x + (Double(c) + 0.5) * cell
                    var inside = true
                    for k in crossings.indices {
                        let xs = crossings[k]
                        while next[k] < xs.count, !(x < xs[next[k]]) { next[k] += 1 }
                        let odd = (xs.count - next[k]) % 2 == 1
                        if k == 0 ? !odd : odd { inside = false }
                    }
                    if inside { free[r * columns + c] = true }
                }
            }
        }
    }

    func center(_ c: Int, _ r: Int) -> Point {
        Point(origin.x + (Double(c) + 0.5) * cell, origin.y + (Double(r) + 0.5) * cell)
    }

    /// Marks the cells whose centres a newly placed shape covers, and updates distances.
    mutating func block(_ shape: CollisionPolygon) {
        let b = shape.bounds
        let c0 = max(0, Int(((b.minX - origin.x) / cell).rounded(.down)))
        let c1 = min(columns - 1, Int(((b.maxX - origin.x) / cell).rounded(.down)))
        let r0 = max(0, Int(((b.minY - origin.y) / cell).rounded(.down)))
        let r1 = min(rows - 1, Int(((b.maxY - origin.y) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        let ring = Ring(points: shape.points)
        var changed = false
        for r in r0...r1 {
            for c in c0...c1 where free[r * columns + c] {
                if ring.contains(center(c, r)) {
                    free[r * columns + c] = false
                    changed = true
                }
            }
        }
        if changed { recompute(fromRow: r0, toRow: r1) }
    }

    /// Recomputes every cell (the reference the partial updates must equal; for tests).
    mutating func recomputeAll() {
        recompute(fromRow: 0, toRow: rows - 1)
    }

    /// Two-pass chamfer distance transform (weights 1 and √2 cells); the raster's border
    /// counts as blocked. Cells changed only in rows `first...last`: the forward pass
    /// starts at `first` and stops after a row that came out unchanged past `last`; the
    /// backward pass starts below the last row the forward pass changed and stops likewise.
    /// Every cell gets exactly the value a full pass would give (same operations, same
    /// order), since the rows skipped have unchanged inputs.
    private mutating func recompute(fromRow first: Int, toRow last: Int) {
        let diag = cell * 2.0.squareRoot()
        let w = columns
        var lastForward = last
        for r in first..<rows {
            var rowChanged = false
            for c in 0..<w {
                let i = r * w + c
                var d = 0.0
                if free[i] {
                    d = min(Double(min(c, r, w - 1 - c, rows - 1 - r) + 1) * cell, .greatestFiniteMagnitude)
                    if c > 0 { d = min(d, forward[i - 1] + cell) }
                    if r > 0 {
                        d = min(d, forward[i - w] + cell)
                        if c > 0 { d = min(d, forward[i - w - 1] + diag) }
                        if c < w - 1 { d = min(d, forward[i - w + 1] + diag) }
                    }
                }
                if forward[i] != d {
                    forward[i] = d
                    rowChanged = true
                }
            }
            if rowChanged { lastForward = max(lastForward, r) }
            if r > last, !rowChanged { break }
        }
        for r in stride(from: lastForward, through: 0, by: -1) {
            var rowChanged = false
            for c in stride(from: w - 1, through: 0, by: -1) {
                let i = r * w + c
                var d = forward[i]
                if free[i] {
                    if c < w - 1 { d = min(d, clearance[i + 1] + cell) }
                    if r < rows - 1 {
                        d = min(d, clearance[i + w] + cell)
                        if c < w - 1 { d = min(d, clearance[i + w + 1] + diag) }
                        if c > 0 { d = min(d, clearance[i + w - 1] + diag) }
                    }
                }
                if clearance[i] != d {
                    clearance[i] = d
                    rowChanged = true
                }
            }
            if r < first, !rowChanged { break }
        }
        maxClearance = clearance.max() ?? 0
    }

    /// Indices of the cells where a circle of `radius` may fit around the cell centre
    /// (with a cell of slack for the raster's coarseness).
    func cells(withClearance radius: Double) -> [Int32] {
        guard mayFit(radius: radius) else { return [] }
        let need = radius - 1.5 * cell
        var out: [Int32] = []
        for (i, d) in clearance.enumerated() where d > 0 && d >= need { out.append(Int32(i)) }
        return out
    }

    /// False only when no shape whose inscribed circle has `radius` can lie on the free
    /// cells: the circle's centre lies within 0.71 cell of some cell centre, and no blocked
    /// centre lies inside the circle, so that cell's clearance (a path length, never less
    /// than the straight distance) is at least `radius - 0.71 cell`.
    func mayFit(radius: Double) -> Bool {
        maxClearance >= radius - 0.75 * cell
    }

    /// A random point in cell `index`.
    func point(inCell index: Int32, rng: inout SeededGenerator) -> Point {
        let i = Int(index)
        let c = i % columns, r = i / columns
        return Point(origin.x + (Double(c) + rng.nextUnit()) * cell, origin.y + (Double(r) + rng.nextUnit()) * cell)
    }
}
