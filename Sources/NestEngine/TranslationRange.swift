import NestCollision
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
    /// when the box is larger than the container by more than `FreeRegion.sideSlack` (a box
    /// as large as the container up to rounding has the one translation between the two).
    init?(keeping box: Rect, inside container: Rect) {
        func span(_ low: Double, _ high: Double) -> (Double, Double) {
            guard low > high, low - high <= 2 * FreeRegion.sideSlack else { return (low, high) }
            let middle = (low + high) / 2
            return (middle, middle)
        }
        let (minX, maxX) = span(container.minX - box.minX, container.maxX - box.maxX)
        let (minY, maxY) = span(container.minY - box.minY, container.maxY - box.maxY)
        self.init(minX: minX, maxX: maxX, minY: minY, maxY: maxY)
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

    /// How narrow the range may be on an axis and still be a single position there: a
    /// shape exactly as wide as its container (a band across the roll inside its margins)
    /// has one translation across it, and rounding leaves its two ends some 10⁻¹³ mm apart.
    static let pinnedWidth = 1e-9

    /// `t` with each coordinate the range pins (narrower than `pinnedWidth`) put in the
    /// middle of the range: a draw aimed elsewhere — at a clearance cell — would otherwise
    /// never land on the one position a band has. Other coordinates are left as they are.
    func pinned(_ t: Point) -> Point {
        Point(maxX - minX < Self.pinnedWidth ? (minX + maxX) / 2 : t.x,
              maxY - minY < Self.pinnedWidth ? (minY + maxY) / 2 : t.y)
    }

    /// `t` with one coordinate put on an end of the range for four in eight values of
    /// `draw` (the draw's index): the bottom or top side (minimum or maximum y), the start
    /// or the end (minimum or maximum x); `t` itself otherwise. On a rectangular region (a
    /// roll, a sheet) those ends are where a part touches the side: a part that fills the
    /// rest of the width exactly above or beside another has only that position, which
    /// uniform draws miss.
    func atSide(_ t: Point, draw: Int) -> Point {
        switch draw % 8 {
        case 4: return Point(maxX, t.y)
        case 5: return Point(t.x, minY)
        case 6: return Point(t.x, maxY)
        case 7: return Point(minX, t.y)
        default: return t
        }
    }

    /// A translation drawn uniformly from the range (two draws of the generator).
    @inline(__always)
    func draw(_ rng: inout SeededGenerator) -> Point {
        Point(minX + (maxX - minX) * rng.nextUnit(), minY + (maxY - minY) * rng.nextUnit())
    }
}
