/// A polygon with holes: one exterior ring and any number of inner rings.
///
/// `init(exterior:holes:)` normalizes orientation: the exterior counter-clockwise,
/// holes clockwise (y up), so every consumer can rely on it. Validity (simple rings,
/// holes inside the exterior and apart) is checked by `GeometryKernel.validate`.
public struct Polygon: Hashable, Sendable {
    public private(set) var exterior: Ring
    public private(set) var holes: [Ring]

    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior.counterClockwise()
        self.holes = holes.map { $0.clockwise() }
    }

    public init(_ exterior: [Point], holes: [[Point]] = []) {
        self.init(exterior: Ring(points: exterior), holes: holes.map { Ring(points: $0) })
    }

    /// Area of the exterior minus the holes (assumes a valid polygon).
    public var area: Double { exterior.area - holes.reduce(0) { $0 + $1.area } }
    public var bounds: Rect { exterior.bounds }
    public var vertexCount: Int { exterior.count + holes.reduce(0) { $0 + $1.count } }

    /// The same polygon without its holes.
    public var filled: Polygon { Polygon(exterior: exterior) }

    public func transformed(by t: Transform) -> Polygon {
        Polygon(exterior: exterior.transformed(by: t), holes: holes.map { $0.transformed(by: t) })
    }

    /// Even-odd containment over all rings; boundary points may go either way.
    public func contains(_ p: Point) -> Bool {
        guard exterior.contains(p) else { return false }
        return !holes.contains { $0.contains(p) }
    }
}
