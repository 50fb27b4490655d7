import NestGeometry

/// What the first nest minimises for one part on one sheet: its place in the fill order
/// (gravity along the sheet's primary axis, then the other axis) plus, on a hide, the
/// price of the better leather it would cover than it needs.
///
/// On a roll the primary axis is the length (x): `gravity·maxX + minY` of the body's box.
/// On a hide it is y: `gravity·minY + minX`, and each of the shape's interior samples
/// adds `waste[rank of the leather under it] × economyScale / samples`, where
/// `economyScale` is the gravity times the hide's height — a part covering only leather
/// under full pressure is priced as if it lay a whole hide higher.
struct PlacementScore: Sendable {
    enum Axis: Sendable {
        case length, height
        /// Lowest where the box's centre lies furthest along the direction (x, y).
        case toward(Double, Double)
    }
    let axis: Axis
    let gravity: Double
    /// Per leather rank, the waste cost of this part there (empty: no pricing).
    let waste: [Double]
    let grades: GradeMap?
    let economyScale: Double

    /// The roll score.
    static func roll(gravity: Double) -> PlacementScore {
        PlacementScore(axis: .length, gravity: gravity, waste: [], grades: nil, economyScale: 0)
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

    @inline(__always)
    func callAsFunction(_ shape: OrientedShape, at t: Point) -> Double {
        let box = shape.body.bounds.offsetBy(t)
        switch axis {
        case .length:
            return gravity * box.maxX + box.minY
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
