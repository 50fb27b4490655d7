import CCairo
import Foundation
import NestGeometry
import NestModel

/// The overview page of one sheet (see `PDFCutSheets`) and the pieces it shares with the
/// toolpath page: the fitted canvas, the title block, the scale bar and the legend.
extension PDFCutSheets {
    static let margin = 24.0, titleHeight = 94.0
    /// Width of the title block's right part (legend, scale, calibration square, north arrow).
    static let titleRightWidth = 330.0

    /// Landscape for sheets wider than tall, portrait otherwise.
    static func overviewPageSize(_ sheet: Sheet, _ paper: Paper) -> PageSize {
        let b = drawnBounds(sheet)
        return b.width >= b.height ? paper.landscape : paper.portrait
    }

    /// What the page shows of a sheet: its outline, and the zones as far as they lie on it.
    static func drawnBounds(_ sheet: Sheet) -> Rect {
        sheet.shape.bounds.union(sheet.zones.reduce(Rect.empty) { $0.union($1.shape.bounds) }.intersectionOr(sheet.shape.bounds))
    }

    /// The canvas that draws a sheet at a round scale, centred above the title block.
    static func sheetCanvas(_ cr: OpaquePointer, _ sheet: Sheet, page: PageSize) -> (CairoCanvas, DrawingScale) {
        let area = Rect(minX: margin, minY: margin, maxX: page.width - margin, maxY: page.height - margin - titleHeight)
        let b = drawnBounds(sheet)
        let scale = DrawingScale.fitting(width: b.width, height: b.height, roomWidth: area.width, roomHeight: area.height)
        let s = scale.pointsPerMillimetre
        let origin = Point(area.minX + (area.width - b.width * s) / 2, area.minY + (area.height - b.height * s) / 2)
        return (CairoCanvas(cr: cr, scale: s, origin: origin, sheetBounds: b), scale)
    }

    static func drawOverviewPage(_ cr: OpaquePointer, docs: CutRoomDocuments, index: Int) {
        let sheet = docs.sheets[index]
        let page = overviewPageSize(sheet, docs.options.paper)
        // Zones and defects come cut to the outline (`StockMarkings`): no clip.
        var (canvas, scale) = sheetCanvas(cr, sheet, page: page)
        SheetPainter(scene: docs.scenes[index]).paint(on: &canvas)
        canvas.stroke([sheet.shape.exterior], color: .ink, widthPoints: 0.9, dashed: false)

        var lines = docs.info.titleLines(for: sheet, index: index, count: docs.sheets.count)
        if let leather = CutSheetInfo.leatherLine(for: sheet) { lines.append(leather) }
        lines.append("Lay the \(sheet.kind == .hide ? "hide" : "roll") as drawn, N to the far side of the table. "
            + "Label: part no. · size side (L/R)\(sheet.kind == .hide ? " · grade" : ""); arrow: grain. Parts list follows.")
        let top = drawTitleBlock(cr, lines, page: page)
        let right = page.width - margin - 8
        drawNorthArrow(cr, centerX: right - 10, top: top + 8)
        let squareRight = right - 30
        let side = drawCalibrationSquare(cr, scale: scale, right: squareRight, top: top + 10)
        let left = squareRight - side - 16
        drawLegend(cr, sheet: sheet, right: left, y: top + 16)
        drawScaleBar(cr, scale: canvas.scale, right: left, baseline: top + 44)
        CairoText.show(cr, "scale \(scale.text) on \(docs.options.paper.title) printed at 100 %", x: left, y: top + 66,
                       size: 7, align: .right)
    }

    /// The title block's frame and up to five lines of text, each shortened to the room
    /// left of the block's right part; returns the block's top.
    @discardableResult
    static func drawTitleBlock(_ cr: OpaquePointer, _ lines: [String], page: PageSize) -> Double {
        let top = page.height - margin - titleHeight + 8
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        cairo_set_line_width(cr, 0.6)
        cairo_rectangle(cr, margin, top, page.width - 2 * margin, titleHeight - 8)
        cairo_stroke(cr)
        let room = page.width - 2 * margin - titleRightWidth - 16
        let styles: [(Double, Bool, Double)] = [(11, true, 16), (10, true, 31), (8, false, 46), (7, false, 60), (7, false, 72)]
        for (line, style) in zip(lines, styles) {
            CairoText.show(cr, line, x: margin + 8, y: top + style.2, maxWidth: room, size: style.0, bold: style.1)
        }
        return top
    }

    static func drawScaleBar(_ cr: OpaquePointer, scale: Double, right: Double, baseline: Double) {
        let length = niceLength(150 / scale)
        let w = length * scale
        let left = right - w
        let segments = 4
        for i in 0..<segments {
            let x = left + w * Double(i) / Double(segments)
            cairo_rectangle(cr, x, baseline - 4, w / Double(segments), 4)
            if i % 2 == 0 { cairo_set_source_rgb(cr, 0.13, 0.13, 0.13) } else { cairo_set_source_rgb(cr, 1, 1, 1) }
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
            cairo_set_line_width(cr, 0.5)
            cairo_stroke(cr)
        }
        CairoText.show(cr, "0", x: left, y: baseline + 9, size: 7)
        CairoText.show(cr, "\(Int(length)) mm", x: right, y: baseline + 9, size: 7, align: .right)
    }

    /// A square of a round length of sheet (100 mm unless that is under 5 mm or over
    /// 20 mm on paper) at the drawing's scale, to check the print's scale with a ruler.
    /// Returns its side in points.
    @discardableResult
    static func drawCalibrationSquare(_ cr: OpaquePointer, scale: DrawingScale, right: Double, top: Double) -> Double {
        var length = 100.0
        let lengths: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
        if length * scale.pointsPerMillimetre > 57 { length = lengths.last { $0 * scale.pointsPerMillimetre <= 57 } ?? 1 }
        if length * scale.pointsPerMillimetre < 14 { length = lengths.first { $0 * scale.pointsPerMillimetre >= 14 } ?? 10000 }
        let side = length * scale.pointsPerMillimetre
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.5)
        cairo_rectangle(cr, right - side, top, side, side)
        cairo_stroke(cr)
        let label = String(format: "%g mm", length)
        CairoText.show(cr, label, x: right - side / 2, y: top + side + 8, size: 6, align: .center)
        CairoText.show(cr, "□ = \(label) at \(scale.text)", x: right - side / 2, y: top + side + 15, size: 5, align: .center)
        return side
    }

    /// An arrow pointing up the page with an "N": the far side of the table.
    static func drawNorthArrow(_ cr: OpaquePointer, centerX x: Double, top: Double) {
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        CairoText.show(cr, "N", x: x, y: top + 9, size: 10, bold: true, align: .center)
        cairo_move_to(cr, x, top + 13)
        cairo_line_to(cr, x + 6, top + 30)
        cairo_line_to(cr, x, top + 26)
        cairo_line_to(cr, x - 6, top + 30)
        cairo_close_path(cr)
        cairo_fill(cr)
        cairo_set_line_width(cr, 1.2)
        cairo_move_to(cr, x, top + 26)
        cairo_line_to(cr, x, top + 52)
        cairo_stroke(cr)
        CairoText.show(cr, "table", x: x, y: top + 62, size: 5.5, align: .center)
    }

    /// The legend, right-aligned at `right` in two rows: what the stock shows (zones,
    /// defects, holes) at `y`, and the directions (the parts' grain, a hide's backbone)
    /// below it, so a hide with every kind of mark still fits the title block.
    static func drawLegend(_ cr: OpaquePointer, sheet: Sheet, right: Double, y: Double) {
        typealias Item = (String, (Double, Double) -> Void)
        var stock: [Item] = []
        for grade in Set(sheet.zones.map(\.grade)).sorted() {
            let c = Color.zone(grade.rawValue)
            stock.append(("zone \(grade.rawValue)", { x, y in
                cairo_rectangle(cr, x, y - 7, 10, 7)
                cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.6)
                cairo_fill(cr)
            }))
        }
        if !sheet.defects.isEmpty { stock.append(("defect", { x, y in hatchSwatch(cr, x, y, .defect) })) }
        if !sheet.shape.holes.isEmpty { stock.append(("hole", { x, y in hatchSwatch(cr, x, y, .hole) })) }
        func canvas(at x: Double, _ y: Double) -> CairoCanvas {
            CairoCanvas(cr: cr, scale: 1, origin: Point(x, y), sheetBounds: Rect(minX: 0, minY: -100, maxX: 100, maxY: 0))
        }
        var directions: [Item] = [("grain", { x, y in
            var c = canvas(at: x, y)
            c.fill(grainArrow(from: Point(0, 3.5), to: Point(10, 3.5), head: 3, doubleHeaded: true), color: .ink, opacity: 1)
        })]
        if sheet.kind == .hide {
            // The hide's backbone as drawn (dashed, like a centre line): the panels' grain
            // runs along it.
            let a = sheet.grainDegrees * .pi / 180
            let d = Point(cos(a), sin(a)) * 4
            directions.append((String(format: "backbone %g°", sheet.grainDegrees), { x, y in
                var c = canvas(at: x, y)
                c.strokePath([Point(5, 3.5) - d, Point(5, 3.5) + d], color: .ink, widthPoints: 1.6, dashed: true)
            }))
        }
        CairoText.select(cr, size: 7, bold: false)
        for (row, items) in [stock, directions].filter({ !$0.isEmpty }).enumerated() {
            let baseline = y + 12 * Double(row)
            var x = right
            for (label, swatch) in items.reversed() {
                x -= CairoText.show(cr, label, x: x, y: baseline, size: 7, align: .right)
                x -= 13
                swatch(x, baseline)
                x -= 10
            }
        }
    }

    static func hatchSwatch(_ cr: OpaquePointer, _ x: Double, _ y: Double, _ c: Color) {
        cairo_save(cr)
        cairo_rectangle(cr, x, y - 7, 10, 7)
        cairo_clip_preserve(cr)
        cairo_set_source_rgb(cr, c.r, c.g, c.b)
        cairo_set_line_width(cr, 0.5)
        cairo_stroke(cr)
        var k = -7.0
        while k < 10 {
            cairo_move_to(cr, x + k, y)
            cairo_line_to(cr, x + k + 7, y - 7)
            k += 2
        }
        cairo_set_line_width(cr, 0.35)
        cairo_stroke(cr)
        cairo_restore(cr)
    }
}

extension Rect {
    /// The overlap of two rectangles, or `fallback` when they do not meet.
    func intersectionOr(_ other: Rect) -> Rect {
        let r = Rect(minX: max(minX, other.minX), minY: max(minY, other.minY), maxX: min(maxX, other.maxX), maxY: min(maxY, other.maxY))
        return r.isEmpty ? other : r
    }
}
