import NestCollision
import NestGeometry
import NestModel

/// A sheet's stock hazards one by one, with the names a cutting room gives them — the
/// stock's edge, hole 2, defect 3 (brand), zone 1 (grade C) — and which grades each one
/// stops: the engine's answer to "what is in this part's way here?". The search tests parts
/// against the merged `FreeRegion` of their grade; this names the hazards that region was
/// made of (same margin rules: the outline shrunk by the margin, holes and blocking defects
/// grown by it, worse zones as they are).
struct SheetHazards {
    private let hazards: StockHazards
    private let names: [Int: String]
    /// Per hazard id, whether it stops a part whose worst allowed grade is the argument.
    private let stops: [Int: @Sendable (Grade) -> Bool]

    init(_ sheet: SheetState, kernel: GeometryKernel, quadrantSegments: Int) throws {
        var hazards = StockHazards()
        var names: [Int: String] = [:]
        var stops: [Int: @Sendable (Grade) -> Bool] = [:]
        let margin = sheet.margin
        func grown(_ polygons: [Polygon], _ by: Double) throws -> [Polygon] {
            by == 0 ? polygons : try kernel.offset(polygons, by: by, quadrantSegments: quadrantSegments)
        }
        var id = 0
        let stock = sheet.kind == .roll ? "the roll" : "the hide"
        let edge = margin > 0 ? "\(stock)'s edge (margin \(DecimalText.trimmed(margin, decimals: 2)) mm)" : "\(stock)'s edge"
        hazards.register(id, .keepIn, try grown([Polygon(exterior: sheet.shape.exterior)], -margin))
        names[id] = edge
        stops[id] = { _ in true }
        for (k, hole) in sheet.shape.holes.enumerated() {
            id += 1
            hazards.register(id, .keepOut, try grown([Polygon(exterior: hole)], margin))
            names[id] = "hole \(k + 1)"
            stops[id] = { _ in true }
        }
        for (k, defect) in sheet.defects.enumerated() {
            id += 1
            hazards.register(id, .keepOut, try grown([defect.shape], margin))
            names[id] = "defect \(k + 1) (\(defect.kind))"
            stops[id] = { grade in defect.blocks(minimum: grade) }
        }
        for (k, zone) in sheet.zones.enumerated() {
            id += 1
            hazards.register(id, .keepOut, [zone.shape])
            names[id] = "zone \(k + 1) (grade \(zone.grade.rawValue))"
            stops[id] = { grade in !zone.grade.isAcceptable(forMinimum: grade) }
        }
        self.hazards = hazards
        self.names = names
        self.stops = stops
    }

    /// The names of the hazards that `body` (a part's collision body) at `t` runs into, for a
    /// part whose worst allowed grade is `grade`, in the order the stock lists them.
    func met(by body: CollisionPolygon, at t: Point, grade: Grade) -> [String] {
        hazards.collisions(of: body, at: t) { stops[$0]?(grade) ?? false }.compactMap { names[$0] }
    }
}
