import NestGeometry
import NestModel

/// The nesting engine's front door: a constructive first nest, then the optimizer for
/// `config.optimizerIterations` iterations (or until the terminator stops it): the strip
/// optimizer on rolls, the hide improver on hides.
///
/// Deterministic for a given job and configuration (seed and budgets), whatever the
/// thread count; the clock matters only through the terminator.
public struct Nester {
    public let job: Job
    public let config: NestConfiguration

    public init(job: Job, config: NestConfiguration) {
        self.job = job
        self.config = config
    }

    public func run(listener: some NestListener = SilentListener(), terminator: some Terminator = NeverStop()) throws
        -> NestResult
    {
        var job = job
        if case .hides(let hides) = job.stock, job.hideOrder == .largestFirst {
            job.stock = .hides(try Self.largestFirst(hides, margin: job.margin, quadrantSegments: config.quadrantSegments))
        }
        // One library of collision shapes for the first nest and the optimizer.
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: job.spacing, config: config)
        let constructive = ConstructiveNester(job: job, config: config, library: library)
        var result = try constructive.run(listener: listener, terminator: terminator)
        // On hides the improver always runs: with no budget it still enforces the pair rule.
        if case .hides = job.stock {
            let outcome = try HideImprover(job: job, config: config, library: library).improve(
                result, budget: config.optimizerIterations, listener: listener, terminator: terminator)
            result.sheets = outcome.sheets
            result.unplaced = outcome.unplaced
            result.statistics.optimizerIterations = outcome.iterations
            result.statistics.optimizerImprovements = outcome.improvements
            result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
            let meter = LeatherUseMeter(kernel: try GeometryKernel())
            for i in result.sheets.indices { result.sheets[i].leatherUse = try meter.measure(result.sheets[i]) }
            return result
        }
        guard case .roll(let roll) = job.stock, config.optimizerIterations > 0, result.unplaced.isEmpty,
              let sheet = result.sheets.first, result.sheets.count == 1, !terminator.shouldStop else { return result }

        // Build the optimizer's state from the constructive nest.
        var items: [SearchLayout.Item] = []
        for p in sheet.placements {
            let shapes = try library.orientations(of: p.part, stockGrainDegrees: 0)
            let o = try p.engineOrientation(among: shapes)
            items.append(SearchLayout.Item(part: p.part.id, grade: p.part.minGrade, shapes: shapes, orientation: o, position: p.transform.translation))
        }
        let start = SearchLayout(items: items, width: roll.width, margin: job.margin, length: sheet.length,
                                maxLength: roll.maxLength)
        guard start.isFeasible else { return result }  // never start from an infeasible state
        let outcome = StripOptimizer(config: config).improve(
            start, budget: config.optimizerIterations, listener: listener, terminator: terminator,
            placedArea: sheet.placedArea, partsTotal: sheet.placements.count)
        let byID = Dictionary(uniqueKeysWithValues: sheet.placements.map { ($0.part.id, $0.part) })
        var state = SheetState(roll: roll, margin: job.margin)
        for item in outcome.layout.items {
            let s = item.shape
            state.placements.append(Placement(part: byID[item.part]!, transform: Transform(
                rotationDegrees: s.rotationDegrees, mirrored: s.mirrored, translation: item.position),
                orientation: item.orientation))
        }
        result.sheets = [state.sheet()]
        result.statistics.optimizerIterations = outcome.iterations
        result.statistics.optimizerImprovements = outcome.improvements
        result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
        return result
    }

    /// The hides by usable area (outline less holes, defects and margin), largest first;
    /// equal areas keep the job's order.
    static func largestFirst(_ hides: [Hide], margin: Double, quadrantSegments: Int) throws -> [Hide] {
        let kernel = try GeometryKernel()
        var areas: [Double] = []
        for hide in hides {
            var sheet = try SheetState(hide: hide, margin: margin, kernel: kernel)
            areas.append(try sheet.region(for: .D, kernel: kernel, quadrantSegments: quadrantSegments).area)
        }
        return hides.indices.sorted { areas[$0] != areas[$1] ? areas[$0] > areas[$1] : $0 < $1 }.map { hides[$0] }
    }
}
