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
    public var iterations: Int
    public var samples: Int
    /// What the reader changed in the input and says so (e.g. a repaired outline), for
    /// the user and the report. Empty for clean input.
    public var notes: [String] = []
    public var timeLimitSeconds: Double?

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
