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

    init(region: FreeRegion, cellSize: Double) {
        let b = region.bounds
        cell = cellSize
        origin = Point(b.minX, b.minY)
        columns = max(1, Int((b.width / cellSize).rounded(.up)))
        rows = max(1, Int((b.height / cellSize).rounded(.up)))
        free = region.insideMask(origin: origin, cell: cellSize, columns: columns, rows: rows)
        clearance = [Double](repeating: 0, count: columns * rows)
        recompute()
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
        for r in r0...r1 {
            for c in c0...c1 where free[r * columns + c] {
                if ring.contains(center(c, r)) { free[r * columns + c] = false }
            }
        }
        recompute()
    }

    /// Two-pass chamfer distance transform (weights 1 and √2 cells); the raster's border
    /// counts as blocked.
    private mutating func recompute() {
        let diag = cell * 2.0.squareRoot()
        let w = columns
        for r in 0..<rows {
            for c in 0..<w {
                let i = r * w + c
                guard free[i] else {
                    clearance[i] = 0
                    continue
                }
                var d = min(Double(min(c, r, w - 1 - c, rows - 1 - r) + 1) * cell, .greatestFiniteMagnitude)
                if c > 0 { d = min(d, clearance[i - 1] + cell) }
                if r > 0 {
                    d = min(d, clearance[i - w] + cell)
                    if c > 0 { d = min(d, clearance[i - w - 1] + diag) }
                    if c < w - 1 { d = min(d, clearance[i - w + 1] + diag) }
                }
                clearance[i] = d
            }
        }
        for r in stride(from: rows - 1, through: 0, by: -1) {
            for c in stride(from: w - 1, through: 0, by: -1) {
                let i = r * w + c
                guard free[i] else { continue }
                var d = clearance[i]
                if c < w - 1 { d = min(d, clearance[i + 1] + cell) }
                if r < rows - 1 {
                    d = min(d, clearance[i + w] + cell)
                    if c < w - 1 { d = min(d, clearance[i + w + 1] + diag) }
                    if c > 0 { d = min(d, clearance[i + w - 1] + diag) }
                }
                clearance[i] = d
            }
        }
    }

    /// Indices of the cells where a circle of `radius` may fit around the cell centre
    /// (with a cell of slack for the raster's coarseness).
    func cells(withClearance radius: Double) -> [Int32] {
        let need = radius - 1.5 * cell
        var out: [Int32] = []
        for (i, d) in clearance.enumerated() where d > 0 && d >= need { out.append(Int32(i)) }
        return out
    }

    /// A random point in cell `index`.
    func point(inCell index: Int32, rng: inout SeededGenerator) -> Point {
        let i = Int(index)
        let c = i % columns, r = i / columns
        return Point(origin.x + (Double(c) + rng.nextUnit()) * cell, origin.y + (Double(r) + rng.nextUnit()) * cell)
    }
}
