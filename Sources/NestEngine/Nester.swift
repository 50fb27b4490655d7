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
    /// A nest to start from (warm start): its placements still feasible are kept where they
    /// are, the other parts placed around them, then the optimizer runs as usual.
    public let start: NestStart?

    public init(job: Job, config: NestConfiguration, start: NestStart? = nil) {
        self.job = job
        self.config = config
        self.start = start
    }

    public func run(listener: some NestListener = SilentListener(), terminator: some Terminator = NeverStop()) throws
        -> NestResult
    {
        var result = try nest(listener: listener, terminator: terminator)
        // A part left out for its unit says which rule made the unit.
        if job.sameHide == .shoe {
            result.unplaced = result.unplaced.map { u in
                u.reason == HideImprover.groupReason ? UnplacedPart(part: u.part, reason: HideImprover.shoeGroupReason) : u
            }
        }
        return result
    }

    private func nest(listener: some NestListener, terminator: some Terminator) throws -> NestResult {
        // One kernel and one library of collision shapes for the whole run.
        let context = try RunContext(job: job, config: config, listener: listener, terminator: terminator)
        let (problem, first) = try Self.firstNest(of: job, context: context, start: start)
        let result = try problem.improve(first, context: context)
        guard let start, !context.terminator.shouldStop else { return result }
        // A warm start that leaves out parts the start had placed (the parts a change moved
        // found no room around the kept ones) is not what the cutting room asked for: the
        // job is nested afresh as well, and the fresh nest is taken when it places more.
        let startPlaced = start.sheets.reduce(0) { $0 + $1.placements.count }
        guard result.placedCount < min(startPlaced, job.parts().count) else { return result }
        var fresh = try problem.improve(try ConstructiveNester(job: job, context: context).fill(problem), context: context)
        guard fresh.placedArea > result.placedArea + 1e-6 else { return result }
        fresh.statistics.startPlacements = startPlaced
        fresh.statistics.keptFromStart = 0
        fresh.statistics.startReplacedByFreshNest = true
        // Why the warm start had to move what it moved still holds.
        fresh.statistics.startMoved = result.statistics.startMoved
        return fresh
    }

    /// The first nest of `job` and the problem it was laid on. A roll's first nest is laid on
    /// the length the order plans for (`Roll.planningLength`), not on the whole roll: its
    /// samples and rasters spread over that length, so a 100 m roll gives the same nest as a
    /// 10 m one; when it needs more, the length doubles, up to the roll's (an open roll's:
    /// `Roll.longestLength`).
    static func firstNest(of job: Job, context: RunContext, start: NestStart?) throws
        -> (problem: any NestProblem, outcome: ConstructiveNester.Outcome)
    {
        let nester = ConstructiveNester(job: job, context: context)
        guard case .roll(let roll) = job.stock else {
            let problem = try problem(of: job, context: context)
            return (problem, try nester.fill(problem, start: start))
        }
        var planned = roll
        planned.maxLength = min(roll.maxLength, roll.planningLength(for: job.parts(), spacing: job.spacing, margin: job.margin))
        var problem = StripPackingProblem(job: job, roll: planned)
        var first = try nester.fill(problem, start: start)
        while !first.result.unplaced.isEmpty, planned.maxLength < roll.maxLength, !context.terminator.shouldStop {
            planned.maxLength = min(roll.maxLength, 2 * planned.maxLength)
            problem = StripPackingProblem(job: job, roll: planned)
            first = try nester.fill(problem, start: start)
        }
        return (problem, first)
    }

    /// The problem `job` poses: strip packing on a roll, bin packing on hides.
    static func problem(of job: Job, context: RunContext) throws -> any NestProblem {
        switch job.stock {
        case .roll(let roll): StripPackingProblem(job: job, roll: roll)
        case .hides(let hides): try HideBinPackingProblem(job: job, hides: hides, context: context)
        }
    }
}
