import NestCollision
import NestGeometry

/// The clearance of a sheet for one grade: which cells of the grade's free-space raster are
/// still free (inside the free region, not covered by a placed part) and how far each free
/// cell is from the nearest blocked one. It starts from the raster's depth (no part placed:
/// no transform of its own) and is updated row by row as parts are blocked out. It steers
/// sampling into gaps where a part's inscribed circle fits; it never decides feasibility
/// (the exact collision engine does).
struct ClearanceMap: Sendable {
    let grid: RasterGrid
    var origin: Point { grid.origin }
    var cell: Double { grid.cell }
    var columns: Int { grid.columns }
    var rows: Int { grid.rows }
    /// true where the cell centre lies in the free region and under no placed part.
    private var free: [Bool]
    /// The transform's start values (the raster's): a free cell's distance to the raster's
    /// border; blocked cells are pinned at 0 and their start values not read.
    private let start: BoxDistanceStart
    /// Chamfer distance (mm) from each cell centre to the nearest blocked cell centre.
    private(set) var clearance: [Double]
    /// The forward pass of the distance transform, kept so that blocking cells recomputes
    /// only the rows whose values change.
    private var forward: [Double]
    /// The largest clearance of any cell (0 when no cell is free).
    private(set) var maxClearance: Double

    /// The clearance of `raster`'s region with nothing placed on it.
    init(raster: FreeSpaceRaster) {
        grid = raster.grid
        free = raster.inside
        start = raster.depthStart
        // The raster's forward pass, redone rather than kept beside every raster: the same
        // operations in the same order give the same values.
        var forward = [Double](repeating: 0, count: raster.grid.count)
        ChamferDistance.forwardPass(forward: &forward, start: start, movable: raster.inside, grid: raster.grid,
                                    fromRow: 0, toRow: raster.grid.rows - 1)
        self.forward = forward
        clearance = raster.depth
        maxClearance = raster.maxDepth
    }

    func center(_ c: Int, _ r: Int) -> Point { grid.center(c, r) }

    /// Marks the cells whose centres a newly placed shape covers, and updates distances.
    mutating func block(_ shape: CollisionPolygon) {
        if let (r0, r1) = mark(shape) { recompute(fromRow: r0, toRow: r1) }
    }

    /// Blocks out many shapes at once: every covered cell is marked first and the distances
    /// are updated once over the rows marked — the same values as blocking them one by one
    /// (each update ends where a full pass would), at the cost of one update.
    mutating func block(_ shapes: [CollisionPolygon]) {
        var first = Int.max, last = Int.min
        for shape in shapes {
            guard let (r0, r1) = mark(shape) else { continue }
            first = min(first, r0)
            last = max(last, r1)
        }
        if first <= last { recompute(fromRow: first, toRow: last) }
    }

    /// Marks the free cells whose centres `shape` covers as blocked; the rows it looked at
    /// when any changed.
    ///
    /// Row by row: the even-odd test of `Ring.contains` at a cell centre counts the ring's
    /// crossings of the centre's row to its right, so the crossings of each row are found
    /// once (with that test's formula, hence the same cells) and the row's centres read off.
    private mutating func mark(_ shape: CollisionPolygon) -> (Int, Int)? {
        let b = shape.bounds
        let pad = grid.pad
        let c0 = max(0, Int(((b.minX - origin.x) / cell).rounded(.down)) + pad)
        let c1 = min(columns - 1, Int(((b.maxX - origin.x) / cell).rounded(.down)) + pad)
        let r0 = max(0, Int(((b.minY - origin.y) / cell).rounded(.down)) + pad)
        let r1 = min(rows - 1, Int(((b.maxY - origin.y) / cell).rounded(.down)) + pad)
        let points = shape.points
        guard c0 <= c1, r0 <= r1, points.count >= 3 else { return nil }
        var changed = false
        var crossings: [Double] = []
        for r in r0...r1 {
            let y = center(c0, r).y
            crossings.removeAll(keepingCapacity: true)
            var previous = points[points.count - 1]
            for current in points {
                if (current.y > y) != (previous.y > y) {
                    crossings.append(current.x + (y - current.y) / (previous.y - current.y) * (previous.x - current.x))
                }
                previous = current
            }
            guard !crossings.isEmpty else { continue }
            crossings.sort()
            // Inside: an odd number of crossings lie right of the centre (x < crossing).
            var left = 0
            for c in c0...c1 {
                let x = center(c, r).x
                while left < crossings.count, crossings[left] <= x { left += 1 }
                if (crossings.count - left) % 2 == 1, free[r * columns + c] {
                    free[r * columns + c] = false
                    changed = true
                }
            }
        }
        return changed ? (r0, r1) : nil
    }

    /// Recomputes every cell (the reference the partial updates must equal; for tests).
    mutating func recomputeAll() {
        recompute(fromRow: 0, toRow: rows - 1)
    }

    /// The chamfer transform over rows `first...last` and as far beyond as values change.
    private mutating func recompute(fromRow first: Int, toRow last: Int) {
        ChamferDistance.update(forward: &forward, result: &clearance, start: start, movable: free, grid: grid,
                               fromRow: first, toRow: last)
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

    /// The clearance of the cell under `p` (0 outside the grid).
    @inline(__always)
    func clearance(at p: Point) -> Double {
        let c = grid.column(p.x), r = grid.row(p.y)
        guard c >= 0, r >= 0, c < Double(columns), r < Double(rows) else { return 0 }
        return clearance[Int(r) * columns + Int(c)]
    }

    /// False only when no shape whose inscribed circle has `radius` can lie on the free
    /// cells: the circle's centre lies within 0.71 cell of some cell centre, and no blocked
    /// centre lies inside the circle, so that cell's clearance (a path length, never less
    /// than the straight distance) is at least `radius - 0.71 cell`.
    func mayFit(radius: Double) -> Bool {
        maxClearance >= radius - 0.75 * cell
    }

    /// A random point in a cell drawn from `cells` (indices from `cells(withClearance:)`):
    /// the aimed draws of the first nest's search.
    func draw(from cells: [Int32], rng: inout SeededGenerator) -> Point {
        let i = Int(cells[Int(rng.next() % UInt64(cells.count))])
        let c = i % columns, r = i / columns
        let u = rng.nextUnit()
        return grid.point(c, r, u, rng.nextUnit())
    }
}
