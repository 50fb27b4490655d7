/// A placement of a warm start that could not stay where it was, and why — named as the
/// report names parts, with the reason in a cutting room's words ("meets defect 3 (brand)",
/// "in zone 1 (grade C)", "meets vamp 9 L kept before it", "its pair could not stay whole").
/// The part itself was placed anew (or reported unplaced); this only says why it moved.
public struct StartMove: Sendable, Hashable {
    public var stock: String
    public var panel: String
    public var size: String
    public var side: Side
    public var reason: String

    public init(stock: String, panel: String, size: String, side: Side, reason: String) {
        self.stock = stock
        self.panel = panel
        self.size = size
        self.side = side
        self.reason = reason
    }
}
