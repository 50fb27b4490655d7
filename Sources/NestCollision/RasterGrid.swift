import NestGeometry

/// A raster of square cells over a rectangle: the one cell geometry every raster of the
/// engine uses (clearance maps, distance fields). Cell (c, r), row-major at index
/// `r × columns + c`, has its centre at `origin + ((c + ½)·cell, (r + ½)·cell)`.
public struct RasterGrid: Sendable, Hashable {
    public let origin: Point
    public let cell: Double
    public let columns: Int
    public let rows: Int

    public init(origin: Point, cell: Double, columns: Int, rows: Int) {
        self.origin = origin
        self.cell = cell
        self.columns = max(1, columns)
        self.rows = max(1, rows)
    }

    /// Cells of `cell` from `area`'s lower-left corner, enough to cover it.
    public init(covering area: Rect, cell: Double) {
        self.init(origin: Point(area.minX, area.minY), cell: cell,
                  columns: Int((area.width / cell).rounded(.up)), rows: Int((area.height / cell).rounded(.up)))
    }

    public var count: Int { columns * rows }

    @inline(__always)
    public func center(_ c: Int, _ r: Int) -> Point {
        Point(origin.x + (Double(c) + 0.5) * cell, origin.y + (Double(r) + 0.5) * cell)
    }
}

extension FreeRegion {
    /// Which cell centres of `grid` lie inside the region (even-odd over all its rings), by
    /// scanlines: O(rows × edges) instead of a point test per cell. The one scanline fill
    /// of the engine; row-major like the grid.
    public func insideMask(_ grid: RasterGrid) -> [Bool] {
        let origin = grid.origin, cell = grid.cell, columns = grid.columns, rows = grid.rows
        var mask = [Bool](repeating: false, count: columns * rows)
        var crossings: [Double] = []
        for r in 0..<rows {
            let y = origin.y + (Double(r) + 0.5) * cell
            crossings.removeAll(keepingCapacity: true)
            for ring in rings where ring.bounds.minY <= y && ring.bounds.maxY >= y {
                let pts = ring.points
                var a = pts[pts.count - 1]
                for b in pts {
                    if (a.y > y) != (b.y > y) {
                        crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
                    }
                    a = b
                }
            }
            crossings.sort()
            var k = 0
            while k + 1 < crossings.count {
                // Cells whose centre x lies in [x0, x1).
                let c0 = max(0, Int(((crossings[k] - origin.x) / cell - 0.5).rounded(.up)))
                let c1 = min(columns - 1, Int(((crossings[k + 1] - origin.x) / cell - 0.5).rounded(.up)) - 1)
                if c0 <= c1 { for c in c0...c1 { mask[r * columns + c] = true } }
                k += 2
            }
        }
        return mask
    }
}
