/// A complete nesting job: stock, order and the rules and budget for cutting it.
///
/// Lengths in millimetres. `iterations` bounds the search so a run is reproducible;
/// `timeLimitSeconds`, when set, may stop it earlier (then the run depends on the clock).
public struct Job: Sendable, Hashable {
    public var name: String
    public var stock: Stock
    public var order: [OrderLine]
    public var spacing: Double
    public var margin: Double
    public var seed: UInt64
    public var iterations: Int
    public var timeLimitSeconds: Double?

    public init(name: String, stock: Stock, order: [OrderLine], spacing: Double, margin: Double, seed: UInt64,
                iterations: Int, timeLimitSeconds: Double?) {
        self.name = name
        self.stock = stock
        self.order = order
        self.spacing = spacing
        self.margin = margin
        self.seed = seed
        self.iterations = iterations
        self.timeLimitSeconds = timeLimitSeconds
    }
}
