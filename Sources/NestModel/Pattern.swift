import NestGeometry

/// One shoe model's panels at a base size, with its size run and grading.
///
/// Guarantees (checked by the reader): `sizes` is non-empty and contains `baseSize`;
/// panel names are unique.
public struct Pattern: Sendable, Hashable {
    public var model: String
    public var sizeSystem: String
    public var sizes: [String]
    public var baseSize: String
    public var grading: Grading
    public var panels: [Panel]
    /// What the reader left out or repaired, each note naming the file and the item (a
    /// CAD piece with quantity 0, ...): shown to the user and kept in the report.
    public var notes: [String] = []

    public init(model: String, sizeSystem: String, sizes: [String], baseSize: String, grading: Grading, panels: [Panel]) {
        self.model = model
        self.sizeSystem = sizeSystem
        self.sizes = sizes
        self.baseSize = baseSize
        self.grading = grading
        self.panels = panels
    }

    /// Size steps from the base size to `size`, or nil when the size is not in the run.
    public func steps(to size: String) -> Int? {
        guard let i = sizes.firstIndex(of: size), let b = sizes.firstIndex(of: baseSize) else { return nil }
        return i - b
    }

    /// The panel's outline at `size`: its graded-set outline when it has one for that
    /// size, otherwise the base outline scaled by the grading rule (nil for a size outside
    /// the run, or a rule the size system cannot apply).
    public func shape(of panel: Panel, size: String) -> Polygon? {
        if let graded = panel.gradedShapes[size], sizes.contains(size) { return graded }
        guard let k = steps(to: size) else { return nil }
        let b = panel.shape.bounds
        guard let s = (panel.grading ?? grading).scale(extent: (b.width, b.height), steps: k,
                                                        system: SizeSystem(name: sizeSystem), base: baseSize, size: size)
        else { return nil }
        if s.x == 1, s.y == 1 { return panel.shape }
        func scaled(_ r: Ring) -> Ring { Ring(points: r.points.map { Point($0.x * s.x, $0.y * s.y) }) }
        return Polygon(exterior: scaled(panel.shape.exterior), holes: panel.shape.holes.map(scaled))
    }
}
