import NestCollision
import NestGeometry
import NestModel

/// The grade of the leather under every cell of a raster over one hide: A where no zone
/// lies, else the worst zone's grade, and no better than C on a minor defect or D on a
/// major one (the rules of `QualityZone` and `DefectSeverity`). It prices positions — it
/// never decides feasibility, which the free regions do exactly.
struct GradeMap: Sendable {
    let grid: RasterGrid
    /// Grade rank (0 = A … 3 = D) per cell, row-major.
    private let ranks: [UInt8]

    init(hide: Hide, cell: Double) {
        let b = hide.shape.bounds
        grid = RasterGrid(covering: b.isEmpty ? Rect(minX: 0, minY: 0, maxX: 1, maxY: 1) : b, cell: cell)
        var ranks = [UInt8](repeating: 0, count: grid.count)
        var marks: [(Grade, Polygon)] = hide.zones.map { ($0.grade, $0.shape) }
        for d in hide.defects { if let g = d.severity.grade { marks.append((g, d.shape)) } }
        for (grade, shape) in marks where grade != .A {
            let mask = FreeRegion([shape]).insideMask(grid)
            let rank = UInt8(grade.rank)
            for i in mask.indices where mask[i] && ranks[i] < rank { ranks[i] = rank }
        }
        self.ranks = ranks
    }

    /// The grade rank at `p`; points beyond the raster read the nearest border cell.
    @inline(__always)
    func rank(at p: Point) -> Int {
        let c = min(grid.columns - 1, max(0, Int((p.x - grid.origin.x) / grid.cell)))
        let r = min(grid.rows - 1, max(0, Int((p.y - grid.origin.y) / grid.cell)))
        return Int(ranks[r * grid.columns + c])
    }
}
