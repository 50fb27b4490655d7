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
        // One kernel and one library of collision shapes for the whole run.
        let context = try RunContext(job: job, config: config, listener: listener, terminator: terminator)
        let problem = try Self.problem(of: job, context: context)
        let first = try ConstructiveNester(job: job, context: context).fill(problem)
        return try problem.improve(first, context: context)
    }

    /// The problem `job` poses: strip packing on a roll, bin packing on hides.
    static func problem(of job: Job, context: RunContext) throws -> any NestProblem {
        switch job.stock {
        case .roll(let roll): StripPackingProblem(roll: roll, margin: job.margin)
        case .hides(let hides): try HideBinPackingProblem(job: job, hides: hides, context: context)
        }
    }
}
