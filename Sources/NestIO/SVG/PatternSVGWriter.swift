import Foundation
import NestGeometry
import NestModel

/// Writes a pattern as SVG in millimetres (`viewBox` in mm, `width`/`height` with "mm"),
/// y up through one `scale(1,-1)` group so coordinates stay the pattern's own: one
/// `<g class="piece" data-piece-name=…>` per piece and size with its boundary
/// (`class="boundary"`), cut-outs (`class="cutout"`) and grain line (`class="grain"`),
/// the system text as `data-*` attributes, style text on the root. `SVGImporter` reads
/// it back to the same pattern. Deterministic.
public enum PatternSVGWriter {
    public static func document(_ p: Pattern) -> String {
        func num(_ v: Double) -> String { JSONValue.format(v, decimals: 10) }
        func attr(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "<", with: "&lt;")
        }
        func data(_ pairs: [(String, String)]) -> String {
            pairs.map { " data-\($0.0.lowercased().replacingOccurrences(of: " ", with: "-"))=\"\(attr($0.1))\"" }.joined()
        }
        func path(_ r: Ring) -> String {
            "M " + r.points.map { "\(num($0.x)) \(num($0.y))" }.joined(separator: " L ") + " Z"
        }
        var box = Rect.empty
        for panel in p.panels { for (_, s) in PatternSystemText.outlines(p, panel) { box = box.union(s.bounds) } }
        if box.isEmpty { box = Rect(minX: 0, minY: 0, maxX: 1, maxY: 1) }
        let m = 10.0
        let w = box.width + 2 * m, h = box.height + 2 * m
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(num(w))mm" height="\(num(h))mm" \
            viewBox="\(num(box.minX - m)) \(num(-box.maxY - m)) \(num(w)) \(num(h))"\(data(PatternSystemText.style(p)))>
              <g transform="scale(1,-1)" fill="none" stroke="black" stroke-width="0.3">

            """
        for panel in p.panels {
            for (size, shape) in PatternSystemText.outlines(p, panel) {
                out += "    <g class=\"piece\"\(data(PatternSystemText.piece(panel, size: size)))>\n"
                out += "      <path class=\"boundary\" d=\"\(path(shape.exterior))\"/>\n"
                for hole in shape.holes { out += "      <path class=\"cutout\" d=\"\(path(hole))\"/>\n" }
                let (a, b) = PatternSystemText.grainLine(panel, shape)
                out += "      <line class=\"grain\" x1=\"\(num(a.x))\" y1=\"\(num(a.y))\" x2=\"\(num(b.x))\" y2=\"\(num(b.y))\"/>\n"
                out += "    </g>\n"
            }
        }
        out += "  </g>\n</svg>\n"
        return out
    }
}
