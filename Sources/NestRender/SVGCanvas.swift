import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// A `SheetCanvas` that writes SVG elements in sheet millimetres (the document flips y).
/// Cairo's SVG surface cannot give elements ids or attributes, which the cut sheet's
/// parts need so that other tools can pick them out; hence this small writer.
struct SVGCanvas: SheetCanvas {
    var body = ""
    /// Put before every id, so several sheets can share one HTML document.
    var idPrefix = ""
    var pointsPerMillimetre: Double { 72 / 25.4 }

    static func number(_ v: Double) -> String { DecimalText.trimmed(v, decimals: 3) }

    /// `s` as XML text or attribute value: `&`, `<`, `>` and `"` written as entities, in
    /// one pass over its scalars (a string with none of them is returned as it is).
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    func pathData(_ rings: [Ring]) -> String {
        var d = ""
        for r in rings where r.count >= 2 {
            d += "M" + r.points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " L") + " Z "
        }
        return String(d.dropLast())
    }

    func mm(_ points: Double) -> String { Self.number(points / pointsPerMillimetre) }

    mutating func fill(_ rings: [Ring], color: Color, opacity: Double) {
        let o = opacity < 1 ? " fill-opacity=\"\(Self.number(opacity))\"" : ""
        body += "<path d=\"\(pathData(rings))\" fill=\"\(color.hex)\"\(o) fill-rule=\"evenodd\"/>\n"
    }

    mutating func stroke(_ rings: [Ring], color: Color, widthPoints: Double, dashed: Bool) {
        let dash = dashed ? " stroke-dasharray=\"\(mm(3)) \(mm(2))\"" : ""
        body += "<path d=\"\(pathData(rings))\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(mm(widthPoints))\""
            + " stroke-linejoin=\"round\"\(dash)/>\n"
    }

    mutating func strokePath(_ points: [Point], color: Color, widthPoints: Double, dashed: Bool) {
        guard points.count >= 2 else { return }
        let dash = dashed ? " stroke-dasharray=\"\(mm(2.5)) \(mm(2))\"" : ""
        let d = "M" + points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " L")
        body += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(mm(widthPoints))\""
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)/>\n"
    }

    mutating func hatch(_ rings: [Ring], color: Color, gapPoints: Double) {
        let id = idPrefix + (color == .defect ? "hatch-defect" : "hatch-hole")
        body += "<path d=\"\(pathData(rings))\" fill=\"url(#\(id))\" fill-rule=\"evenodd\"/>\n"
    }

    mutating func text(_ lines: [String], at: Point, height: Double, angleDegrees: Double, color: Color) {
        let lineHeight = height * 1.15
        let top = -lineHeight * Double(lines.count) / 2
        body += "<text transform=\"translate(\(Self.number(at.x)) \(Self.number(at.y))) scale(1 -1) rotate(\(Self.number(-angleDegrees)))\""
            + " font-family=\"DejaVu Sans, sans-serif\" font-size=\"\(Self.number(height))\" text-anchor=\"middle\" fill=\"\(color.hex)\">"
        for (i, line) in lines.enumerated() {
            body += "<tspan x=\"0\" y=\"\(Self.number(top + lineHeight * (Double(i) + 0.78)))\">\(Self.escape(line))</tspan>"
        }
        body += "</text>\n"
    }

    mutating func beginPart(id: String, title: String, attributes: [(String, String)]) {
        body += "<g id=\"\(Self.escape(idPrefix + id))\" class=\"part\""
        for (k, v) in attributes { body += " \(k)=\"\(Self.escape(v))\"" }
        body += "><title>\(Self.escape(title))</title>\n"
    }

    mutating func endPart() { body += "</g>\n" }
}

/// Writes one sheet as a true-scale SVG (document units millimetres): the same drawing
/// as the PDF page, a title line above it, each part a `<g>` with an id and its panel,
/// size, side and grade as attributes.
public enum SVGCutSheet {
    /// - Parameters:
    ///   - toolpath: drawn on top as a group `<g id="toolpath" class="toolpath">` (cut
    ///     order, start points, directions, air moves), when given.
    ///   - idPrefix: put before every id (and reference), so that several sheets can be
    ///     inlined in one HTML page.
    public static func document(scene: SheetScene, index: Int, count: Int, info: CutSheetInfo, toolpath: SheetToolpath? = nil,
                                idPrefix: String = "") -> String {
        let sheet = scene.sheet
        let pad = 10.0, title = 24.0
        let b = sheet.shape.bounds
        let w = b.width + 2 * pad, h = b.height + 2 * pad + title
        let n = SVGCanvas.number
        var canvas = SVGCanvas()
        canvas.idPrefix = idPrefix
        let p = idPrefix
        SheetPainter(scene: scene).paint(on: &canvas)
        let lines = info.titleLines(for: sheet, index: index, count: count)
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(w))mm" height="\(n(h))mm" viewBox="0 0 \(n(w)) \(n(h))">
        <title>\(SVGCanvas.escape(lines[0]))</title>
        <defs>
        <pattern id="\(p)hatch-defect" patternUnits="userSpaceOnUse" width="2" height="2" patternTransform="rotate(45)"><rect width="2" height="2" fill="#ffffff" fill-opacity="0.5"/><line x1="0" y1="0" x2="0" y2="2" stroke="\(Color.defect.hex)" stroke-width="0.5"/></pattern>
        <pattern id="\(p)hatch-hole" patternUnits="userSpaceOnUse" width="2.5" height="2.5" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="2.5" stroke="\(Color.hole.hex)" stroke-width="0.4"/></pattern>
        </defs>
        <rect width="\(n(w))" height="\(n(h))" fill="#ffffff"/>
        <text x="\(n(pad))" y="\(n(pad + 6))" font-family="DejaVu Sans, sans-serif" font-size="7" font-weight="bold" fill="#222222">\(SVGCanvas.escape(lines[0]))</text>
        <text x="\(n(pad))" y="\(n(pad + 13))" font-family="DejaVu Sans, sans-serif" font-size="5" fill="#222222">\(SVGCanvas.escape(lines[1]))</text>
        <text x="\(n(pad))" y="\(n(pad + 19))" font-family="DejaVu Sans, sans-serif" font-size="4" fill="#222222">\(SVGCanvas.escape(lines[2]))</text>
        <g id="\(p)sheet" transform="translate(\(n(pad - b.minX)) \(n(pad + title + b.maxY))) scale(1 -1)">

        """
        svg += canvas.body
        if let toolpath {
            var layer = SVGCanvas()
            ToolpathPainter(sheet: sheet, toolpath: toolpath).paint(on: &layer, background: false)
            svg += "<g id=\"\(p)toolpath\" class=\"toolpath\">\n" + layer.body + "</g>\n"
        }
        svg += "</g>\n</svg>\n"
        return svg
    }
}
