import Foundation
import NestGeometry
import NestModel

/// Writes a pattern as an AAMA/ASTM-style ASCII DXF (R12 entities, `$INSUNITS` = mm):
/// one BLOCK per piece and size (graded sets give one per size), each with its boundary
/// (closed POLYLINE, layer 1), cut-outs (layer 11), grain line (LINE, layer 7) and piece
/// text (layer 1); the blocks are inserted at the origin, so coordinates are the
/// pattern's own. Style text sits in ENTITIES. `DXFImporter` reads it back to the same
/// pattern. Deterministic: the same pattern gives the same bytes.
///
/// This is pattern export; cut contours of a nest are the toolpath writers' job.
public enum PatternDXFWriter {
    public static func document(_ p: Pattern) -> String {
        var out = ""
        func g(_ code: Int, _ value: String) { out += "\(code)\n\(value)\n" }
        func num(_ v: Double) -> String { JSONValue.format(v, decimals: 10) }
        func point(_ p: Point, _ x: Int = 10) {
            g(x, num(p.x))
            g(x + 10, num(p.y))
        }
        func text(_ s: String, at p: Point, layer: String = "1") {
            g(0, "TEXT"); g(8, layer); point(p); g(40, "3"); g(1, s)
        }
        func polyline(_ r: Ring, layer: String) {
            g(0, "POLYLINE"); g(8, layer); g(66, "1"); g(70, "1"); point(.zero)
            for v in r.points {
                g(0, "VERTEX"); g(8, layer); point(v)
            }
            g(0, "SEQEND"); g(8, layer)
        }
        g(0, "SECTION"); g(2, "HEADER")
        g(9, "$ACADVER"); g(1, "AC1009")
        g(9, "$INSUNITS"); g(70, "4")
        g(0, "ENDSEC")
        g(0, "SECTION"); g(2, "BLOCKS")
        var names: [String] = []
        for panel in p.panels {
            for (size, shape) in PatternSystemText.outlines(p, panel) {
                let name = blockName(panel.name, size, taken: names)
                names.append(name)
                g(0, "BLOCK"); g(8, "0"); g(2, name); g(70, "0"); point(.zero); g(3, name)
                polyline(shape.exterior, layer: "1")
                for h in shape.holes { polyline(h, layer: "11") }
                let (a, b) = PatternSystemText.grainLine(panel, shape)
                g(0, "LINE"); g(8, "7"); point(a); point(b, 11)
                let at = shape.poleOfInaccessibility().point
                for (k, (key, value)) in PatternSystemText.piece(panel, size: size).enumerated() {
                    text("\(key): \(value)", at: Point(at.x, at.y - 4 * Double(k)))
                }
                g(0, "ENDBLK"); g(8, "0")
            }
        }
        g(0, "ENDSEC")
        g(0, "SECTION"); g(2, "ENTITIES")
        for name in names {
            g(0, "INSERT"); g(8, "1"); g(2, name); point(.zero)
        }
        let below = p.panels.map(\.shape.bounds).reduce(Rect.empty) { $0.union($1) }
        for (k, (key, value)) in PatternSystemText.style(p).enumerated() {
            text("\(key): \(value)", at: Point(below.minX, below.minY - 20 - 5 * Double(k)))
        }
        g(0, "ENDSEC")
        g(0, "EOF")
        return out
    }

    /// A block name from the piece and size: letters, digits, '-' and '_' only, unique.
    static func blockName(_ piece: String, _ size: String, taken: [String]) -> String {
        let raw = "\(piece)-\(size)".map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        var name = String(raw)
        var k = 2
        while taken.contains(name) {
            name = String(raw) + "_\(k)"
            k += 1
        }
        return name
    }
}
