import CCairo
import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Errors while rendering, with Cairo's status text.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Writes the operator's cut sheets as one PDF, one A4 landscape page per sheet: the
/// stock with zones tinted, holes and defects hatched, every part filled and labelled,
/// a scale bar, a legend and a title block with the yields.
///
/// The file is complete only when `write` returns without throwing.
public enum PDFCutSheets {
    /// A4 landscape in points.
    public static let pageWidth = 842.0
    public static let pageHeight = 595.0

    /// - Parameter toolpaths: one per sheet; each sheet's page is then followed by its
    ///   toolpath page (see `ToolpathPainter`), titled with the machine's name.
    public static func write(sheets: [Sheet], info: CutSheetInfo, to path: String, toolpaths: [SheetToolpath]? = nil,
                             machine: String = "") throws {
        let surface = cairo_pdf_surface_create(path, pageWidth, pageHeight)!
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "creating \(path)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "nest cut sheets: \(info.jobName)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "nest")
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        for (i, sheet) in sheets.enumerated() {
            drawPage(cr, sheet: sheet, index: i, count: sheets.count, info: info)
            cairo_show_page(cr)
            if let toolpath = toolpaths?[i] {
                drawToolpathPage(cr, sheet: sheet, toolpath: toolpath, index: i, count: sheets.count, info: info, machine: machine)
                cairo_show_page(cr)
            }
        }
        try check(cairo_status(cr), "drawing \(path)")
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), "writing \(path)")
    }

    static func check(_ status: cairo_status_t, _ what: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(message: "Cairo failed \(what): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    static let margin = 24.0, titleHeight = 62.0

    /// The canvas that fits a sheet in the page above the title block.
    static func sheetCanvas(_ cr: OpaquePointer, _ sheet: Sheet) -> CairoCanvas {
        let area = Rect(minX: margin, minY: margin, maxX: pageWidth - margin, maxY: pageHeight - margin - titleHeight)
        let b = sheet.shape.bounds.union(sheet.zones.reduce(Rect.empty) { $0.union($1.shape.bounds) }.intersectionOr(sheet.shape.bounds))
        let scale = min(area.width / b.width, area.height / b.height)
        let origin = Point(area.minX + (area.width - b.width * scale) / 2, area.minY + (area.height - b.height * scale) / 2)
        return CairoCanvas(cr: cr, scale: scale, origin: origin, sheetBounds: b)
    }

    static func drawPage(_ cr: OpaquePointer, sheet: Sheet, index: Int, count: Int, info: CutSheetInfo) {
        // Clip the zones to the sheet: they may run a little past the outline.
        cairo_save(cr)
        var canvas = sheetCanvas(cr, sheet)
        let scale = canvas.scale
        canvas.path([sheet.shape.exterior])
        cairo_clip(cr)
        SheetPainter(sheet: sheet).paint(on: &canvas)
        cairo_restore(cr)
        var outline = canvas
        outline.stroke([sheet.shape.exterior], color: .ink, widthPoints: 0.9, dashed: false)

        let top = drawTitleBlock(cr, info.titleLines(for: sheet, index: index, count: count))
        drawScaleBar(cr, scale: scale, right: pageWidth - margin - 10, baseline: top + 40)
        drawLegend(cr, sheet: sheet, right: pageWidth - margin - 10, y: top + 12)
    }

    /// The title block's frame and three lines of text; returns its top.
    @discardableResult
    static func drawTitleBlock(_ cr: OpaquePointer, _ lines: [String]) -> Double {
        let top = pageHeight - margin - titleHeight + 8
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        cairo_set_line_width(cr, 0.6)
        cairo_rectangle(cr, margin, top, pageWidth - 2 * margin, titleHeight - 8)
        cairo_stroke(cr)
        CairoText.select(cr, size: 11, bold: true)
        cairo_move_to(cr, margin + 8, top + 16)
        cairo_show_text(cr, lines[0])
        CairoText.select(cr, size: 10, bold: true)
        cairo_move_to(cr, margin + 8, top + 31)
        cairo_show_text(cr, lines[1])
        CairoText.select(cr, size: 8, bold: false)
        cairo_move_to(cr, margin + 8, top + 45)
        cairo_show_text(cr, lines[2])
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
        CairoText.select(cr, size: 7, bold: false)
        cairo_move_to(cr, left, baseline + 9)
        cairo_show_text(cr, "0")
        let label = "\(Int(length)) mm"
        cairo_move_to(cr, right - CairoText.width(cr, label), baseline + 9)
        cairo_show_text(cr, label)
    }

    static func drawLegend(_ cr: OpaquePointer, sheet: Sheet, right: Double, y: Double) {
        var items: [(String, (Double, Double) -> Void)] = []
        for grade in Set(sheet.zones.map(\.grade)).sorted() {
            let c = Color.zone(grade.rawValue)
            items.append(("zone \(grade.rawValue)", { x, y in
                cairo_rectangle(cr, x, y - 7, 10, 7)
                cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.6)
                cairo_fill(cr)
            }))
        }
        if !sheet.defects.isEmpty { items.append(("defect", { x, y in hatchSwatch(cr, x, y, .defect) })) }
        if !sheet.shape.holes.isEmpty { items.append(("hole", { x, y in hatchSwatch(cr, x, y, .hole) })) }
        CairoText.select(cr, size: 7, bold: false)
        var x = right
        for (label, swatch) in items.reversed() {
            let w = CairoText.width(cr, label)
            x -= w
            cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
            cairo_move_to(cr, x, y)
            cairo_show_text(cr, label)
            x -= 13
            swatch(x, y)
            x -= 10
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
