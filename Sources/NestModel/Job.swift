/// A complete nesting job: stock, order and the rules and budget for cutting it.
///
/// Lengths in millimetres. `search` holds the seed and the budgets that make a run
/// reproducible, and the time limit that may stop it earlier.
public struct Job: Sendable, Hashable {
    public var name: String
    public var stock: Stock
    public var order: [OrderLine]
    public var spacing: Double
    public var margin: Double
    public var search: SearchSettings
    /// What the reader changed in the input and says so (e.g. a repaired outline), for
    /// the user and the report. Empty for clean input.
    public var notes: [String] = []
    /// Which parts must come from the same hide: each left/right pair (the default), or
    /// every panel of one pair of shoes.
    public var sameHide: SameHideRule = .pair
    /// The order in which hides are filled.
    public var hideOrder: HideOrder = .largestFirst
    /// In a cutting session: what is left of the order; `parts()` then asks only for
    /// those parts. Nil: the whole order.
    public var remaining: OrderRemainder?

    /// A job; without `search`, the default settings for its number of parts.
    public init(name: String, stock: Stock, order: [OrderLine], spacing: Double, margin: Double,
                search: SearchSettings? = nil) {
        self.name = name
        self.stock = stock
        self.order = order
        self.spacing = spacing
        self.margin = margin
        self.search = SearchSettings()
        self.search = search ?? SearchSettings(parts: parts().count)
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
