import NestGeometry

/// How bad a defect is: which parts may still lie on it.
public enum DefectSeverity: String, Sendable, Hashable, CaseIterable {
    /// No part may touch it (the default): a hole in all but name.
    case critical
    /// Leather of grade D: only parts whose worst allowed grade is D may lie on it.
    case major
    /// Leather of grade C: parts whose worst allowed grade is C or D may lie on it.
    case minor

    /// The grade of leather the defect counts as, nil when no part may touch it.
    public var grade: Grade? {
        switch self {
        case .critical: nil
        case .major: .D
        case .minor: .C
        }
    }
}

/// A stock defect (a scar, brand, bite, ...): `shape` is the region to keep clear of,
/// `outline` grown by `clearance` mm; `severity` says which parts may lie on it.
public struct Defect: Sendable, Hashable {
    public var kind: String
    public var shape: Polygon
    /// The defect as marked on the hide (equal to `shape` without clearance).
    public var outline: Polygon
    public var severity: DefectSeverity
    public var clearance: Double

    public init(kind: String, shape: Polygon, outline: Polygon? = nil, severity: DefectSeverity = .critical,
                clearance: Double = 0) {
        self.kind = kind
        self.shape = shape
        self.outline = outline ?? shape
        self.severity = severity
        self.clearance = clearance
    }

    /// True when a part whose worst allowed grade is `minimum` must keep clear of it.
    public func blocks(minimum: Grade) -> Bool {
        guard let g = severity.grade else { return true }
        return !g.isAcceptable(forMinimum: minimum)
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
    /// What the reader noticed and read as written, for the user to see (a defect that lies
    /// wholly outside the outline: harmless, but the sign of a scan registered against
    /// another outline). Each names the file and the item.
    public var notes: [String] = []

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
