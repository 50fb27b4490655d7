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
        let allParts = job.parts()
        let grades = Set(allParts.map(\.minGrade)).union([Grade.D])
        var states: [HideState] = []
        for hide in hides {
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
            states.append(HideState(hide: hide, layout: layout, parts: parts,
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
                partsTried: allParts.count, partsTotal: allParts.count,
                partsPlaced: usedStates.reduce(0) { $0 + $1.parts.count }, sheetsUsed: usedStates.count,
                yieldPercent: area > 0 ? 100 * placedArea() / area : 0, optimizerIteration: used, optimizerBudget: budget))
        }

        /// Tries to put `part` on hide `h`; keeps the result only if feasible.
        func insert(_ part: Part, into h: Int) throws -> Bool {
            let room = states[h].wholeArea - states[h].parts.reduce(0) { $0 + $1.shape.area }
            guard room >= part.shape.area, let field = regionFields(states[h].layout)[part.minGrade], field.region.area >= part.shape.area else {
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

        // Left and right parts of a pair come from the same hide: a part whose partner lies
        // elsewhere or nowhere is taken out, and put back with its partner below if it can.
        let byID = Dictionary(uniqueKeysWithValues: allParts.map { ($0.id, $0) })
        let pairReason = "its pair partner could not be placed on the same hide"
        func hideOf(_ id: Int) -> Int? { states.indices.first { h in states[h].parts.contains { $0.id == id } } }
        func takeOut(_ id: Int, from h: Int) {
            guard let k = states[h].parts.firstIndex(where: { $0.id == id }) else { return }
            var layout = SearchLayout(items: [], regions: regionFields(states[h].layout), area: states[h].hide.shape.bounds)
            for (j, item) in states[h].layout.items.enumerated() where j != k { layout.append(item) }
            states[h].layout = layout
            states[h].parts.remove(at: k)
        }
        for h in states.indices {
            for part in states[h].parts {
                guard let partner = part.partnerID, hideOf(partner) != h, part.id > partner || hideOf(partner) == nil else { continue }
                takeOut(part.id, from: h)
                unplaced.append(UnplacedPart(part: part, reason: pairReason))
            }
        }

        /// Puts a unit (a part, or both parts of a pair) on one hide, all or nothing.
        func insertUnit(_ unit: [Part], candidates: [Int]) throws -> Bool {
            for h in candidates where used < budget && !terminator.shouldStop {
                let saved = states[h]
                var ok = true
                for part in unit where ok { ok = try insert(part, into: h) }
                if ok { return true }
                states[h] = saved
            }
            return false
        }

        // 1. Parts left out, as units, largest first; a shape that found no room is not
        //    tried again at the same size.
        var units: [[Part]] = []
        var seen = Set<Int>()
        let waiting = unplaced.filter { $0.reason == pairReason || $0.reason.hasPrefix("no feasible position") }
        for u in waiting.sorted(by: { $0.part.shape.area != $1.part.shape.area ? $0.part.shape.area > $1.part.shape.area : $0.part.id < $1.part.id })
        where !seen.contains(u.part.id) {
            var unit = [u.part]
            seen.insert(u.part.id)
            if let partner = u.part.partnerID, waiting.contains(where: { $0.part.id == partner }) {
                unit.append(byID[partner]!)
                seen.insert(partner)
            }
            units.append(unit)
        }
        var failedShapes = Set<String>()
        var placedIDs = Set<Int>()
        for unit in units {
            let key = unit.map { "\($0.panel)|\($0.size)|\($0.orderLine)|\($0.shape.area)" }.joined(separator: "+")
            guard used < budget, !terminator.shouldStop, !failedShapes.contains(key) else { continue }
            if unit.count == 1, let partnerID = unit[0].partnerID {
                // The partner is placed: join it on its hide, or else move the pair elsewhere.
                guard let h = hideOf(partnerID), let partner = byID[partnerID] else { continue }
                if try insertUnit(unit, candidates: [h]) {
                    placedIDs.insert(unit[0].id)
                    improvements += 1
                    report()
                    continue
                }
                let saved = states
                takeOut(partnerID, from: h)
                if try insertUnit([partner, unit[0]], candidates: states.indices.filter { $0 != h }) {
                    placedIDs.insert(unit[0].id)
                    improvements += 1
                    report()
                } else {
                    states = saved  // the final pass takes the lone partner out
                }
                continue
            }
            if try insertUnit(unit, candidates: Array(states.indices)) {
                for p in unit { placedIDs.insert(p.id) }
                improvements += 1
                report()
            } else {
                failedShapes.insert(key)
            }
        }
        unplaced = unplaced.filter { !placedIDs.contains($0.part.id) }.sorted { $0.part.id < $1.part.id }

        // 2. Everything placed on several hides: try to empty the last one into the others,
        //    pairs moving together.
        var failedAttempts = 0
        while unplaced.isEmpty, used < budget, !terminator.shouldStop, failedAttempts < config.emptyingAttempts {
            let usedHides = states.indices.filter { !states[$0].parts.isEmpty }
            guard usedHides.count > 1, let last = usedHides.last else { break }
            let saved = states
            var moving: [[Part]] = []
            var taken = Set<Int>()
            for part in states[last].parts.sorted(by: { $0.shape.area != $1.shape.area ? $0.shape.area > $1.shape.area : $0.id < $1.id })
            where !taken.contains(part.id) {
                var unit = [part]
                taken.insert(part.id)
                if let partner = part.partnerID, let other = states[last].parts.first(where: { $0.id == partner }) {
                    unit.append(other)
                    taken.insert(partner)
                }
                moving.append(unit)
            }
            var all = true
            for unit in moving where all {
                all = try insertUnit(unit, candidates: usedHides.filter { $0 != last })
            }
            if all {
                states[last].layout = SearchLayout(items: [], regions: regionFields(states[last].layout),
                                                   area: states[last].hide.shape.bounds)
                states[last].parts = []
                improvements += 1
                report()
            } else {
                // Another attempt draws other random streams (they follow the iteration count).
                states = saved
                failedAttempts += 1
            }
        }
        // Finally, no part stays without its partner on its hide.
        for h in states.indices {
            for part in states[h].parts {
                guard let partner = part.partnerID, hideOf(partner) != h else { continue }
                takeOut(part.id, from: h)
                unplaced.append(UnplacedPart(part: part, reason: pairReason))
            }
        }
        unplaced.sort { $0.part.id < $1.part.id }
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
