import NestGeometry

/// The translations that keep a shape's box inside a container's box, and the engine's one
/// way to draw a candidate translation from them. Both searches sample through it: the
/// first nest's `PositionSearch` (over a sheet's free region, some draws aimed at clearance
/// cells instead) and the separator's `PoseSearch` (across the container, or near the item).
///
/// Guarantees: a drawn translation lies in the range (the shape's box in the container's);
/// the draws depend only on the generator's state, so a seed gives the same candidates.
struct TranslationRange {
    let minX: Double, maxX: Double, minY: Double, maxY: Double

    /// The translations putting `box` (a shape's box at the origin) inside `container`; nil
    /// when the box is larger than the container.
    init?(keeping box: Rect, inside container: Rect) {
        self.init(minX: container.minX - box.minX, maxX: container.maxX - box.maxX,
                  minY: container.minY - box.minY, maxY: container.maxY - box.maxY)
    }

    private init?(minX: Double, maxX: Double, minY: Double, maxY: Double) {
        guard minX <= maxX, minY <= maxY else { return nil }
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    /// The part of the range that keeps `box` within half its size of `here` (where the
    /// shape lies now): the draws near an item. Nil when that part is empty.
    func near(_ here: Rect, box: Rect) -> TranslationRange? {
        TranslationRange(minX: max(minX, here.minX - box.minX - box.width / 2),
                         maxX: min(maxX, here.maxX - box.maxX + box.width / 2),
                         minY: max(minY, here.minY - box.minY - box.height / 2),
                         maxY: min(maxY, here.maxY - box.maxY + box.height / 2))
    }

    /// A translation drawn uniformly from the range (two draws of the generator).
    @inline(__always)
    func draw(_ rng: inout SeededGenerator) -> Point {
        Point(minX + (maxX - minX) * rng.nextUnit(), minY + (maxY - minY) * rng.nextUnit())
    }
}
