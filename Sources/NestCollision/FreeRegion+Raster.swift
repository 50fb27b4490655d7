import NestGeometry

extension FreeRegion {
    /// Which cell centres of a raster lie inside the region (even-odd over all its rings),
    /// by scanlines: O(rows × edges) instead of a point test per cell.
    /// Cell (c, r) has its centre at `origin + ((c + ½)·cell, (r + ½)·cell)`; the result is
    /// row-major, `rows × columns`.
    public func insideMask(origin: Point, cell: Double, columns: Int, rows: Int) -> [Bool] {
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
