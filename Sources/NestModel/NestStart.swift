/// A nest to start from — a warm start: the placements of an earlier report of the same job
/// (after a defect was marked late on a hide, or pairs were added to the order), sheet by
/// sheet by the stock's name.
///
/// Placements name their part as the report does — panel, size, side, material — not by an
/// id: equal parts are interchangeable. The engine keeps each placement that is still
/// feasible where it was and places the rest anew; nothing here is trusted to be feasible.
public struct NestStart: Sendable {
    /// One placement as the report gave it: the part, then mirror, rotate, translate.
    public struct Placed: Sendable {
        public var panel: String
        public var size: String
        public var side: Side
        public var material: String
        public var rotationDegrees: Double
        public var mirrored: Bool
        public var x: Double
        public var y: Double

        public init(panel: String, size: String, side: Side, material: String, rotationDegrees: Double, mirrored: Bool,
                    x: Double, y: Double) {
            self.panel = panel
            self.size = size
            self.side = side
            self.material = material
            self.rotationDegrees = rotationDegrees
            self.mirrored = mirrored
            self.x = x
            self.y = y
        }

        /// True when `part` is the part this placement names.
        public func names(_ part: Part) -> Bool {
            part.panel == panel && part.size == size && part.side == side && part.material == material
        }
    }

    /// The placements on one piece of stock, in the report's order.
    public struct Sheet: Sendable {
        public var stock: String
        public var placements: [Placed]

        public init(stock: String, placements: [Placed]) {
            self.stock = stock
            self.placements = placements
        }
    }

    public var sheets: [Sheet]
    /// Where it was read from (for messages).
    public var source: String

    public init(sheets: [Sheet], source: String) {
        self.sheets = sheets
        self.source = source
    }
}
