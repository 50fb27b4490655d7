import NestGeometry

/// The stock's own hazards one by one — its usable outline, each hole, each defect, each
/// quality zone — registered under an id the caller chooses, so that a query can say *which*
/// of them a shape at a pose runs into. The search itself tests a part against the one
/// `FreeRegion` GEOS merged them into for the part's grade (fast, yes or no); this collector
/// answers the question that region cannot: why a pose is refused.
///
/// Guarantees: a keep-in hazard is met exactly when the shape does not lie strictly inside
/// its region (`FreeRegion.contains`), a keep-out hazard exactly when the shape shares any
/// point with its region (`FreeRegion.meets`); the filter decides which hazards matter for
/// the part asking (its grade decides which zones and defects do). Results come in
/// registration order, so they are deterministic.
public struct StockHazards: Sendable {
    /// How a hazard constrains a shape.
    public enum Rule: Sendable, Hashable {
        /// The shape must lie inside (the stock's outline, shrunk by the margin).
        case keepIn
        /// The shape must keep clear (a hole, a defect, a zone, grown by what must stay clear).
        case keepOut
    }

    private struct Entry: Sendable {
        let id: Int
        let rule: Rule
        let region: FreeRegion
    }

    private var entries: [Entry] = []

    public init() {}

    /// The ids registered, in order.
    public var ids: [Int] { entries.map(\.id) }

    /// Registers `polygons` as hazard `id` (replacing one registered under that id).
    public mutating func register(_ id: Int, _ rule: Rule, _ polygons: [Polygon]) {
        remove(id)
        entries.append(Entry(id: id, rule: rule, region: FreeRegion(polygons)))
    }

    /// Removes hazard `id` (nothing when it is not registered).
    public mutating func remove(_ id: Int) {
        entries.removeAll { $0.id == id }
    }

    /// The ids of the hazards that `shape` at `t` runs into, among those `filter` keeps.
    public func collisions(of shape: CollisionPolygon, at t: Point, filter: (Int) -> Bool = { _ in true }) -> [Int] {
        var hit: [Int] = []
        for e in entries where filter(e.id) {
            switch e.rule {
            case .keepIn: if !e.region.contains(shape, at: t) { hit.append(e.id) }
            case .keepOut: if e.region.meets(shape, at: t) { hit.append(e.id) }
            }
        }
        return hit
    }
}
