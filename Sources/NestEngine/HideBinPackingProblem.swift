import NestGeometry
import NestModel

/// Nesting on hides: bin packing with leather grades. Each hide is a sheet with its holes,
/// defects and quality zones; positions are scored by their place in the fill order and by
/// the better leather a part would cover than it needs; parts that must share a hide go
/// in together; after the first nest, `HideImprover` repairs, compresses and moves units
/// between hides, and each hide's leather use per grade is measured.
struct HideBinPackingProblem: NestProblem {
    let job: Job
    /// The hides in the order the first nest fills them (`hide_order`).
    let hides: [Hide]

    /// The problem of `job`'s hides, ordered as the job says (largest usable area first,
    /// or as listed).
    init(job: Job, hides: [Hide], context: RunContext) throws {
        self.job = job
        self.hides = job.hideOrder == .largestFirst
            ? try Self.largestFirst(hides, margin: job.margin, context: context) : hides
    }

    func emptySheets(kernel: GeometryKernel) throws -> [SheetState] {
        try hides.map { try SheetState(hide: $0, margin: job.margin, kernel: kernel) }
    }

    func economy(of parts: [Part], on sheets: inout [SheetState], context: RunContext) throws -> LeatherEconomy {
        try LeatherEconomy(parts: parts, sheets: &sheets, kernel: context.kernel, quadrantSegments: context.config.quadrantSegments)
    }

    func score(for part: Part, on sheet: SheetState, economy: LeatherEconomy, config: NestConfiguration) -> PlacementScore {
        .hide(gravity: config.firstNest.gravityWeight, waste: economy.wasteCosts(for: part.minGrade), grades: sheet.grades)
    }

    var keepsGroupsTogether: Bool { true }

    func noRoomReason(for part: Part, gradeRoom: Bool) -> String {
        gradeRoom ? HideImprover.noRoomReason : "no hide has enough leather of grade \(part.minGrade.rawValue) or better"
    }

    /// The hide improver over the first nest's states (with no budget it still enforces the
    /// pair rule), then each hide's leather use per grade, measured with GEOS.
    func improve(_ first: ConstructiveNester.Outcome, context: RunContext) throws -> NestResult {
        // Boxes that all fit a rectangular sheet edge to edge, where the first nest left some out.
        let first = try BoxedStart.everyPart(on: first, spacing: job.spacing, context: context) ?? first
        var result = first.result
        let outcome = try HideImprover(job: job, context: context).improve(first, budget: context.config.optimizerIterations)
        result.sheets = outcome.sheets
        result.unplaced = outcome.unplaced
        result.statistics.optimizerIterations = outcome.iterations
        result.statistics.optimizerImprovements = outcome.improvements
        result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
        let meter = LeatherUseMeter(kernel: context.kernel)
        for i in result.sheets.indices { result.sheets[i].leatherUse = try meter.measure(result.sheets[i]) }
        return result
    }

    /// The hides by usable area (outline less holes, defects and margin), largest first;
    /// equal areas keep the job's order.
    static func largestFirst(_ hides: [Hide], margin: Double, context: RunContext) throws -> [Hide] {
        var areas: [Double] = []
        for hide in hides {
            var sheet = try SheetState(hide: hide, margin: margin, kernel: context.kernel)
            areas.append(try sheet.region(for: .D, kernel: context.kernel, quadrantSegments: context.config.quadrantSegments).area)
        }
        return hides.indices.sorted { areas[$0] != areas[$1] ? areas[$0] > areas[$1] : $0 < $1 }.map { hides[$0] }
    }
}
