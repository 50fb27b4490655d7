import NestGeometry

/// One pattern piece of a shoe upper at the pattern's base size, in millimetres.
///
/// `shape` is a valid polygon (checked when the pattern is read) with its inner
/// cut-outs as holes. `quantityPerPair` pieces are cut for each pair of shoes; when
/// `mirroredPairs` is true, half of them are the mirror image (the right-foot piece).
public struct Panel: Sendable, Hashable {
    public var name: String
    public var material: String
    public var shape: Polygon
    public var quantityPerPair: Int
    public var mirroredPairs: Bool
    public var grain: GrainRule
    public var minGrade: Grade
    /// Overrides the pattern's grading for this panel when set.
    public var grading: Grading?
    /// When set, exactly these rotations (degrees, counter-clockwise) are allowed and the
    /// grain rule is not used: benchmark instances give their orientations this way.
    public var fixedRotations: [Double]?
    /// A graded set: the panel's own outline at some sizes (size label → shape, in mm),
    /// used for those sizes instead of the grading rule. Empty for rule-graded panels.
    public var gradedShapes: [String: Polygon]

    public init(name: String, material: String, shape: Polygon, quantityPerPair: Int, mirroredPairs: Bool,
                grain: GrainRule, minGrade: Grade, grading: Grading? = nil, fixedRotations: [Double]? = nil,
                gradedShapes: [String: Polygon] = [:]) {
        self.name = name
        self.material = material
        self.shape = shape
        self.quantityPerPair = quantityPerPair
        self.mirroredPairs = mirroredPairs
        self.grain = grain
        self.minGrade = minGrade
        self.grading = grading
        self.fixedRotations = fixedRotations
        self.gradedShapes = gradedShapes
    }
}
