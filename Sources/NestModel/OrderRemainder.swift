/// What is left of an order while it is cut hide by hide (a cutting session): per part
/// kind — order line, size, panel, side — how many parts are still to be cut, and the hides
/// booked so far. A job nested against it (`Job.remaining`) asks only for those parts;
/// booking a nest's placed parts takes them off.
///
/// Counts never go below zero; a kind absent from `counts` has none left.
public struct OrderRemainder: Sendable, Hashable {
    /// One kind of part of an order.
    public struct Kind: Sendable, Hashable, Comparable {
        public var orderLine: Int
        public var size: String
        public var panel: String
        public var side: Side

        public init(orderLine: Int, size: String, panel: String, side: Side) {
            self.orderLine = orderLine
            self.size = size
            self.panel = panel
            self.side = side
        }

        public init(_ part: Part) {
            self.init(orderLine: part.orderLine, size: part.size, panel: part.panel, side: part.side)
        }

        public static func < (a: Kind, b: Kind) -> Bool {
            (a.orderLine, a.size, a.panel, a.side.rawValue) < (b.orderLine, b.size, b.panel, b.side.rawValue)
        }
    }

    /// A hide (or roll) whose nest was booked off the order.
    public struct Cut: Sendable, Hashable {
        public var stock: String
        public var parts: Int

        public init(stock: String, parts: Int) {
            self.stock = stock
            self.parts = parts
        }
    }

    /// The job the order belongs to (its name), to refuse a state of another job.
    public var job: String
    public var counts: [Kind: Int]
    public var cuts: [Cut]

    public init(job: String, counts: [Kind: Int], cuts: [Cut] = []) {
        self.job = job
        self.counts = counts.filter { $0.value > 0 }
        self.cuts = cuts
    }

    /// The whole order of `job`, nothing cut yet.
    public init(opening job: Job) {
        var counts: [Kind: Int] = [:]
        var whole = job
        whole.remaining = nil
        for part in whole.parts() { counts[Kind(part), default: 0] += 1 }
        self.init(job: job.name, counts: counts)
    }

    /// Parts still to be cut.
    public var total: Int { counts.values.reduce(0, +) }

    /// Takes the placed parts of each sheet of `result` off, a booked cut per sheet.
    public mutating func book(_ result: NestResult) {
        for sheet in result.sheets where !sheet.placements.isEmpty {
            for p in sheet.placements {
                let kind = Kind(p.part)
                let left = (counts[kind] ?? 0) - 1
                counts[kind] = left > 0 ? left : nil
            }
            cuts.append(Cut(stock: sheet.stockName, parts: sheet.placements.count))
        }
    }
}
