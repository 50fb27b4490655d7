import Foundation

/// The settings that decide which nest a run finds — the seed and the budgets — and the
/// time limit that may end it sooner. The one place their defaults are defined: the job
/// reader, the command's help and the engine's configuration all take them from here.
///
/// The same job and the same settings give the same nest, byte for byte, unless a time
/// limit or a signal stopped the search (then the result depends on the clock).
public struct SearchSettings: Sendable, Hashable {
    /// First-nest positions sampled per part, orientation and sheet when nothing says otherwise.
    public static let defaultSamples = 400
    /// Optimizer iterations when nothing says otherwise, for jobs of up to 250 parts.
    public static let defaultIterations = 1000
    /// Optimizer iterations per part when nothing says otherwise, and the most a default
    /// budget gives: a job's default budget is `iterationsPerPart` per part, at least
    /// `defaultIterations` and at most `maximumDefaultIterations`. An iteration moves the
    /// parts about one change (on a long marker, one window's), so a default run's time
    /// grows with its part count, not faster.
    public static let iterationsPerPart = 4
    public static let maximumDefaultIterations = 20_000
    /// The default budget of a job of `parts` parts.
    public static func defaultIterations(parts: Int) -> Int {
        min(maximumDefaultIterations, max(defaultIterations, iterationsPerPart * parts))
    }
    /// In words, for help texts.
    public static let defaultIterationsText =
        "\(iterationsPerPart) per part, at least \(defaultIterations), at most \(maximumDefaultIterations)"
    /// Independent optimizer passes per iteration (the best is kept) when nothing says otherwise.
    public static let defaultWorkers = 2

    /// Master seed: every random choice of a run derives from it.
    public var seed: UInt64 = 1
    /// Positions sampled per part, orientation and sheet for the first nest.
    public var samples: Int = defaultSamples
    /// Optimizer iterations after the first nest.
    public var iterations: IterationBudget = .iterations(defaultIterations)
    /// Independent optimizer passes per iteration; part of the search like the budgets.
    public var workers: Int = defaultWorkers
    /// Stop after this long and keep the best nest so far.
    public var timeLimitSeconds: Double?

    public init() {}

    /// The optimizer's budget in words, for documents: "3000 optimizer iterations",
    /// "optimized for up to 60 s", or both; never the internal count of a run that only a
    /// time limit or a signal ends.
    public var budgetText: String {
        let limit = timeLimitSeconds.map { String(format: "%g s", $0) }
        switch (iterations, limit) {
        case (.iterations(let n), nil): return "\(n) optimizer iterations"
        case (.iterations(let n), let t?): return "\(n) optimizer iterations within \(t)"
        case (.untilStopped, let t?): return "optimized for up to \(t)"
        case (.untilStopped, nil): return "optimized until stopped"
        }
    }

    /// The default settings of a job of `parts` parts: its budget is derived from them.
    public init(parts: Int) {
        iterations = .iterations(Self.defaultIterations(parts: parts))
    }

    /// These settings with every value `overrides` gives put in their place. A time limit
    /// given without an iteration budget means "optimize until the limit", whatever
    /// budget the settings had.
    public func overridden(by overrides: SearchOverrides) -> SearchSettings {
        var s = self
        if let v = overrides.seed { s.seed = v }
        if let v = overrides.samples { s.samples = v }
        if let v = overrides.workers { s.workers = v }
        if let t = overrides.timeLimitSeconds {
            s.timeLimitSeconds = t
            if overrides.iterations == nil { s.iterations = .untilStopped }
        }
        if let v = overrides.iterations { s.iterations = .iterations(v) }
        return s
    }
}

/// An optimizer budget: a number of iterations, or until a time limit or a signal.
public enum IterationBudget: Sendable, Hashable {
    case iterations(Int)
    case untilStopped

    /// The budget as a count for the search's loops: `untilStopped` is a count larger than
    /// any run reaches (10⁹), so the loops need no second case.
    public var count: Int {
        switch self {
        case .iterations(let n): n
        case .untilStopped: 1_000_000_000
        }
    }

    /// True when only a time limit or a signal ends the search.
    public var isUntilStopped: Bool { self == .untilStopped }
}

/// Values that take the place of some search settings (a job file's over the defaults,
/// the command line's over the job file's); nil leaves a setting as it is.
public struct SearchOverrides: Sendable, Hashable {
    public var seed: UInt64?
    public var samples: Int?
    public var iterations: Int?
    public var workers: Int?
    public var timeLimitSeconds: Double?

    public init(seed: UInt64? = nil, samples: Int? = nil, iterations: Int? = nil, workers: Int? = nil,
                timeLimitSeconds: Double? = nil) {
        self.seed = seed
        self.samples = samples
        self.iterations = iterations
        self.workers = workers
        self.timeLimitSeconds = timeLimitSeconds
    }
}
