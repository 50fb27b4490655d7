import NestGeometry
import NestModel

/// The final check of a nest with GEOS, independent of the native collision engine:
/// every part is a valid polygon inside its sheet's usable stock (outline minus holes and
/// defects) at least `margin` from its edges, clear of zones worse than its grade, at
/// least `spacing` from every other part, and every part of the job is accounted for once.
///
/// `problems` is empty for a feasible nest. Tolerance: `tolerance` mm (default 0.1 µm);
/// two parts without spacing may share a sliver 10⁻⁹ mm deep along their common edge.
public struct FeasibilityVerifier {
    public let spacing: Double
    public let margin: Double
    public let tolerance: Double

    public init(spacing: Double, margin: Double, tolerance: Double = 1e-4) {
        self.spacing = spacing
        self.margin = margin
        self.tolerance = tolerance
    }

    /// The overlap two parts without spacing may have (mm²): `tolerance`², plus a sliver
    /// 10⁻⁹ mm deep along the shorter outline. Parts laid edge to edge meet there to the
    /// rounding of their coordinates (some 10⁻¹¹ mm on a 30 m marker), not across it.
    func touchingAllowance(_ a: Polygon, _ b: Polygon) -> Double {
        tolerance * tolerance + 1e-9 * min(a.exterior.perimeter, b.exterior.perimeter)
    }

    public func problems(in result: NestResult, expectedParts: [Part]) throws -> [String] {
        let kernel = try GeometryKernel()
        var problems: [String] = []
        for sheet in result.sheets {
            // The usable stock differs by grade when some defects are minor or major.
            var usableByGrade: [Grade: ([Polygon], PreparedRegion, PreparedBoundary)] = [:]
            func usableFor(_ grade: Grade) throws -> ([Polygon], PreparedRegion, PreparedBoundary) {
                if let u = usableByGrade[grade] { return u }
                let usable = try kernel.difference([sheet.shape], sheet.defects.filter { $0.blocks(minimum: grade) }.map(\.shape))
                let u = (usable, try PreparedRegion(usable, kernel: kernel), try PreparedBoundary(of: usable, kernel: kernel))
                usableByGrade[grade] = u
                return u
            }
            let shapes = sheet.placements.map(\.placedShape)
            for (i, p) in sheet.placements.enumerated() {
                let (usable, region, edges) = try usableFor(p.part.minGrade)
                let name = "\(sheet.stockName) part \(i) (\(p.part.label))"
                let shape = shapes[i]
                if let bad = try kernel.validityProblem(shape) {
                    problems.append("\(name): invalid outline: \(bad)")
                    continue
                }
                if !(try region.covers(shape.filled)) {
                    let outside = try kernel.area(try kernel.difference([shape.filled], usable))
                    if outside > tolerance * tolerance {
                        problems.append("\(name): \(outside) mm² outside the usable stock")
                        continue
                    }
                }
                if margin > 0 {
                    let gap = try edges.distance(to: shape.filled)
                    if gap < margin - tolerance { problems.append("\(name): \(gap) mm from the stock edge, margin \(margin)") }
                }
                let worse = sheet.zones.filter { !$0.grade.isAcceptable(forMinimum: p.part.minGrade) }.map(\.shape)
                if !worse.isEmpty {
                    let bad = try kernel.area(try kernel.intersection([shape.filled], worse))
                    if bad > tolerance * tolerance {
                        problems.append("\(name): \(bad) mm² in zones worse than grade \(p.part.minGrade.rawValue)")
                    }
                }
            }
            let exteriors = shapes.map(\.filled)
            let index = try ShapeIndex(exteriors, kernel: kernel)
            for (i, a) in exteriors.enumerated() {
                for j in try index.candidates(near: a, margin: spacing) where j > i {
                    let d = try kernel.distance([a], [exteriors[j]])
                    if spacing > 0 ? d < spacing - tolerance : try kernel.area(try kernel.intersection([a], [exteriors[j]])) > touchingAllowance(a, exteriors[j]) {
                        problems.append("\(sheet.stockName): parts \(i) and \(j) are \(d) mm apart, spacing \(spacing)")
                    }
                }
            }
        }
        var seen = [Int: Int]()
        for s in result.sheets { for p in s.placements { seen[p.part.id, default: 0] += 1 } }
        for u in result.unplaced { seen[u.part.id, default: 0] += 1 }
        for part in expectedParts where seen[part.id] != 1 {
            problems.append("part \(part.id) (\(part.label)) appears \(seen[part.id] ?? 0) times")
        }
        if seen.count != expectedParts.count { problems.append("the result holds parts the job did not ask for") }
        // On hides, the parts of a group (a left/right pair, or a pair of shoes) come from
        // one hide, or none of them is placed. (A roll is one material: a partner left out
        // there is only unplaced.)
        var sheetOf: [Int: Int] = [:]
        for (k, s) in result.sheets.enumerated() where s.kind == .hide { for p in s.placements { sheetOf[p.part.id] = k } }
        var groupSheets: [Int: Set<Int>] = [:]
        var groupPlaced: [Int: Int] = [:]
        var groupSize: [Int: Int] = [:]
        for part in expectedParts {
            guard let g = part.hideGroup else { continue }
            groupSize[g, default: 0] += 1
            if let here = sheetOf[part.id] {
                groupSheets[g, default: []].insert(here)
                groupPlaced[g, default: 0] += 1
            }
        }
        for (g, sheets) in groupSheets.sorted(by: { $0.key < $1.key }) {
            let members = expectedParts.filter { $0.hideGroup == g }.map(\.label).joined(separator: ", ")
            if sheets.count > 1 {
                problems.append("parts that must share a hide (\(members)) lie on \(sheets.count) sheets")
            } else if groupPlaced[g] != groupSize[g] {
                problems.append("parts that must share a hide (\(members)) are placed only in part")
            }
        }
        return problems
    }
}
