import CCairo
import Foundation
import NestGeometry

/// A `SheetCanvas` on a Cairo context: sheet millimetres mapped to page points with y
/// flipped (`origin` is where the sheet's (minX, maxY) corner lands on the page).
struct CairoCanvas: SheetCanvas {
    let cr: OpaquePointer
    let scale: Double
    let origin: Point
    let sheetBounds: Rect

    var pointsPerMillimetre: Double { scale }

    func page(_ p: Point) -> (Double, Double) {
        (origin.x + (p.x - sheetBounds.minX) * scale, origin.y + (sheetBounds.maxY - p.y) * scale)
    }

    func path(_ rings: [Ring]) {
        cairo_new_path(cr)
        for r in rings where r.count >= 2 {
            let (x0, y0) = page(r.points[0])
            cairo_move_to(cr, x0, y0)
            for p in r.points.dropFirst() {
                let (x, y) = page(p)
                cairo_line_to(cr, x, y)
            }
            cairo_close_path(cr)
        }
    }

    func setColor(_ c: Color, _ alpha: Double = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha) }

    mutating func fill(_ rings: [Ring], color: Color, opacity: Double) {
        path(rings)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
        setColor(color, opacity)
        cairo_fill(cr)
    }

    mutating func stroke(_ rings: [Ring], color: Color, widthPoints: Double, dashed: Bool) {
        path(rings)
        strokeCurrentPath(color: color, widthPoints: widthPoints, dash: dashed ? [3, 2] : nil, cap: CAIRO_LINE_CAP_BUTT)
    }

    mutating func strokePath(_ points: [Point], color: Color, widthPoints: Double, dashed: Bool) {
        guard points.count >= 2 else { return }
        cairo_new_path(cr)
        let (x0, y0) = page(points[0])
        cairo_move_to(cr, x0, y0)
        for p in points.dropFirst() {
            let (x, y) = page(p)
            cairo_line_to(cr, x, y)
        }
        strokeCurrentPath(color: color, widthPoints: widthPoints, dash: dashed ? [2.5, 2] : nil, cap: CAIRO_LINE_CAP_ROUND)
    }

    /// Strokes Cairo's current path with round joins, then restores solid lines and butt caps.
    func strokeCurrentPath(color: Color, widthPoints: Double, dash: [Double]?, cap: cairo_line_cap_t) {
        setColor(color)
        cairo_set_line_width(cr, widthPoints)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, cap)
        if var dashes = dash { cairo_set_dash(cr, &dashes, Int32(dashes.count), 0) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    mutating func hatch(_ rings: [Ring], color: Color, gapPoints: Double) {
        cairo_save(cr)
        path(rings)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
        cairo_clip(cr)
        let b = rings.reduce(Rect.empty) { $0.union($1.bounds) }
        let (x0, y1) = page(Point(b.minX, b.minY))
        let (x1, y0) = page(Point(b.maxX, b.maxY))
        let h = y1 - y0
        setColor(color)
        cairo_set_line_width(cr, 0.35)
        var x = x0 - h
        while x <= x1 {
            cairo_move_to(cr, x, y1)
            cairo_line_to(cr, x + h, y0)
            x += gapPoints
        }
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    mutating func text(_ lines: [String], at: Point, height: Double, angleDegrees: Double, color: Color) {
        let size = height * scale
        guard size >= 0.8 else { return }
        cairo_save(cr)
        let (x, y) = page(at)
        cairo_translate(cr, x, y)
        cairo_rotate(cr, -angleDegrees * .pi / 180)
        CairoText.select(cr, size: size, bold: false)
        setColor(color)
        let lineHeight = size * 1.15
        let top = -lineHeight * Double(lines.count) / 2
        for (i, line) in lines.enumerated() {
            var ext = cairo_text_extents_t()
            cairo_text_extents(cr, line, &ext)
            cairo_move_to(cr, -ext.width / 2 - ext.x_bearing, top + lineHeight * (Double(i) + 0.78))
            cairo_show_text(cr, line)
        }
        cairo_restore(cr)
    }

    mutating func beginPart(id: String, title: String, attributes: [(String, String)]) {}
    mutating func endPart() {}
}

/// Font selection shared by the PDF pages.
enum CairoText {
    static func select(_ cr: OpaquePointer, size: Double, bold: Bool) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    static func width(_ cr: OpaquePointer, _ s: String) -> Double {
        var ext = cairo_text_extents_t()
        cairo_text_extents(cr, s, &ext)
        return ext.x_advance
    }
}
