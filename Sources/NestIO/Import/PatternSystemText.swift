import Foundation
import NestGeometry
import NestModel

/// The "Key: value" texts the pattern writers put beside each piece and the style, in
/// the words the importers read back (AAMA system text plus this project's keys).
enum PatternSystemText {
    static func number(_ v: Double) -> String { JSONValue.format(v, decimals: 9) }

    static func grading(_ g: Grading) -> [(String, String)] {
        var out = [("Length Percent Per Step", number(g.lengthPercentPerStep)), ("Width Percent Per Step", number(g.widthPercentPerStep))]
        if let l = g.lengthMillimetresPerSize { out.append(("Length mm Per Size", number(l))) }
        if let w = g.widthMillimetresPerSize { out.append(("Width mm Per Size", number(w))) }
        if g.proportionalLength { out.append(("Proportional Length", "yes")) }
        return out
    }

    static func style(_ p: Pattern) -> [(String, String)] {
        [("Style Name", p.model), ("Size System", p.sizeSystem), ("Size Run", p.sizes.joined(separator: ", ")),
         ("Sample Size", p.baseSize), ("Units", "METRIC")] + grading(p.grading)
    }

    static func piece(_ panel: Panel, size: String) -> [(String, String)] {
        var out = [("Piece Name", panel.name), ("Size", size), ("Quantity", String(panel.quantityPerPair)),
                   ("Material", panel.material), ("Min Grade", panel.minGrade.rawValue),
                   ("Mirrored Pairs", panel.mirroredPairs ? "yes" : "no"),
                   ("Grain Tolerance", number(panel.grain.toleranceDegrees)),
                   ("Grain Reversible", panel.grain.reversible ? "yes" : "no")]
        if let g = panel.grading { out += grading(g) }
        return out
    }

    /// Every (size, shape) a panel is drawn at: the base size, then its graded set in run order.
    static func outlines(_ p: Pattern, _ panel: Panel) -> [(String, Polygon)] {
        [(p.baseSize, panel.shape)] + p.sizes.compactMap { s in
            s == p.baseSize ? nil : panel.gradedShapes[s].map { (s, $0) }
        }
    }

    /// A grain line through the panel's label point along its grain direction.
    static func grainLine(_ panel: Panel, _ shape: Polygon) -> (Point, Point) {
        let c = shape.poleOfInaccessibility().point
        let r = panel.grain.directionDegrees * Double.pi / 180
        let half = 0.2 * max(shape.bounds.width, shape.bounds.height)
        let d = Point(cos(r), sin(r)) * half
        return (c - d, c + d)
    }
}
