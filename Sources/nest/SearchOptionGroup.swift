import ArgumentParser
import NestModel

/// The search's seed, budgets, time limit and workers, shared by `nest` and `nest batch`.
/// Each overrides the job file's own value when given.
struct SearchOptionGroup: ParsableArguments {
    @Option(help: "Seed of the random search; overrides the job's seed.")
    var seed: UInt64?

    @Option(help: "Optimizer budget in iterations (default \(SearchSettings.defaultIterationsText)); overrides the job's. Same budgets and seed, same nest.")
    var iterations: Int?

    @Option(help: "Positions sampled per part, orientation and sheet for the first nest (default \(SearchSettings.defaultSamples)); overrides the job's.")
    var samples: Int?

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds and keep the best nest so far (then the result depends on the clock). Without --iterations, the optimizer then runs until the limit.")
    var timeLimit: Double?

    @Option(help: "Optimizer workers per iteration (default \(SearchSettings.defaultWorkers)): independent searches of which the best is kept. Part of the search like the budgets: the nest depends on it.")
    var workers: Int?

    /// What the options give, to lay over the job's settings.
    var overrides: SearchOverrides {
        SearchOverrides(seed: seed, samples: samples, iterations: iterations, workers: workers, timeLimitSeconds: timeLimit)
    }

    func validate() throws {
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be 0 or more") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let workers, workers < 1 || workers > 64 { throw ValidationError("--workers must be 1 to 64") }
    }
}
