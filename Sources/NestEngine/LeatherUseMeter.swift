import NestGeometry
import NestModel

/// Measures with GEOS how a finished hide's leather was used, grade by grade (`GradeUse`):
/// the usable leather (the hide less its holes and critical defects) split into the grade
/// regions — a point is of the worst grade among the zones and non-critical defects on it,
/// A where there are none — and each placed part's outline intersected with each region.
struct LeatherUseMeter {
    let kernel: GeometryKernel

    func measure(_ sheet: Sheet) throws -> [GradeUse] {
        guard sheet.kind == .hide else { return [] }
        let critical = sheet.defects.filter { $0.severity == .critical }.map(\.shape)
        let usable = critical.isEmpty ? [sheet.shape] : try kernel.difference([sheet.shape], critical)
        var marks: [Grade: [Polygon]] = [:]
        for z in sheet.zones where z.grade != .A { marks[z.grade, default: []].append(z.shape) }
        for d in sheet.defects { if let g = d.severity.grade { marks[g, default: []].append(d.shape) } }
        // From the worst grade up: each region is its marks on the usable leather, less
        // the worse regions already taken; A is what is left.
        var regions: [Grade: [Polygon]] = [:]
        var taken: [Polygon] = []
        for g in Grade.allCases.reversed() {
            var region: [Polygon]
            if g == .A {
                region = taken.isEmpty ? usable : try kernel.difference(usable, taken)
            } else {
                guard let m = marks[g] else { continue }
                region = try kernel.intersection(usable, try kernel.union(m))
                if !taken.isEmpty { region = try kernel.difference(region, taken) }
            }
            guard !region.isEmpty else { continue }
            regions[g] = region
            taken = try kernel.union(taken + region)
        }
        var uses: [GradeUse] = []
        for g in Grade.allCases {
            guard let region = regions[g] else { continue }
            let area = region.reduce(0) { $0 + $1.area }
            // A sliver left where worse zones almost cover a zone (found by a random job: a B
            // zone under C and D zones, 10⁻⁵ mm² of it left by GEOS's overlay) is no leather of
            // that grade: under a square millimetre is not listed.
            guard area >= 1 else { continue }
            var needed = 0.0, better = 0.0
            for p in sheet.placements where p.part.minGrade >= g {
                let shape = p.placedShape
                let covered: Double
                if g == .A, regions.count == 1 {
                    covered = shape.area  // the whole hide is A: no intersection needed
                } else {
                    covered = try kernel.intersection([shape], region).reduce(0) { $0 + $1.area }
                }
                if p.part.minGrade == g { needed += covered } else { better += covered }
            }
            uses.append(GradeUse(grade: g, area: area, neededArea: needed, betterThanNeededArea: better))
        }
        return uses
    }
}
