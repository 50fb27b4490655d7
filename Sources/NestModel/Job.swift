/// A complete nesting job: stock, order and the rules and budget for cutting it.
///
/// Lengths in millimetres. The budgets bound the search so a run is reproducible:
/// `samples` positions per part, orientation and sheet for the first nest, then
/// `iterations` optimizer iterations (rolls). `timeLimitSeconds`, when set, may stop it
/// earlier (then the run depends on the clock).
public struct Job: Sendable, Hashable {
    public var name: String
    public var stock: Stock
    public var order: [OrderLine]
    public var spacing: Double
    public var margin: Double
    public var seed: UInt64
    /// Optimizer iterations; `Job.untilStopped` when only a time limit or a signal ends it.
    public var iterations: Int
    public var samples: Int
    /// What the reader changed in the input and says so (e.g. a repaired outline), for
    /// the user and the report. Empty for clean input.
    public var notes: [String] = []
    public var timeLimitSeconds: Double?
    /// Which parts must come from the same hide: each left/right pair (the default), or
    /// every panel of one pair of shoes.
    public var sameHide: SameHideRule = .pair
    /// The order in which hides are filled.
    public var hideOrder: HideOrder = .largestFirst

    /// The iteration budget that means "until the time limit or a signal": larger than any
    /// run reaches, so the search's loops need no second case. The one place it is defined.
    public static let untilStopped = 1_000_000_000

    public init(name: String, stock: Stock, order: [OrderLine], spacing: Double, margin: Double, seed: UInt64,
                iterations: Int, timeLimitSeconds: Double?, samples: Int = 400) {
        self.name = name
        self.stock = stock
        self.order = order
        self.spacing = spacing
        self.margin = margin
        self.seed = seed
        self.iterations = iterations
        self.samples = samples
        self.timeLimitSeconds = timeLimitSeconds
    }
}

/// Which parts of an order must be cut from the same hide, so that they match in shade
/// and feel.
public enum SameHideRule: String, Sendable, Hashable, CaseIterable {
    /// The left and right part of each mirrored pair.
    case pair
    /// Every panel of one pair of shoes (of this stock's material).
    case shoe
}

/// The order in which the nester fills the hides of a job.
public enum HideOrder: String, Sendable, Hashable, CaseIterable {
    /// The largest usable area first: fewest hides for the order.
    case largestFirst = "largest_first"
    /// As the job lists them (e.g. the hides already on the table first).
    case asListed = "as_listed"
}
