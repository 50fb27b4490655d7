import NestGeometry

/// The one raster of a free region: on one grid (cells of `cell` from the region's box, with a
/// border around it), which
/// cell centres lie inside the region, how deep inside each lies and how far outside. Built
/// once per region; everything raster-based reads it — the clearance map that blocks placed
/// parts out of it (which starts from `depth`, with no transform of its own), and the
/// optimizers' container penalty (`sureDepth`, `outsideDistance`).
///
/// Guarantees: `depth` and `outside` are the engine's one chamfer transform over the one
/// scanline fill (`FreeRegion.insideMask`); `sureDepth(p)` never exceeds the true distance
/// from `p` to the region's boundary, so a body within that distance of `p` lies inside the
/// region (tested against the exact `FreeRegion.contains`). It never decides feasibility.
public struct FreeSpaceRaster: Sendable {
    public let region: FreeRegion
    public let grid: RasterGrid
    /// true where the cell centre lies in the region.
    public let inside: [Bool]
    /// The depth transform's start values: for an inside cell its distance to the raster's
    /// border (the border counts as outside); computed, not stored.
    public let depthStart: BoxDistanceStart
    /// Chamfer distance (mm) from each inside cell centre to the nearest outside one or to
    /// the raster's border; 0 outside.
    public let depth: [Double]
    /// The largest depth (0 when no cell is inside).
    public let maxDepth: Double
    /// Chamfer distance (mm) from each outside cell centre to the nearest inside one; 0 inside.
    private let outside: [Float]
    /// Chamfer distance (mm) from each cell centre to the nearest cell that an edge of the
    /// region runs through or whose centre lies outside: what `sureDepth` reads. Unlike
    /// `depth` it sees a hole or a notch that no cell centre falls in (a scanned hide's
    /// pinhole grown by the margin, smaller than a cell, between the centres): `depth` alone
    /// once let a part over such a pinhole pass as deep inside.
    private let boundaryDepth: [Float]

    /// The raster of `region` in cells of `cell`, with a border of a tenth of the region's
    /// longer side around it, at most a quarter of its shorter side (where `outsideDistance`
    /// is exact rather than extrapolated). The cap keeps a long roll's raster a band: a
    /// tenth of 200 m on each side of a 1.4 m roll made it 30 times the cells it covers.
    public init(region: FreeRegion, cell: Double) {
        self.region = region
        let b = region.bounds
        let border = min(0.1 * max(b.width, b.height), 0.25 * min(b.width, b.height))
        let pad = b.isEmpty ? 0 : Int((border / cell).rounded(.up))
        // An empty region (a grade the stock has no leather of) gets one cell at the origin,
        // outside: a grid at infinity would give every cell index and centre as NaN.
        let grid = RasterGrid(covering: b.isEmpty ? Rect(minX: 0, minY: 0, maxX: cell, maxY: cell) : b, cell: cell, pad: pad)
        self.grid = grid
        let mask = region.insideMask(grid)
        inside = mask
        // Inside cells start from their distance to the region's box (counted as outside):
        // the border cells are outside anyway, so this only bounds the transform.
        depthStart = BoxDistanceStart(grid: grid)
        var forward = [Double](repeating: 0, count: grid.count)
        var result = forward
        ChamferDistance.update(forward: &forward, result: &result, start: depthStart, movable: mask, grid: grid,
                               fromRow: 0, toRow: grid.rows - 1)
        depth = result
        maxDepth = result.max() ?? 0
        outside = ChamferDistance.transform(mask.map { $0 ? 0 : Float.greatestFiniteMagnitude }, grid: grid)
        var seeds = mask.map { $0 ? Float.greatestFiniteMagnitude : 0 }
        Self.markEdges(of: region, in: grid) { seeds[$0] = 0 }
        boundaryDepth = ChamferDistance.transform(seeds, grid: grid)
    }

    /// Calls `mark` with every cell an edge of `region` passes through: each edge walked in
    /// steps of a sixteenth of a cell, so every point of an edge lies within 1/32 of a cell
    /// of a step's point, in a cell that is marked.
    static func markEdges(of region: FreeRegion, in grid: RasterGrid, _ mark: (Int) -> Void) {
        let step = grid.cell / 16
        func visit(_ p: Point) {
            let c = Int(grid.column(p.x).rounded(.down)), r = Int(grid.row(p.y).rounded(.down))
            guard c >= 0, r >= 0, c < grid.columns, r < grid.rows else { return }
            mark(r * grid.columns + c)
        }
        for ring in region.rings {
            var a = ring.points[ring.points.count - 1]
            for b in ring.points {
                let n = max(1, Int((a.distance(to: b) / step).rounded(.up)))
                for k in 0...n { visit(a + (b - a) * (Double(k) / Double(n))) }
                a = b
            }
        }
    }

    /// A distance that `p` surely lies inside the region by (0 when unsure): the chamfer
    /// distance from its cell to the nearest cell an edge runs through (or outside), shrunk by
    /// the chamfer's overestimate of at most 8.25 % and by 1.5 cells for the raster (`p`'s
    /// offset from its cell centre, at most 0.71 cell, and the boundary point's from the
    /// centre of the marked cell it lies in, at most 0.71 cell and 1/32 for the walk). Zero
    /// in a cell an edge runs through, or outside.
    @inline(__always)
    public func sureDepth(_ p: Point) -> Double {
        let fx = grid.column(p.x), fy = grid.row(p.y)
        guard fx >= 0, fy >= 0, fx < Double(grid.columns), fy < Double(grid.rows) else { return 0 }
        // An outside cell is a source of the transform: its 0 gives 0 here.
        return max(0, Double(boundaryDepth[Int(fy) * grid.columns + Int(fx)]) / 1.0825 - 1.5 * grid.cell)
    }

    /// Approximate distance from `p` to the region (0 inside, about a cell near the edge;
    /// beyond the raster, the way back to it added).
    @inline(__always)
    public func outsideDistance(_ p: Point) -> Double {
        let cell = grid.cell, columns = grid.columns, rows = grid.rows
        let fx = grid.column(p.x), fy = grid.row(p.y)
        let c = min(columns - 1, max(0, Int(fx))), r = min(rows - 1, max(0, Int(fy)))
        var v = Double(outside[r * columns + c])
        let ex = max(0, -fx, fx - Double(columns)) * cell, ey = max(0, -fy, fy - Double(rows)) * cell
        v += (ex * ex + ey * ey).squareRoot()
        return v
    }
}
