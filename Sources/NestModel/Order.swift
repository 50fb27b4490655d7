/// One line of an order: a pattern and how many pairs of each size.
public struct OrderLine: Sendable, Hashable {
    /// Where the pattern came from, as the job names it (for messages and reports).
    public var patternSource: String
    public var pattern: Pattern
    /// Sizes with their pair counts, in the pattern's size order.
    public var pairs: [(size: String, count: Int)]

    public init(patternSource: String, pattern: Pattern, pairs: [(size: String, count: Int)]) {
        self.patternSource = patternSource
        self.pattern = pattern
        self.pairs = pairs
    }

    public static func == (a: OrderLine, b: OrderLine) -> Bool {
        a.patternSource == b.patternSource && a.pattern == b.pattern
            && a.pairs.map(\.size) == b.pairs.map(\.size) && a.pairs.map(\.count) == b.pairs.map(\.count)
    }

    public func hash(into h: inout Hasher) {
        h.combine(patternSource)
        h.combine(pairs.map(\.size))
        h.combine(pairs.map(\.count))
    }
}
