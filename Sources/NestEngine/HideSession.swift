import Foundation
import NestCollision
import NestGeometry
import NestModel

/// The state of one improvement run over all hides, and its moves: units (what must share
/// a hide), taking a part out, putting a part or a unit in (a free spot first, else the
/// separator). The phases that use them are in `HideSession+Phases.swift`.
struct HideSession<Listener: NestListener, Stop: Terminator> {
    /// One hide while it is improved.
    struct HideState {
        let hide: Hide
        /// The hide with its free regions and clearance rasters built, and no parts.
        let empty: SheetState
        var layout: SearchLayout
        var parts: [Part]  // by item index
        let wholeArea: Double
        var placedArea: Double { parts.reduce(0) { $0 + $1.shape.area } }
    }

    let config: NestConfiguration
    let budget: Int
    let listener: Listener
    let terminator: Stop
    let library: ShapeLibrary
    let allParts: [Part]
    let groupMembers: [Int: [Part]]
    var states: [HideState] = []
    /// How scarce each grade is for the whole order (as the first nest priced it).
    let economy: LeatherEconomy
    var unplaced: [UnplacedPart]
    var used = 0
    var improvements = 0
    /// Hides no part may be put on (the hide being emptied).
    var closed: Set<Int> = []

    init?(job: Job, hides: [Hide], result: NestResult, config: NestConfiguration, library: ShapeLibrary, budget: Int, listener: Listener,
          terminator: Stop) throws {
        self.config = config
        self.budget = budget
        self.listener = listener
        self.terminator = terminator
        let kernel = try GeometryKernel()
        self.library = library
        allParts = job.parts()
        groupMembers = Dictionary(grouping: allParts.filter { $0.hideGroup != nil }, by: { $0.hideGroup! })
        unplaced = result.unplaced
        let grades = Set(allParts.map(\.minGrade)).union([Grade.D])
        for hide in hides {
            var sheet = try SheetState(hide: hide, margin: job.margin, kernel: kernel)
            var fields: [Grade: RegionField] = [:]
            for g in grades.sorted() {
                fields[g] = RegionField(region: try sheet.region(for: g, kernel: kernel, quadrantSegments: config.quadrantSegments))
            }
            var layout = SearchLayout(items: [], regions: fields, area: hide.shape.bounds)
            var parts: [Part] = []
            if let placed = result.sheets.first(where: { $0.stockName == hide.name }) {
                for p in placed.placements {
                    let shapes = try library.orientations(of: p.part, stockGrainDegrees: hide.grainDegrees)
                    let o = try p.engineOrientation(among: shapes)
                    layout.append(SearchLayout.Item(part: p.part.id, grade: p.part.minGrade, shapes: shapes, orientation: o,
                                                    position: p.transform.translation))
                    parts.append(p.part)
                }
            }
            guard layout.isFeasible else { return nil }
            states.append(HideState(hide: hide, empty: sheet, layout: layout, parts: parts, wholeArea: fields[.D]!.region.area))
        }
        var empties = states.map(\.empty)
        economy = try LeatherEconomy(parts: allParts, sheets: &empties, kernel: kernel, quadrantSegments: config.quadrantSegments)
    }

    var canGoOn: Bool { used < budget && !terminator.shouldStop }

    // MARK: Units

    /// Everything that must share a hide with `part`, itself included, in id order.
    func unit(of part: Part) -> [Part] {
        guard let g = part.hideGroup, let members = groupMembers[g] else { return [part] }
        return members
    }

    func hideOf(_ id: Int) -> Int? { states.indices.first { h in states[h].parts.contains { $0.id == id } } }

    /// A name for a unit's shapes: units with equal names are the same to the search.
    func shapeKey(_ unit: [Part]) -> String {
        unit.map { "\($0.panel)|\($0.size)|\($0.orderLine)|\($0.side.rawValue)|\($0.shape.area)" }.joined(separator: "+")
    }

    // MARK: Moves

    /// Takes part `id` off hide `h` (the others keep their poses).
    mutating func takeOut(_ id: Int, from h: Int) {
        guard let k = states[h].parts.firstIndex(where: { $0.id == id }) else { return }
        var layout = SearchLayout(items: [], regions: regionFields(states[h].layout), area: states[h].hide.shape.bounds)
        for (j, item) in states[h].layout.items.enumerated() where j != k { layout.append(item) }
        states[h].layout = layout
        states[h].parts.remove(at: k)
    }

    /// Tries to put `part` on hide `h` within `cap` more iterations; keeps the result only
    /// if feasible.
    mutating func insert(_ part: Part, into h: Int, cap: Int) throws -> Bool {
        let room = states[h].wholeArea - states[h].placedArea
        guard room >= part.shape.area, let field = regionFields(states[h].layout)[part.minGrade],
              field.region.area >= part.shape.area else { return false }
        let shapes = try library.orientations(of: part, stockGrainDegrees: states[h].hide.grainDegrees)
        var layout = states[h].layout
        layout.resetWeights()
        // A free spot as the first nest would find it needs no separation at all.
        if let (o, t) = freeSpot(for: part, shapes: shapes, on: sheetState(h), stream: UInt64(used)) {
            layout.append(SearchLayout.Item(part: part.id, grade: part.minGrade, shapes: shapes, orientation: o, position: t))
            if layout.isFeasible {
                states[h].layout = layout
                states[h].parts.append(part)
                return true
            }
            layout.removeLast()
        }
        layout.append(SearchLayout.Item(part: part.id, grade: part.minGrade, shapes: shapes, orientation: 0,
                                        position: field.region.bounds.center))
        var rng = SeededGenerator(seed: config.seed, stream: [0x41DE, UInt64(used), UInt64(part.id), UInt64(h)])
        var search = PoseSearch(layout: layout, config: config)
        let pose = search.best(for: layout.items.count - 1, entrySamples: config.entrySamples, rng: &rng)
        layout.move(layout.items.count - 1, orientation: pose.orientation, to: pose.position)
        let feasible = Separator(config: config).separate(&layout, budget: min(budget, cap), used: &used, rng: &rng,
                                                          terminator: terminator)
        guard feasible, layout.isFeasible else { return false }
        layout.resetWeights()
        states[h].layout = layout
        states[h].parts.append(part)
        return true
    }

    /// Hide `h` as a sheet of the first nest: its parts placed for good, so the first
    /// nest's search can add more.
    func sheetState(_ h: Int) -> SheetState {
        var sheet = states[h].empty
        for (k, item) in states[h].layout.items.enumerated() {
            sheet.place(states[h].parts[k], item.shape, orientation: item.orientation, at: item.position)
        }
        return sheet
    }

    /// A feasible pose for `part` on `sheet` found as the first nest finds one (sampling
    /// the free raster cells where its inscribed circle fits), or nil.
    func freeSpot(for part: Part, shapes: [OrientedShape], on sheet: SheetState, stream: UInt64) -> (Int, Point)? {
        guard let region = sheet.regions[part.minGrade], let map = sheet.clearance[part.minGrade],
              let first = shapes.first, map.mayFit(radius: first.poleRadius) else { return nil }
        var search = OrientationSearch(config: config, stream: [0xF5EE, stream, UInt64(part.id)])
        let score = PlacementScore.hide(gravity: config.gravityWeight, waste: economy.wasteCosts(for: part.minGrade),
                                        grades: sheet.grades)
        return search.best(shapes, region: region, placed: sheet.placed, clearance: map, score: score)
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

    static func largestFirst(_ a: Part, _ b: Part) -> Bool {
        a.shape.area != b.shape.area ? a.shape.area > b.shape.area : a.id < b.id
    }

    // MARK: Output

    func sheets() -> [Sheet] {
        var sheets: [Sheet] = []
        for st in states where !st.parts.isEmpty {
            var sheet = st.empty  // the hide without parts: free regions built, usable area measured
            for (k, item) in st.layout.items.enumerated() {
                let s = item.shape
                sheet.placements.append(Placement(part: st.parts[k], transform: Transform(
                    rotationDegrees: s.rotationDegrees, mirrored: s.mirrored, translation: item.position),
                    orientation: item.orientation))
            }
            sheets.append(sheet.sheet())
        }
        return sheets
    }

    func report() {
        let usedStates = states.filter { !$0.parts.isEmpty }
        let area = usedStates.reduce(0.0) { $0 + $1.hide.shape.area }
        let placed = usedStates.reduce(0.0) { $0 + $1.placedArea }
        listener.progress(NestProgress(
            partsTried: allParts.count, partsTotal: allParts.count,
            partsPlaced: usedStates.reduce(0) { $0 + $1.parts.count }, sheetsUsed: usedStates.count,
            yieldPercent: area > 0 ? 100 * placed / area : 0, optimizerIteration: used, optimizerBudget: budget))
    }

    func regionFields(_ layout: SearchLayout) -> [Grade: RegionField] {
        if case .region(let fields) = layout.containerModel { return fields }
        return [:]
    }
}
