import NestCollision
import NestGeometry

/// How far points lie outside a free region, on a raster (distance in mm, 0 inside):
/// a smooth guide that pulls parts back into a hide. It never decides feasibility — the
/// exact `FreeRegion.contains` does — so its coarseness only costs search time.
struct RegionField: Sendable {
    let region: FreeRegion
    let grid: RasterGrid
    var origin: Point { grid.origin }
    var cell: Double { grid.cell }
    var columns: Int { grid.columns }
    var rows: Int { grid.rows }
    private let distance: [Float]
    /// For cells whose centre is inside: chamfer distance to the nearest outside centre.
    private let depth: [Float]

    init(region: FreeRegion) {
        self.region = region
        let b = region.bounds
        let size = max(b.width, b.height)
        let pad = 0.1 * size
        let cell = max(size / 256, 1e-6)
        grid = RasterGrid(origin: Point(b.minX - pad, b.minY - pad), cell: cell,
                          columns: Int(((b.width + 2 * pad) / cell).rounded(.up)),
                          rows: Int(((b.height + 2 * pad) / cell).rounded(.up)))
        let inside = region.insideMask(grid)
        // Chamfer distances: outside cells to the nearest inside one, inside cells to the
        // nearest outside one.
        distance = ChamferDistance.transform(inside.map { $0 ? 0 : Float.greatestFiniteMagnitude }, grid: grid)
        depth = ChamferDistance.transform(inside.map { $0 ? Float.greatestFiniteMagnitude : 0 }, grid: grid)
    }

    /// A distance that `p` surely lies inside the region by (0 when unsure): the chamfer
    /// depth of its cell, shrunk by the chamfer's overestimate of at most 8.25 % and by
    /// 1.5 cells for the raster (the cell centre's offset from `p` and from the boundary).
    @inline(__always)
    func sureDepth(_ p: Point) -> Double {
        let fx = (p.x - origin.x) / cell, fy = (p.y - origin.y) / cell
        guard fx >= 0, fy >= 0, fx < Double(columns), fy < Double(rows) else { return 0 }
        let v = Double(depth[Int(fy) * columns + Int(fx)])
        return max(0, v / 1.0825 - 1.5 * cell)
    }

    /// Approximate distance from `p` to the region (0 inside, about a cell near the edge).
    @inline(__always)
    func outside(_ p: Point) -> Double {
        let fx = (p.x - origin.x) / cell, fy = (p.y - origin.y) / cell
        let c = min(columns - 1, max(0, Int(fx))), r = min(rows - 1, max(0, Int(fy)))
        var v = Double(distance[r * columns + c])
        // Beyond the raster: add the way back to it.
        let ex = max(0, -fx, fx - Double(columns)) * cell, ey = max(0, -fy, fy - Double(rows)) * cell
        v += (ex * ex + ey * ey).squareRoot()
        return v
    }

    /// The container penalty of a body at `t`: zero when the region holds it exactly,
    /// else an area-like measure of how far its vertices stick out (at least a small
    /// constant, so every violation costs more than nothing).
    func penalty(_ body: CollisionPolygon, at t: Point, area: Double, diameter: Double) -> Double {
        // Deep inside, the disc around the body's box centre that holds the whole body
        // lies inside the region: no exact test needed.
        let b = body.bounds
        let radius = 0.5 * (b.width * b.width + b.height * b.height).squareRoot()
        if sureDepth(b.center + t) > radius { return 0 }
        if region.contains(body, at: t) { return 0 }
        let pts = body.points
        let edge = diameter * 3 / Double(max(pts.count, 3))
        var value = 0.0
        for p in pts {
            let d = outside(p + t)
            if d > 0 { value += (d + cell) * edge }
        }
        value = max(value, 0.01 * diameter * diameter * 0.01)
        return 2 * value.squareRoot() * area.squareRoot()
    }
}
