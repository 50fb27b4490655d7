import NestGeometry

/// A stock defect: a region no part may touch (a scar, brand, bite, ...).
public struct Defect: Sendable, Hashable {
    public var kind: String
    public var shape: Polygon

    public init(kind: String, shape: Polygon) {
        self.kind = kind
        self.shape = shape
    }
}

/// A quality zone of a hide: the leather inside `shape` is of `grade`. Where zones
/// overlap the worse grade applies; outside every zone the hide is grade A.
public struct QualityZone: Sendable, Hashable {
    public var grade: Grade
    public var shape: Polygon

    public init(grade: Grade, shape: Polygon) {
        self.grade = grade
        self.shape = shape
    }
}

/// One leather hide as scanned: outline with through-holes (`shape.holes`), defects
/// and quality zones, in millimetres in the hide's own frame (y up).
///
/// `grainDegrees` is the direction of the backbone, along which panels' grain must run.
public struct Hide: Sendable, Hashable {
    public var name: String
    public var material: String
    public var shape: Polygon
    public var defects: [Defect]
    public var zones: [QualityZone]
    public var grainDegrees: Double

    public init(name: String, material: String, shape: Polygon, defects: [Defect] = [], zones: [QualityZone] = [],
                grainDegrees: Double = 0) {
        self.name = name
        self.material = material
        self.shape = shape
        self.defects = defects
        self.zones = zones
        self.grainDegrees = grainDegrees
    }
}
