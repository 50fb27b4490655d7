import NestGeometry

/// What the first nest minimises for one part on one sheet: its place in the fill order
/// (gravity along the sheet's primary axis, then the other axis) plus, on a hide, the
/// price of the better leather it would cover than it needs.
///
/// On a roll the primary axis is the length (x): `gravity·maxX + minY` of the body's box,
/// plus the roll's width for each millimetre the box ends beyond the parts already laid.
/// On a hide it is y: `gravity·minY + minX`, and each of the shape's interior samples
/// adds `waste[rank of the leather under it] × economyScale / samples`, where
/// `economyScale` is the gravity times the hide's height — a part covering only leather
/// under full pressure is priced as if it lay a whole hide higher.
struct PlacementScore: Sendable {
    enum Axis: Sendable {
        /// Along a roll whose parts reach `front` (mm along it), `beyond` the price of
        /// each millimetre a part would add beyond it.
        case length(front: Double, beyond: Double)
        case height
        /// Lowest where the box's centre lies furthest along the direction (x, y).
        case toward(Double, Double)
    }
    let axis: Axis
    let gravity: Double
    /// Per leather rank, the waste cost of this part there (empty: no pricing).
    let waste: [Double]
    let grades: GradeMap?
    let economyScale: Double

    /// The roll score for the next part on `layout` (a roll's strip): a millimetre added
    /// beyond the length its parts already use costs as much as the whole width across, so
    /// a gap within the length (the top of a column, the last cell of a row) is filled
    /// before the marker grows.
    static func roll(gravity: Double, on layout: SearchLayout) -> PlacementScore {
        PlacementScore(axis: .length(front: layout.usedLength - layout.margin, beyond: layout.width), gravity: gravity,
                       waste: [], grades: nil, economyScale: 0)
    }

    /// A score that pushes a part as far as it goes in direction (`x`, `y`) and nothing
    /// else (the final fill's joint search for a pair: its first part against each side).
    static func toward(_ x: Double, _ y: Double) -> PlacementScore {
        PlacementScore(axis: .toward(x, y), gravity: 0, waste: [], grades: nil, economyScale: 0)
    }

    /// The hide score for a part whose waste costs are `waste` on a hide priced by `grades`.
    static func hide(gravity: Double, waste: [Double] = [], grades: GradeMap? = nil) -> PlacementScore {
        let priced = grades != nil && waste.contains { $0 > 0 }
        let height = grades.map { Double($0.grid.rows) * $0.grid.cell } ?? 0
        return PlacementScore(axis: .height, gravity: gravity, waste: priced ? waste : [], grades: priced ? grades : nil,
                              economyScale: gravity * height)
    }

    /// The score without the price of the leather under the part: never above the full
    /// score (a price is never negative, and adding it never rounds below), the same where
    /// nothing is priced. A search that keeps only scores under a bound skips a translation
    /// whose place alone already reaches it, without looking at the leather.
    @inline(__always)
    func lowerBound(_ shape: OrientedShape, at t: Point) -> Double {
        guard case .height = axis, grades != nil else { return self(shape, at: t) }
        let box = shape.body.bounds.offsetBy(t)
        return gravity * box.minY + box.minX
    }

    @inline(__always)
    func callAsFunction(_ shape: OrientedShape, at t: Point) -> Double {
        let box = shape.body.bounds.offsetBy(t)
        switch axis {
        case let .length(front, beyond):
            return gravity * box.maxX + box.minY + beyond * max(0, box.maxX - front)
        case let .toward(x, y):
            return -(x * (box.minX + box.maxX) + y * (box.minY + box.maxY)) / 2
        case .height:
            var s = gravity * box.minY + box.minX
            if let grades, !shape.samples.isEmpty {
                var cost = 0.0
                for p in shape.samples { cost += waste[grades.rank(at: p + t)] }
                s += economyScale * cost / Double(shape.samples.count)
            }
            return s
        }
    }
}
