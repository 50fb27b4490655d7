import CCairo
import Foundation
import NestGeometry
import NestModel
import NestToolpath

extension PDFCutSheets {
    /// The toolpath page that follows a sheet's page: the same sheet at the same scale,
    /// drawn by `ToolpathPainter`, with the toolpath's figures in the title block and a
    /// legend of its marks.
    static func drawToolpathPage(_ cr: OpaquePointer, sheet: Sheet, toolpath: SheetToolpath, index: Int, count: Int,
                                 info: CutSheetInfo, machine: String, paper: Paper) {
        let page = overviewPageSize(sheet, paper)
        var (canvas, _) = sheetCanvas(cr, sheet, page: page)
        ToolpathPainter(sheet: sheet, toolpath: toolpath).paint(on: &canvas, background: true)
        let windows = toolpath.windows > 1 ? ", \(toolpath.windows) table windows" : ""
        let lines = [
            "\(info.jobName) — sheet \(index + 1) of \(count): \(sheet.stockName) — toolpath (machine \(machine))",
            String(format: "%d contours in %d passes — cut %.2f m, air %.2f m, %d knife lifts, about %.0f s",
                   toolpath.contours.count, toolpath.passes.count, toolpath.cutLength / 1000, toolpath.airLength / 1000,
                   toolpath.knifeLifts, toolpath.estimatedSeconds) + windows,
            "numbers: cut order (cut-outs in red, before their outline) — dot: start point — arrow: direction — dashed: knife up, from and back to the origin (square)",
        ]
        let top = drawTitleBlock(cr, lines, page: page)
        drawScaleBar(cr, scale: canvas.scale, right: page.width - margin - 10, baseline: top + 40)
        drawToolpathLegend(cr, right: page.width - margin - 10, y: top + 12)
    }

    static func drawToolpathLegend(_ cr: OpaquePointer, right: Double, y: Double) {
        let items: [(String, Color, Bool)] = [("cut", ToolpathPainter.cutColor, false), ("knife up", ToolpathPainter.airColor, true)]
        CairoText.select(cr, size: 7, bold: false)
        var x = right
        for (label, color, dashed) in items.reversed() {
            x -= CairoText.width(cr, label)
            cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
            cairo_move_to(cr, x, y)
            cairo_show_text(cr, label)
            x -= 22
            cairo_set_source_rgb(cr, color.r, color.g, color.b)
            cairo_set_line_width(cr, 1)
            if dashed {
                var dashes: [Double] = [2.5, 2]
                cairo_set_dash(cr, &dashes, 2, 0)
            }
            cairo_move_to(cr, x, y - 3)
            cairo_line_to(cr, x + 18, y - 3)
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
            x -= 10
        }
    }
}
