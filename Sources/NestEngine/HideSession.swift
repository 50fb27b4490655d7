import Foundation
import NestCollision
import NestGeometry
import NestModel

/// The state of one improvement run over all hides, and its moves: units (what must share
/// a hide), taking a part out, putting a part or a unit in (a free spot first, else the
/// separator). The phases that use them are in `HideSession+Phases.swift`.
struct HideSession {
    let context: RunContext
    var config: NestConfiguration { context.config }
    var library: ShapeLibrary { context.library }
    var listener: any NestListener { context.listener }
    var terminator: any Terminator { context.terminator }
    let budget: Int
    let allParts: [Part]
    let groupMembers: [Int: [Part]]
    /// One state per hide of the job, in its order: the first nest's, taken over as they are.
    var states: [SheetState]
    /// How scarce each grade is for the whole order (as the first nest priced it).
    let economy: LeatherEconomy
    var unplaced: [UnplacedPart]
    var used = 0
    var improvements = 0
    /// Hides no part may be put on (the hide being emptied).
    var closed: Set<Int> = []
    /// Repairs judged grade by grade, the best first (`repairObjective`).
    var gradesFirst = false
    /// Why a part waits when no room was found for it, in the words of the stock.
    let waitingReason: String

    /// A session over the first nest's sheets; nil when a sheet's layout is not feasible by
    /// the optimizer's own engine (then nothing is improved). Without `keepsUnits` every
    /// part is a unit of its own.
    init?(job: Job, first: ConstructiveNester.Outcome, context: RunContext, budget: Int,
          keepsUnits: Bool = true, waitingReason: String = HideImprover.noRoomReason) throws {
        self.context = context
        self.budget = budget
        self.waitingReason = waitingReason
        let kernel = context.kernel
        let config = context.config
        allParts = job.parts()
        groupMembers = keepsUnits
            ? Dictionary(grouping: allParts.filter { $0.hideGroup != nil }, by: { $0.hideGroup! }) : [:]
        unplaced = first.unplaced
        states = first.sheets
        // Every grade of the order has its free region on every hide, and D (the whole hide).
        let grades = Set(allParts.map(\.minGrade)).union([Grade.D])
        for h in states.indices {
            var fields: [Grade: FreeSpaceRaster] = [:]
            for g in grades.sorted() {
                try states[h].prepareSearch(for: g, kernel: kernel, quadrantSegments: config.quadrantSegments)
                fields[g] = states[h].rasters[g]
            }
            states[h].layout.useImproverBroadPhase()
            states[h].layout.replaceRegions(fields)
            guard states[h].layout.isFeasible else { return nil }
        }
        economy = try LeatherEconomy(parts: allParts, sheets: &states, kernel: kernel, quadrantSegments: config.quadrantSegments)
    }

    /// The iteration count at which the phase running now ends (the budget's end unless a
    /// phase set a share of it).
    var phaseLimit = Int.max

    var canGoOn: Bool { used < min(budget, phaseLimit) && !terminator.shouldStop }

    // MARK: Units

    /// Everything that must share a hide with `part`, itself included, in id order.
    func unit(of part: Part) -> [Part] {
        guard let g = part.hideGroup, let members = groupMembers[g] else { return [part] }
        return members
    }

    func hideOf(_ id: Int) -> Int? { states.indices.first { h in states[h].layout.items.contains { $0.part.id == id } } }

    /// A name for a unit's shapes: units with equal names are the same to the search.
    func shapeKey(_ unit: [Part]) -> String {
        unit.map { "\($0.panel)|\($0.size)|\($0.orderLine)|\($0.side.rawValue)|\($0.shape.area)" }.joined(separator: "+")
    }

    // MARK: Moves

    /// Takes part `id` off hide `h` (the others keep their poses).
    mutating func takeOut(_ id: Int, from h: Int) {
        guard let k = states[h].layout.items.firstIndex(where: { $0.part.id == id }) else { return }
        states[h].layout.remove(k)
    }

    /// Tries to put `part` on hide `h` within `cap` more iterations; keeps the result only
    /// if feasible.
    mutating func insert(_ part: Part, into h: Int, cap: Int) throws -> Bool {
        let room = states[h].wholeArea - states[h].placedArea
        guard room >= part.shape.area, let field = states[h].layout.regionRasters[part.minGrade],
              field.region.area >= part.shape.area else { return false }
        let shapes = try library.orientations(of: part, stockGrainDegrees: states[h].grainDegrees)
        var layout = states[h].layout
        layout.resetWeights()
        // A free spot as the first nest would find it needs no separation at all.
        if let (o, t) = freeSpot(for: part, shapes: shapes, on: h, stream: UInt64(used)) {
            layout.append(SearchLayout.Item(part: part, shapes: shapes, orientation: o, position: t))
            if layout.isFeasible {
                states[h].layout = layout
                return true
            }
            layout.removeLast()
        }
        layout.append(SearchLayout.Item(part: part, shapes: shapes, orientation: 0, position: field.region.bounds.center))
        var rng = SeededGenerator(seed: config.seed, stream: [0x41DE, UInt64(used), UInt64(part.id), UInt64(h)])
        var search = PoseSearch(layout: layout, config: config)
        let pose = search.best(for: layout.items.count - 1, entrySamples: config.hides.entrySamples, rng: &rng)
        layout.move(layout.items.count - 1, orientation: pose.orientation, to: pose.position)
        let feasible = Separator(config: config).separate(&layout, budget: min(budget, cap), used: &used, rng: &rng,
                                                          terminator: terminator)
        guard feasible, layout.isFeasible else { return false }
        layout.resetWeights()
        states[h].layout = layout
        return true
    }

    /// A feasible pose for `part` on hide `h` found as the first nest finds one (sampling
    /// the free raster cells where its inscribed circle fits), or nil. Brings the hide's
    /// clearance maps up to date first.
    mutating func freeSpot(for part: Part, shapes: [OrientedShape], on h: Int, stream: UInt64) -> (Int, Point)? {
        states[h].syncClearance()
        return freeSpot(for: part, shapes: shapes, on: states[h], stream: stream)
    }

    /// The same on `sheet`, whose clearance maps must be current; `sampleFactor` times the
    /// first nest's samples, scored by `toward` instead of the hide's score when given.
    func freeSpot(for part: Part, shapes: [OrientedShape], on sheet: SheetState, stream: UInt64,
                  sampleFactor: Int = 1, toward: PlacementScore? = nil) -> (Int, Point)? {
        guard let region = sheet.regions[part.minGrade], let map = sheet.clearance[part.minGrade],
              let first = shapes.first, map.mayFit(radius: first.poleRadius) else { return nil }
        var searchConfig = config
        searchConfig.firstNest.samplesPerOrientation *= sampleFactor
        var search = OrientationSearch(config: searchConfig, stream: [0xF5EE, stream, UInt64(part.id)])
        return search.best(shapes, region: region, placed: sheet.layout, clearance: map, score: toward ?? score(for: part, on: sheet))
    }

    /// The score the first nest's search minimises for `part` on `sheet`.
    func score(for part: Part, on sheet: SheetState) -> PlacementScore {
        sheet.kind == .roll ? .roll(gravity: config.firstNest.gravityWeight, on: sheet.layout)
            : .hide(gravity: config.firstNest.gravityWeight, waste: economy.wasteCosts(for: part.minGrade), grades: sheet.grades)
    }

    /// Every free pose of `part` on `sheet` (whose clearance maps must be current) that a
    /// raster-fine sweep finds, in all its orientations, scored by the sheet's score: the
    /// final fill's last search, for a gap barely larger than the part.
    func sweptSpots(for part: Part, shapes: [OrientedShape], on sheet: SheetState) -> [(Int, PositionSearch.Found)] {
        guard let region = sheet.regions[part.minGrade], let map = sheet.clearance[part.minGrade],
              let first = shapes.first, map.mayFit(radius: first.poleRadius) else { return [] }
        var search = OrientationSearch(config: config, stream: [])
        return search.sweep(shapes, region: region, placed: sheet.layout, clearance: map, score: score(for: part, on: sheet))
    }

    /// Puts a whole unit on the first of `candidates` that takes it, all or nothing, each
    /// part within `perPart` iterations.
    mutating func insertUnit(_ unit: [Part], candidates: [Int], perPart: Int) throws -> Int? {
        for h in candidates where canGoOn {
            let saved = states[h]
            var ok = true
            for part in unit.sorted(by: Self.largestFirst) where ok { ok = try insert(part, into: h, cap: used + perPart) }
            if ok { return h }
            states[h] = saved
        }
        return nil
    }

    /// Ends an attempt on hide `h`: when `better`, its state stays (checked by the engine's
    /// invariants, counted and reported as an improvement); otherwise every hide and the
    /// waiting list go back to `saved` and `savedUnplaced`. Returns `better`.
    mutating func settle(_ better: Bool, saved: [SheetState], savedUnplaced: [UnplacedPart], on h: Int, _ what: String) -> Bool {
        if better {
            states[h].layout.checkInvariants("\(what), hide \(h + 1)")
            improvements += 1
            report()
            return true
        }
        states = saved
        unplaced = savedUnplaced
        return false
    }

    static func largestFirst(_ a: Part, _ b: Part) -> Bool {
        a.shape.area != b.shape.area ? a.shape.area > b.shape.area : a.id < b.id
    }

    // MARK: Output

    func sheets() -> [Sheet] {
        states.filter { !$0.layout.items.isEmpty }.map { $0.sheet() }
    }

    func report() {
        let usedStates = states.filter { !$0.layout.items.isEmpty }
        let area = usedStates.reduce(0.0) { $0 + $1.progressStockArea }  // a roll up to the length used
        let placed = usedStates.reduce(0.0) { $0 + $1.placedArea }
        listener.progress(NestProgress(
            partsTried: allParts.count, partsTotal: allParts.count,
            partsPlaced: usedStates.reduce(0) { $0 + $1.layout.items.count }, sheetsUsed: usedStates.count,
            yieldPercent: area > 0 ? 100 * placed / area : 0, optimizerIteration: used, optimizerBudget: budget))
    }
}
