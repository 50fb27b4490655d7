import NestGeometry

/// What the sheet painter draws on, in sheet coordinates (mm, y up). A backend maps them
/// to its page; line widths and small marks are given in points so they look the same
/// at any scale.
protocol SheetCanvas {
    /// How many points one millimetre of the sheet becomes on this canvas.
    var pointsPerMillimetre: Double { get }
    /// Fills the rings with the even-odd rule.
    mutating func fill(_ rings: [Ring], color: Color, opacity: Double)
    mutating func stroke(_ rings: [Ring], color: Color, widthPoints: Double, dashed: Bool)
    /// Strokes an open polyline (round joins and caps).
    mutating func strokePath(_ points: [Point], color: Color, widthPoints: Double, dashed: Bool)
    /// Diagonal hatching clipped to the rings, lines `gapPoints` apart.
    mutating func hatch(_ rings: [Ring], color: Color, gapPoints: Double)
    /// Text centred on `at`, rotated counter-clockwise by `angleDegrees`, `height` mm tall.
    mutating func text(_ lines: [String], at: Point, height: Double, angleDegrees: Double, color: Color)
    /// Starts a group for one placed part (SVG keeps it as an element with an id, its
    /// attributes and `title` as the hover text).
    mutating func beginPart(id: String, title: String, attributes: [(String, String)])
    mutating func endPart()
}
