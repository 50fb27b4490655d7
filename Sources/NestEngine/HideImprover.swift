import Foundation
import NestGeometry
import NestModel

/// Improves a nest over hides after the first nest, with the separator's guided local
/// search: it puts unplaced parts in (a part goes in at its best pose, and the overlaps it
/// causes are removed by moving the parts around it), and, when everything is placed on
/// several hides, it tries to empty the last hide into the others so fewer hides are used.
///
/// Every accepted state is feasible by the exact engine; a failed attempt is rolled back
/// whole. Deterministic for a given seed and budget.
struct HideImprover {
    let job: Job
    let config: NestConfiguration

    /// One hide while it is improved.
    private struct HideState {
        let hide: Hide
        let index: Int
        var layout: SearchLayout
        var parts: [Part]  // by item index
        var wholeArea: Double
    }

    struct Outcome {
        var sheets: [Sheet]
        var unplaced: [UnplacedPart]
        var iterations: Int
        var improvements: Int
        var stoppedEarly: Bool
    }

    func improve(_ result: NestResult, budget: Int, listener: some NestListener, terminator: some Terminator) throws
        -> Outcome
    {
        guard case .hides(let hides) = job.stock else {
            return Outcome(sheets: result.sheets, unplaced: result.unplaced, iterations: 0, improvements: 0, stoppedEarly: false)
        }
        let kernel = GeometryKernel()
        let library = ShapeLibrary(kernel: kernel, spacing: job.spacing, config: config)
        let grades = Set(job.parts().map(\.minGrade)).union([Grade.D])
        var states: [HideState] = []
        for (index, hide) in hides.enumerated() {
            var sheet = SheetState(hide: hide, margin: job.margin)
            var fields: [Grade: RegionField] = [:]
            for g in grades.sorted() {
                fields[g] = RegionField(region: try sheet.region(for: g, kernel: kernel, quadrantSegments: config.quadrantSegments))
            }
            var layout = SearchLayout(items: [], regions: fields, area: hide.shape.bounds)
            var parts: [Part] = []
            if let placed = result.sheets.first(where: { $0.stockName == hide.name }) {
                for p in placed.placements {
                    let shapes = try library.orientations(of: p.part, stockGrainDegrees: hide.grainDegrees)
                    let o = shapes.firstIndex { $0.rotationDegrees == GrainRule.normalized(p.transform.rotationDegrees) } ?? 0
                    layout.append(SearchLayout.Item(part: p.part.id, grade: p.part.minGrade, shapes: shapes, orientation: o,
                                                    position: p.transform.translation))
                    parts.append(p.part)
                }
            }
            guard layout.isFeasible else {
                // Never start from a state the engine calls infeasible: leave the nest as it is.
                return Outcome(sheets: result.sheets, unplaced: result.unplaced, iterations: 0, improvements: 0, stoppedEarly: false)
            }
            states.append(HideState(hide: hide, index: index, layout: layout, parts: parts,
                                    wholeArea: fields[.D]!.region.area))
        }

        var used = 0
        var improvements = 0
        var stopped = false
        var unplaced = result.unplaced
        let placedArea = { states.reduce(0.0) { $0 + $1.parts.reduce(0) { $0 + $1.shape.area } } }
        func report() {
            let usedStates = states.filter { !$0.parts.isEmpty }
            let area = usedStates.reduce(0.0) { $0 + $1.hide.shape.area }
            listener.progress(NestProgress(
                partsTried: job.parts().count, partsTotal: job.parts().count,
                partsPlaced: usedStates.reduce(0) { $0 + $1.parts.count }, sheetsUsed: usedStates.count,
                yieldPercent: area > 0 ? 100 * placedArea() / area : 0, optimizerIteration: used, optimizerBudget: budget))
        }

        /// Tries to put `part` on hide `h`; keeps the result only if feasible.
        func insert(_ part: Part, into h: Int) throws -> Bool {
            let room = states[h].wholeArea - states[h].parts.reduce(0) { $0 + $1.shape.area }
            guard room >= part.shape.area, let field = stateField(h, part.minGrade), field.region.area >= part.shape.area else {
                return false
            }
            let shapes = try library.orientations(of: part, stockGrainDegrees: states[h].hide.grainDegrees)
            var layout = states[h].layout
            layout.resetWeights()
            let start = field.region.bounds.center
            layout.append(SearchLayout.Item(part: part.id, grade: part.minGrade, shapes: shapes, orientation: 0, position: start))
            var rng = SeededGenerator(seed: config.seed, stream: [0x41DE, UInt64(used), UInt64(part.id), UInt64(h)])
            var search = PoseSearch(layout: layout, config: config)
            let pose = search.best(for: layout.items.count - 1, rng: &rng)
            layout.move(layout.items.count - 1, orientation: pose.orientation, to: pose.position)
            let cap = min(budget, used + config.insertionBudget)
            let feasible = Separator(config: config).separate(&layout, budget: cap, used: &used, rng: &rng,
                                                              terminator: terminator)
            guard feasible, layout.isFeasible else { return false }
            layout.resetWeights()
            states[h].layout = layout
            states[h].parts.append(part)
            return true
        }

        func stateField(_ h: Int, _ grade: Grade) -> RegionField? {
            if case .region(let fields) = states[h].layout.containerModel { return fields[grade] }
            return nil
        }

        // 1. Parts left out: largest first, on the first hide that takes them.
        var still: [UnplacedPart] = []
        for u in unplaced.sorted(by: { $0.part.shape.area != $1.part.shape.area ? $0.part.shape.area > $1.part.shape.area : $0.part.id < $1.part.id }) {
            var done = false
            if used < budget, !terminator.shouldStop, u.reason.hasPrefix("no feasible position") {
                for h in states.indices where used < budget {
                    if try insert(u.part, into: h) {
                        done = true
                        improvements += 1
                        report()
                        break
                    }
                }
            }
            if !done { still.append(u) }
        }
        unplaced = still.sorted { $0.part.id < $1.part.id }

        // 2. Everything placed on several hides: try to empty the last one into the others.
        while unplaced.isEmpty, used < budget, !terminator.shouldStop {
            let usedHides = states.indices.filter { !states[$0].parts.isEmpty }
            guard usedHides.count > 1, let last = usedHides.last else { break }
            let saved = states
            let moving = states[last].parts.enumerated().sorted {
                $0.element.shape.area != $1.element.shape.area ? $0.element.shape.area > $1.element.shape.area : $0.offset < $1.offset
            }.map(\.element)
            var all = true
            for part in moving {
                var moved = false
                for h in usedHides where h != last && used < budget {
                    if try insert(part, into: h) {
                        moved = true
                        break
                    }
                }
                if !moved {
                    all = false
                    break
                }
            }
            if all {
                states[last].layout = SearchLayout(items: [], regions: regionFields(states[last].layout),
                                                   area: states[last].hide.shape.bounds)
                states[last].parts = []
                improvements += 1
                report()
            } else {
                states = saved
                break
            }
        }
        stopped = terminator.shouldStop

        var sheets: [Sheet] = []
        for st in states where !st.parts.isEmpty {
            var sheet = SheetState(hide: st.hide, margin: job.margin)
            for (k, item) in st.layout.items.enumerated() {
                let s = item.shape
                sheet.placements.append(Placement(part: st.parts[k], transform: Transform(
                    rotationDegrees: s.rotationDegrees, mirrored: s.mirrored, translation: item.position)))
            }
            sheets.append(sheet.sheet())
        }
        report()
        return Outcome(sheets: sheets, unplaced: unplaced, iterations: used, improvements: improvements, stoppedEarly: stopped)
    }

    private func regionFields(_ layout: SearchLayout) -> [Grade: RegionField] {
        if case .region(let fields) = layout.containerModel { return fields }
        return [:]
    }
}
