import Foundation
import NestCollision
import NestGeometry
import NestModel

/// The first nester: largest part first, each put at the best position found on the first
/// sheet where it fits (first fit over the stock in order), honouring grain, mirroring,
/// spacing, margins, holes, defects and quality zones. On hides, the parts that must share
/// a hide go in together (see `Part.hideGroup`): all on one hide, or none of them.
///
/// Deterministic: the result depends only on the job, the configuration's seed and
/// budget — not on `threads`, and not on the clock unless the terminator stops it.
/// Knows nothing of files or rendering: side effects go through `listener`.
public struct ConstructiveNester {
    public let job: Job
    public let config: NestConfiguration

    /// The kernel and the shape library, shared with the optimizer by `Nester`.
    let context: RunContext

    public init(job: Job, config: NestConfiguration) throws {
        self.init(job: job, context: try RunContext(job: job, config: config))
    }

    init(job: Job, context: RunContext) {
        self.job = job
        self.config = context.config
        self.context = context
    }

    /// What the first nest leaves: the state of every sheet of the stock (used or not, in
    /// the stock's order), which the optimizers take over as they are, the parts it could
    /// not place and its statistics.
    struct Outcome {
        var sheets: [SheetState]
        var unplaced: [UnplacedPart]
        var statistics: NestStatistics

        /// The nest as a result: the sheets with parts on them.
        var result: NestResult {
            NestResult(sheets: sheets.filter { !$0.layout.items.isEmpty }.map { $0.sheet() }, unplaced: unplaced,
                       statistics: statistics)
        }
    }

    /// The first nest alone, as a result, on the whole of the stock (on a roll, `Nester`
    /// starts from `Nester.firstNest` instead, laid on the length the order plans for).
    public func run(listener: some NestListener = SilentListener(), terminator: some Terminator = NeverStop()) throws
        -> NestResult
    {
        let context = RunContext(config: config, kernel: self.context.kernel, library: self.context.library, listener: listener,
                                 terminator: terminator)
        let problem = try Nester.problem(of: job, context: context)
        return try ConstructiveNester(job: job, context: context).fill(problem).result
    }

    /// The first nest of `problem`, with the sheets' states. With a `start`, every start
    /// placement still feasible where it was is kept (see `seed`), and only the other parts
    /// are placed.
    func fill(_ problem: some NestProblem, start: NestStart? = nil) throws -> Outcome {
        let kernel = context.kernel
        let library = context.library
        let listener = context.listener
        let terminator = context.terminator
        let parts = job.parts()
        var sheets = try problem.emptySheets(kernel: kernel)

        try precheck(parts: parts, sheets: &sheets, library: library, kernel: kernel)
        let economy = try problem.economy(of: parts, on: &sheets, context: context)
        var stats = NestStatistics()
        var kept = Set<Int>()
        if let start {
            let seeded = try seed(&sheets, from: start, parts: parts, keepingGroups: problem.keepsGroupsTogether)
            kept = seeded.kept
            stats.startPlacements = start.sheets.reduce(0) { $0 + $1.placements.count }
            stats.keptFromStart = kept.count
            stats.startMoved = seeded.moved
        }
        // Largest first, the area of parts competing for scarce leather counted up to
        // thrice; ties keep the job's order, so left and right stay together.
        let priority = parts.map { economy.placementPriority(of: $0) }
        let order = parts.indices.sorted {
            let a = priority[$0], b = priority[$1]
            return a != b ? a > b : $0 < $1
        }

        func score(_ part: Part, on s: Int) -> PlacementScore {
            problem.score(for: part, on: sheets[s], economy: economy, config: config)
        }

        var unplaced: [UnplacedPart] = []
        // Per sheet, the part shapes (outline, side, grade) that already found no place
        // there. A sheet only fills up, so an equal part is not sampled there again: this
        // keeps the first fit over many sheets from searching every full sheet for every part.
        var refused = [Set<RefusalKey>](repeating: [], count: sheets.count)
        // The same for units: a unit whose parts each fit but not all together (a left
        // part that fits where its right one does not) is not put in and taken out again.
        var refusedUnits = [Set<[RefusalKey]>](repeating: [], count: sheets.count)

        /// Puts `part` on sheet `s` at the best position found; false when none was found.
        func place(_ part: Part, on s: Int) throws -> Bool {
            let key = RefusalKey(part)
            guard !refused[s].contains(key) else { return false }
            let region = try sheets[s].region(for: part.minGrade, kernel: kernel, quadrantSegments: config.quadrantSegments)
            let whole = try sheets[s].region(for: .D, kernel: kernel, quadrantSegments: config.quadrantSegments)
            guard region.area >= part.shape.area, whole.area - sheets[s].placedArea >= part.shape.area else { return false }
            try sheets[s].prepareSearch(for: part.minGrade, kernel: kernel, quadrantSegments: config.quadrantSegments)
            let shapes = try library.orientations(of: part, stockGrainDegrees: sheets[s].grainDegrees)
            // A sheet without room for the part's inscribed circle is skipped unsampled:
            // no sample could be feasible there (see `ClearanceMap.mayFit`).
            if let map = sheets[s].clearance[part.minGrade], let first = shapes.first,
               !map.mayFit(radius: first.poleRadius) {
                refused[s].insert(key)
                return false
            }
            let found = search(shapes, part: part, sheet: s, region: region, placed: sheets[s].layout,
                               clearance: sheets[s].clearance[part.minGrade], score: score(part, on: s), stats: &stats)
            guard let (k, offset) = found else {
                refused[s].insert(key)
                return false
            }
            sheets[s].place(part, shapes, orientation: k, at: offset)
            return true
        }

        /// Why `part` found no place on any sheet.
        /// Whether some sheet has at least the part's area of leather it may lie on.
        func hasGradeRoom(_ part: Part) throws -> Bool {
            for s in sheets.indices {
                let region = try sheets[s].region(for: part.minGrade, kernel: kernel, quadrantSegments: config.quadrantSegments)
                if region.area >= part.shape.area { return true }
            }
            return false
        }
        func reason(for part: Part) throws -> String {
            problem.noRoomReason(for: part, gradeRoom: try hasGradeRoom(part))
        }

        // On hides, parts that must share a hide (a pair, or a pair of shoes) go in as one
        // unit: all on one hide or none, so no part holds leather its partner cannot join.
        var units: [[Int]] = []
        var unitOfGroup: [Int: Int] = [:]
        for index in order where !kept.contains(parts[index].id) {
            if problem.keepsGroupsTogether, let g = parts[index].hideGroup {
                if let u = unitOfGroup[g] {
                    units[u].append(index)
                    continue
                }
                unitOfGroup[g] = units.count
            }
            units.append([index])
        }
        var tried = kept.count
        for (u, unit) in units.enumerated() {
            if terminator.shouldStop {
                stats.stoppedEarly = true
                for rest in units[u...].joined() {
                    unplaced.append(UnplacedPart(part: parts[rest], reason: "not tried: the run was stopped before this part"))
                }
                break
            }
            var failing: Part?
            var placedUnit = false
            let unitKey = unit.map { RefusalKey(parts[$0]) }
            for s in sheets.indices {
                if unit.count > 1, refusedUnits[s].contains(unitKey) {
                    failing = unit.map { parts[$0] }.first { refused[s].contains(RefusalKey($0)) } ?? parts[unit[0]]
                    continue
                }
                let saved = unit.count > 1 ? sheets[s] : nil
                failing = nil
                for index in unit where failing == nil {
                    if try !place(parts[index], on: s) { failing = parts[index] }
                }
                if failing == nil {
                    placedUnit = true
                    break
                }
                if let saved {
                    sheets[s] = saved
                    refusedUnits[s].insert(unitKey)
                }
            }
            if !placedUnit, let failing {
                let why = try reason(for: failing)
                for index in unit {
                    // A partner short of its own grade of leather says so, not that it waits for the other.
                    let part = parts[index]
                    let own = part.id == failing.id ? why
                        : try hasGradeRoom(part) ? HideImprover.groupReason : problem.noRoomReason(for: part, gradeRoom: false)
                    unplaced.append(UnplacedPart(part: part, reason: own))
                }
            }
            tried += unit.count
            let used = sheets.filter { !$0.layout.items.isEmpty }
            let placedArea = used.reduce(0) { $0 + $1.placedArea }
            let stockArea = used.reduce(0) { $0 + $1.progressStockArea }
            listener.progress(NestProgress(partsTried: tried, partsTotal: parts.count,
                                           partsPlaced: used.reduce(0) { $0 + $1.layout.items.count },
                                           sheetsUsed: used.count,
                                           yieldPercent: stockArea > 0 ? 100 * placedArea / stockArea : 0))
        }
        unplaced.sort { $0.part.id < $1.part.id }
        for s in sheets.indices { sheets[s].checkInvariants("first nest, sheet \(s + 1) (\(sheets[s].stockName))") }
        return Outcome(sheets: sheets, unplaced: unplaced, statistics: stats)
    }

    /// Puts the placements of `start` that are still feasible where they were onto `sheets`
    /// (each matched to an unmatched part of the same panel, size, side and material, in id
    /// order; its rotation to one of the part's orientations within 0.0001°; inside the free
    /// region of its grade and clear of the parts kept before it, by the exact engine), then,
    /// when `keepingGroups`, takes out again every part whose unit was not kept whole on one
    /// sheet. Returns the ids of the parts kept.
    private func seed(_ sheets: inout [SheetState], from start: NestStart, parts: [Part], keepingGroups: Bool) throws
        -> (kept: Set<Int>, moved: [StartMove])
    {
        var matched = Set<Int>()
        var kept: [Int: Int] = [:]  // part id → sheet
        var moved: [StartMove] = []
        var hazards: [Int: SheetHazards] = [:]  // per sheet, made at its first refusal
        for sheetStart in start.sheets {
            func move(_ p: NestStart.Placed, _ reason: String) {
                moved.append(StartMove(stock: sheetStart.stock, panel: p.panel, size: p.size, side: p.side, reason: reason))
            }
            guard let s = sheets.firstIndex(where: { $0.stockName == sheetStart.stock }) else {
                for placed in sheetStart.placements { move(placed, "the job has no stock named \"\(sheetStart.stock)\" any more") }
                continue
            }
            for placed in sheetStart.placements {
                guard let part = parts.first(where: { !matched.contains($0.id) && placed.names($0) }) else {
                    move(placed, "the order no longer has it")
                    continue
                }
                matched.insert(part.id)
                let shapes = try context.library.orientations(of: part, stockGrainDegrees: sheets[s].grainDegrees)
                guard let o = shapes.firstIndex(where: {
                    $0.mirrored == placed.mirrored && GrainRule.degreesApart($0.rotationDegrees, placed.rotationDegrees) < 1e-4
                }) else {
                    move(placed, "its rotation (\(DecimalText.trimmed(placed.rotationDegrees, decimals: 3))°\(placed.mirrored ? ", mirrored" : "")) is no longer allowed")
                    continue
                }
                let region = try sheets[s].region(for: part.minGrade, kernel: context.kernel, quadrantSegments: config.quadrantSegments)
                let t = Point(placed.x, placed.y)
                if region.bounds.contains(shapes[o].body.bounds.offsetBy(t), slack: FreeRegion.sideSlack), region.contains(shapes[o].body, at: t) {
                    let others = sheets[s].layout.collisions(of: shapes[o].spaced, at: t)
                    if others.isEmpty {
                        sheets[s].place(part, shapes, orientation: o, at: t)
                        kept[part.id] = s
                    } else {
                        let names = others.prefix(3).map { sheets[s].layout.items[$0].part.label }
                        move(placed, "closer than the spacing to \(names.joined(separator: ", "))\(others.count > 3 ? " and \(others.count - 3) more" : "") kept before it")
                    }
                    continue
                }
                if hazards[s] == nil {
                    hazards[s] = try SheetHazards(sheets[s], kernel: context.kernel, quadrantSegments: config.quadrantSegments)
                }
                let met = hazards[s]!.met(by: shapes[o].body, at: t, grade: part.minGrade)
                move(placed, met.isEmpty ? "no longer inside the leather its grade may use" : "meets " + met.joined(separator: ", "))
            }
        }
        if keepingGroups {
            let members = Dictionary(grouping: parts.filter { $0.hideGroup != nil }, by: { $0.hideGroup! })
            for (_, unit) in members.sorted(by: { $0.key < $1.key }) {
                let homes = unit.map { kept[$0.id] }
                guard homes.contains(where: { $0 != nil }), Set(homes).count > 1 || homes.contains(where: { $0 == nil }) else { continue }
                for part in unit {
                    guard let s = kept.removeValue(forKey: part.id),
                          let k = sheets[s].layout.items.firstIndex(where: { $0.part.id == part.id }) else { continue }
                    sheets[s].layout.remove(k)
                    moved.append(StartMove(stock: sheets[s].stockName, panel: part.panel, size: part.size, side: part.side,
                                           reason: "its unit (\(unit.count) parts that share a hide) could not stay whole"))
                }
            }
            for s in sheets.indices { sheets[s].syncClearance() }
        }
        return (Set(kept.keys), moved)
    }

    /// Parts that are the same to the search: equal outline, side, grade, grain and rotations.
    private struct RefusalKey: Hashable {
        let shape: Polygon
        let mirrored: Bool
        let grade: Grade
        let grain: GrainRule
        let fixedRotations: [Double]?

        init(_ part: Part) {
            shape = part.shape
            mirrored = part.side.isMirrored
            grade = part.minGrade
            grain = part.grain
            fixedRotations = part.fixedRotations
        }
    }

    private func search(_ shapes: [OrientedShape], part: Part, sheet: Int, region: FreeRegion, placed: SearchLayout,
                        clearance: ClearanceMap?, score: PlacementScore, stats: inout NestStatistics) -> (Int, Point)? {
        var finder = OrientationSearch(config: config, stream: [UInt64(part.id), UInt64(sheet)])
        let found = finder.best(shapes, region: region, placed: placed, clearance: clearance, score: score)
        stats.candidatesTested += OrientationSearch.searched(shapes, inside: region.bounds).count * config.firstNest.samplesPerOrientation
        stats.collisionQueries += finder.queries
        return found
    }

    /// Refuses a job with a part that fits no stock's bounds in any orientation.
    private func precheck(parts: [Part], sheets: inout [SheetState], library: ShapeLibrary, kernel: GeometryKernel) throws {
        var checked = Set<String>()
        for part in parts {
            let key = "\(part.panel)|\(part.size)|\(part.side.rawValue)|\(part.orderLine)"
            guard checked.insert(key).inserted else { continue }
            var fits = false
            var usable: [Rect?] = []  // nil: no usable leather at all
            for s in sheets.indices {
                let whole = try sheets[s].region(for: .D, kernel: kernel, quadrantSegments: config.quadrantSegments)
                let rb = whole.bounds
                usable.append(whole.area > 0 ? rb : nil)
                for o in try library.orientations(of: part, stockGrainDegrees: sheets[s].grainDegrees)
                where OrientationSearch.fits(o, inside: rb) && part.shape.area <= whole.area {
                    fits = true
                }
                if fits { break }
            }
            // A part whose band holds a fitting angle only between the sampled ones gets it.
            for s in sheets.indices where !fits {
                guard let rb = usable[s], part.shape.area <= rb.width * rb.height,
                      let angle = try library.fittingRotation(of: part, stockGrainDegrees: sheets[s].grainDegrees, inside: rb)
                else { continue }
                library.allowRotation(angle, for: part, stockGrainDegrees: sheets[s].grainDegrees)
                fits = true
            }
            if !fits {
                let b = part.shape.bounds
                // The stock's size, and where the margin, holes and defects leave less, what is left.
                var stock: [String] = []
                for (sheet, u) in zip(sheets, usable) {
                    let r = sheet.shape.bounds
                    guard sheet.kind == .hide else {
                        stock.append(try Self.rollSize(sheet, usable: u, part: part, library: library))
                        continue
                    }
                    let size = "\(sheet.stockName) \(Self.millimetres(r.width))×\(Self.millimetres(r.height)) mm"
                    guard let u else { stock.append(size + ": no usable leather, its margin, holes and defects cover it"); continue }
                    stock.append(size + ", usable \(Self.millimetres(u.width))×\(Self.millimetres(u.height)) mm")
                }
                throw NestError.partLargerThanStock(
                    part: part.panel, size: part.size,
                    partDimensions: "\(Self.millimetres(b.width))×\(Self.millimetres(b.height)) mm", stock: stock.joined(separator: ", "))
            }
        }
    }
}

extension ConstructiveNester {
    /// A length for a refusal, to a tenth of a millimetre: a panel 732.4 mm across is not
    /// called 732 mm beside a roll 732 mm wide inside its margins.
    static func millimetres(_ v: Double) -> String { DecimalText.trimmed(v, decimals: 1) }

    /// A roll in the message for a part it cannot hold: its width, and its length when that
    /// is what is short. The first nest's length covers any part (`Roll.planningLength`), so
    /// a length too short is the roll's declared `max_length`.
    static func rollSize(_ sheet: SheetState, usable: Rect?, part: Part, library: ShapeLibrary) throws -> String {
        let r = sheet.shape.bounds
        let wide = "\(sheet.stockName) \(millimetres(r.height)) mm wide"
        let long = "\(millimetres(r.width)) mm long (its max_length)"
        guard let usable else { return "\(wide), \(long): nothing left inside the margins" }
        let across = try library.orientations(of: part, stockGrainDegrees: sheet.grainDegrees)
            .contains { $0.body.bounds.height <= usable.height }
        return across ? "\(wide), \(long), \(millimetres(usable.height))×\(millimetres(usable.width)) mm inside the margins"
            : "\(wide), \(millimetres(usable.height)) mm inside the margins"
    }
}

extension ConstructiveNester.Outcome {
    /// The sheet states of a nest given as a result (a warm start, or a nest built by hand):
    /// a state for every piece of the job's stock, in its order, holding the result's
    /// placements of that stock in their order. Throws when a placement names no stock of
    /// the job or carries no orientation that matches its transform.
    init(job: Job, result: NestResult, context: RunContext) throws {
        let library = context.library
        sheets = try Nester.problem(of: job, context: context).emptySheets(kernel: context.kernel)
        for sheet in result.sheets {
            guard let s = sheets.firstIndex(where: { $0.stockName == sheet.stockName }) else {
                throw NestError.inconsistent("the nest places parts on \(sheet.stockName), which is not in the job's stock")
            }
            for p in sheet.placements {
                let shapes = try library.orientations(of: p.part, stockGrainDegrees: sheets[s].grainDegrees)
                sheets[s].place(p.part, shapes, orientation: try p.engineOrientation(among: shapes), at: p.transform.translation)
            }
        }
        unplaced = result.unplaced
        statistics = result.statistics
    }
}
