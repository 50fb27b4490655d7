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
        let first = try constructive.fill(listener: listener, terminator: terminator)
        var result = first.result
        // On hides the improver always runs: with no budget it still enforces the pair rule.
        // It takes over the first nest's sheet states as they are.
        if case .hides = job.stock {
            let outcome = try HideImprover(job: job, config: config, library: library).improve(
                first, budget: config.optimizerIterations, listener: listener, terminator: terminator)
            result.sheets = outcome.sheets
            result.unplaced = outcome.unplaced
            result.statistics.optimizerIterations = outcome.iterations
            result.statistics.optimizerImprovements = outcome.improvements
            result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
            let meter = LeatherUseMeter(kernel: try GeometryKernel())
            for i in result.sheets.indices { result.sheets[i].leatherUse = try meter.measure(result.sheets[i]) }
            return result
        }
        guard case .roll = job.stock, config.optimizerIterations > 0, result.unplaced.isEmpty,
              var state = first.sheets.first, first.sheets.count == 1, !state.layout.items.isEmpty,
              !terminator.shouldStop else { return result }

        // The optimizer works on the first nest's layout, its broad phase sized for the parts now on it.
        var start = state.layout
        start.resizeGridForItems()
        guard start.isFeasible else { return result }  // never start from an infeasible state
        let outcome = StripOptimizer(config: config).improve(
            start, budget: config.optimizerIterations, listener: listener, terminator: terminator,
            placedArea: state.placedArea, partsTotal: start.items.count)
        state.layout = outcome.layout
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
