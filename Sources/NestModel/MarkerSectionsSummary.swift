/// What became of a long marker cut into sections (the optimizer's first phase on a
/// marker of many parts): how many sections, whether their work was joined into the
/// marker, and the marker's length before and after. A regression test reads it to see
/// that the sections' gains reached the nest, and not a fallback that keeps the uncut
/// marker.
public struct MarkerSectionsSummary: Sendable, Hashable {
    /// How many sections the marker was cut into.
    public var count: Int
    /// Why the uncut marker was kept, when it was (nil when the sections were joined).
    public var keptBecause: String?
    /// The marker's length before the sections and after the phase, in mm (equal when the
    /// uncut marker was kept).
    public var lengthBefore: Double
    public var lengthAfter: Double

    /// True when the shortened sections were joined into the marker.
    public var joined: Bool { keptBecause == nil }

    public init(count: Int, keptBecause: String?, lengthBefore: Double, lengthAfter: Double) {
        self.count = count
        self.keptBecause = keptBecause
        self.lengthBefore = lengthBefore
        self.lengthAfter = lengthAfter
    }
}
