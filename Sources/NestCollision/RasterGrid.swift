import NestGeometry

/// A raster of square cells over a rectangle: the one cell geometry every raster of the
/// engine uses (free-space rasters, clearance maps, grade maps). Row-major: cell (c, r) at
/// index `r × columns + c`.
///
/// A grid may carry `pad` cells of border on every side: cell (c, r) then has its centre at
/// `origin + ((c − pad + ½)·cell, (r − pad + ½)·cell)`, so the cells over the rectangle lie
/// exactly where an unpadded grid puts them (the same arithmetic, bit for bit) and the
/// border reaches beyond it — a distance field that must say how far outside a point lies
/// needs it, a clearance map only sees its cells as blocked.
public struct RasterGrid: Sendable, Hashable {
    /// The lower-left corner of the first cell over the rectangle (cell (pad, pad)).
    public let origin: Point
    public let cell: Double
    public let columns: Int
    public let rows: Int
    /// Border cells on each side, before the origin and beyond the rectangle.
    public let pad: Int

    public init(origin: Point, cell: Double, columns: Int, rows: Int, pad: Int = 0) {
        self.origin = origin
        self.cell = cell
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.pad = max(0, pad)
    }

    /// Cells of `cell` from `area`'s lower-left corner, enough to cover it, and `pad` cells
    /// of border on each side.
    public init(covering area: Rect, cell: Double, pad: Int = 0) {
        self.init(origin: Point(area.minX, area.minY), cell: cell,
                  columns: Int((area.width / cell).rounded(.up)) + 2 * max(0, pad),
                  rows: Int((area.height / cell).rounded(.up)) + 2 * max(0, pad), pad: pad)
    }

    public var count: Int { columns * rows }

    @inline(__always)
    public func center(_ c: Int, _ r: Int) -> Point {
        Point(origin.x + (Double(c - pad) + 0.5) * cell, origin.y + (Double(r - pad) + 0.5) * cell)
    }

    /// The point at fractions (u, v) of cell (c, r): u = v = 0 its lower-left corner.
    @inline(__always)
    public func point(_ c: Int, _ r: Int, _ u: Double, _ v: Double) -> Point {
        Point(origin.x + (Double(c - pad) + u) * cell, origin.y + (Double(r - pad) + v) * cell)
    }

    /// The column under `x` as a fraction (the border's columns included; outside the grid
    /// when below 0 or at least `columns`).
    @inline(__always)
    public func column(_ x: Double) -> Double { (x - origin.x) / cell + Double(pad) }

    /// The row under `y` as a fraction, as `column`.
    @inline(__always)
    public func row(_ y: Double) -> Double { (y - origin.y) / cell + Double(pad) }
}

extension FreeRegion {
    /// Which cell centres of `grid` lie inside the region (even-odd over all its rings), by
    /// scanlines: O(rows × edges) instead of a point test per cell. The one scanline fill
    /// of the engine; row-major like the grid.
    public func insideMask(_ grid: RasterGrid) -> [Bool] {
        let origin = grid.origin, cell = grid.cell, columns = grid.columns, rows = grid.rows, pad = grid.pad
        var mask = [Bool](repeating: false, count: columns * rows)
        var crossings: [Double] = []
        for r in 0..<rows {
            let y = origin.y + (Double(r - pad) + 0.5) * cell
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
                let c0 = max(0, Int(((crossings[k] - origin.x) / cell - 0.5).rounded(.up)) + pad)
                let c1 = min(columns - 1, Int(((crossings[k + 1] - origin.x) / cell - 0.5).rounded(.up)) - 1 + pad)
                if c0 <= c1 { for c in c0...c1 { mask[r * columns + c] = true } }
                k += 2
            }
        }
        return mask
    }
}
