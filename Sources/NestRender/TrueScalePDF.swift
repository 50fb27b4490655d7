import CCairo
import Foundation
import NestGeometry
import NestModel

/// The nest at full size (1:1) for tracing or checking on the table, as
/// `true-scale.pdf`:
///
/// - **Tiled** over A4/Letter (default): per sheet an assembly page (the sheet with the
///   page grid, rows A, B, ... and columns 1, 2, ..., and a 100 mm calibration square at
///   true size), then one page per tile. Tiles overlap their neighbours by `overlap` mm;
///   crop marks show each tile's edges, a dashed line on a tile where its right and lower
///   neighbours' edges go, and the margins name the tile and its neighbours.
/// - **Plotter** (`plotterWidth`): pages as wide as the roll across and as long as the
///   sheet, the calibration square beside the sheet; a sheet wider than the roll is cut
///   into overlapping strips (rows) the same way.
///
/// Printed at 100 % ("actual size"), the calibration square measures 100 mm.
public enum TrueScalePDF {
    /// Tiles' overlap and the unprinted margin around them, mm.
    public static let overlap = 10.0, margin = 12.0
    /// The plotter page's band before the sheet, for the square and the title, mm.
    static let plotterBand = 130.0
    static let pt = PageSize.pointsPerMillimetre

    /// The tiling of one sheet on this paper (the orientation that takes fewer pages),
    /// with the page size.
    public static func tiling(_ sheet: Sheet, paper: Paper) -> (grid: TileGrid, page: PageSize) {
        let drawing = PDFCutSheets.drawnBounds(sheet).insetBy(-5)
        let options = [paper.portrait, paper.landscape].map { page in
            (TileGrid(drawing: drawing, tileWidth: page.width / pt - 2 * margin, tileHeight: page.height / pt - 2 * margin,
                      overlap: overlap), page)
        }
        return options[1].0.count <= options[0].0.count ? options[1] : options[0]
    }

    /// The strips of one sheet on a plotter roll `width` mm across, with the page size.
    public static func plotterStrips(_ sheet: Sheet, width: Double) -> (grid: TileGrid, page: PageSize) {
        let drawing = PDFCutSheets.drawnBounds(sheet).insetBy(-5)
        let across = max(width - 2 * margin, overlap + 20)
        let grid = TileGrid(drawing: drawing, tileWidth: drawing.width + 1, tileHeight: across, overlap: overlap)
        return (grid, PageSize(width: (plotterBand + drawing.width + 1 + 2 * margin) * pt, height: width * pt))
    }

    public static func write(_ docs: CutRoomDocuments, to path: String) throws {
        let file = try PDFFile(path: path, title: "nest true-scale cut sheets: \(docs.info.jobName)", created: docs.date)
        let cr = file.cr
        for (i, sheet) in docs.sheets.enumerated() {
            let title = "\(docs.info.jobName) — sheet \(i + 1) of \(docs.sheets.count): \(sheet.stockName) — true scale 1:1"
            if let width = docs.options.plotterWidth {
                let (grid, page) = plotterStrips(sheet, width: width)
                for row in 0..<grid.rows {
                    file.beginPage(page)
                    let left = margin + plotterBand
                    drawCalibrationSquare(cr, x: margin * pt, y: (margin + 16) * pt)
                    let text = grid.rows > 1 ? "\(title) — strip \(TileGrid.rowName(row)) of \(grid.rows) (A on top)" : title
                    CairoText.paragraph(cr, text, x: margin * pt, y: (margin + 126) * pt, maxWidth: (plotterBand - 10) * pt,
                                        size: 8)
                    drawTile(cr, scene: docs.scenes[i], grid: grid, row: row, column: 0, at: Point(left * pt, margin * pt))
                }
            } else {
                let (grid, page) = tiling(sheet, paper: docs.options.paper)
                file.beginPage(docs.options.paper.landscape)
                drawAssemblyPage(cr, sheet: sheet, grid: grid, title: title, page: docs.options.paper.landscape,
                                 paper: docs.options.paper)
                for row in 0..<grid.rows {
                    for column in 0..<grid.columns {
                        file.beginPage(page)
                        drawTile(cr, scene: docs.scenes[i], grid: grid, row: row, column: column, at: Point(margin * pt, margin * pt))
                        drawTileMargins(cr, grid: grid, row: row, column: column, page: page, title: title)
                    }
                }
            }
        }
        try file.finish()
    }

    /// One tile at 1:1 with its top-left content corner at `at` (points): the sheet
    /// clipped to the tile, crop marks at the corners, dashed lines where the right and
    /// lower neighbours' edges lie.
    static func drawTile(_ cr: OpaquePointer, scene: SheetScene, grid: TileGrid, row: Int, column: Int, at: Point) {
        let sheet = scene.sheet
        let r = grid.rect(row: row, column: column)
        let w = r.width * pt, h = r.height * pt
        cairo_save(cr)
        cairo_rectangle(cr, at.x, at.y, w, h)
        cairo_clip(cr)
        var canvas = CairoCanvas(cr: cr, scale: pt, origin: at, sheetBounds: r)
        let painter = SheetPainter(scene: scene, visible: r)
        painter.paint(on: &canvas)
        for rings in painter.shown(ring: sheet.shape.exterior) {
            canvas.stroke(rings, color: .ink, widthPoints: 0.9, dashed: false)
        }
        // Where the neighbours' edges go: glue them up to these lines.
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35)
        cairo_set_line_width(cr, 0.5)
        var dashes: [Double] = [4, 3]
        cairo_set_dash(cr, &dashes, 2, 0)
        let step = grid.overlap * pt
        if column + 1 < grid.columns {
            cairo_move_to(cr, at.x + w - step, at.y)
            cairo_line_to(cr, at.x + w - step, at.y + h)
        }
        if row + 1 < grid.rows {
            cairo_move_to(cr, at.x, at.y + h - step)
            cairo_line_to(cr, at.x + w, at.y + h - step)
        }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
        cairo_restore(cr)
        // Crop marks: the content's edges continued into the margin.
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.5)
        let gap = 1.5 * pt, length = 7 * pt
        for (cx, cy, sx, sy) in [(at.x, at.y, -1.0, -1.0), (at.x + w, at.y, 1, -1), (at.x, at.y + h, -1, 1), (at.x + w, at.y + h, 1, 1)] {
            cairo_move_to(cr, cx + sx * gap, cy)
            cairo_line_to(cr, cx + sx * (gap + length), cy)
            cairo_move_to(cr, cx, cy + sy * gap)
            cairo_line_to(cr, cx, cy + sy * (gap + length))
        }
        cairo_stroke(cr)
    }

    /// The tile's name and its neighbours' in the margins, and the title.
    static func drawTileMargins(_ cr: OpaquePointer, grid: TileGrid, row: Int, column: Int, page: PageSize, title: String) {
        let m = margin * pt
        let name = grid.name(row: row, column: column) ?? ""
        CairoText.show(cr, name, x: m, y: m - 8, size: 12, bold: true)
        CairoText.show(cr, "row \(TileGrid.rowName(row)) of \(grid.rows), column \(column + 1) of \(grid.columns) — " + title
            + " — print at 100 %", x: m + 30, y: m - 9, maxWidth: page.width - 2 * m - 100, size: 6.5)
        if let up = grid.name(row: row - 1, column: column) {
            CairoText.show(cr, "▲ \(up)", x: page.width - m, y: m - 8, size: 8, bold: true, align: .right)
        }
        if let down = grid.name(row: row + 1, column: column) {
            CairoText.show(cr, "▼ \(down) overlaps below the dashed line", x: page.width / 2, y: page.height - m + 14, size: 8,
                           bold: true, align: .center)
        }
        if let left = grid.name(row: row, column: column - 1) {
            cairo_save(cr)
            cairo_translate(cr, m - 8, page.height / 2)
            cairo_rotate(cr, -.pi / 2)
            CairoText.show(cr, "◀ \(left)", x: 0, y: 0, size: 8, bold: true, align: .center)
            cairo_restore(cr)
        }
        if let right = grid.name(row: row, column: column + 1) {
            cairo_save(cr)
            cairo_translate(cr, page.width - m + 14, page.height / 2)
            cairo_rotate(cr, -.pi / 2)
            CairoText.show(cr, "\(right) overlaps right of the dashed line ▶", x: 0, y: 0, size: 8, bold: true, align: .center)
            cairo_restore(cr)
        }
    }

    /// The sheet with the page grid and the tiles' names, and the calibration square.
    static func drawAssemblyPage(_ cr: OpaquePointer, sheet: Sheet, grid: TileGrid, title: String, page: PageSize, paper: Paper) {
        let m = margin * pt
        CairoText.show(cr, title, x: m, y: m + 6, maxWidth: page.width - 2 * m, size: 12, bold: true)
        let text = "\(grid.count) tiles in \(grid.rows) rows (A at the top) × \(grid.columns) columns on \(paper.title); "
            + "neighbours overlap by \(Int(overlap)) mm. Print at 100 % (actual size, no fit to page): the square must "
            + "measure 100 mm. Trim each tile at its crop marks on the left and top, lay it on its left and upper "
            + "neighbours up to their dashed lines, and tape. A1 is top left."
        CairoText.paragraph(cr, text, x: page.width - m - 100 * pt, y: m + 128 * pt, maxWidth: 100 * pt, size: 7.5)
        drawCalibrationSquare(cr, x: page.width - m - 100 * pt, y: m + 14 * pt)
        // The map: the sheet fitted to the left part, the grid over it.
        let room = Rect(minX: m, minY: m + 20, maxX: page.width - m - 110 * pt, maxY: page.height - m)
        let d = grid.drawing
        let full = Rect(minX: d.minX, minY: grid.rect(row: grid.rows - 1, column: 0).minY,
                        maxX: grid.rect(row: 0, column: grid.columns - 1).maxX, maxY: d.maxY)
        let s = min(room.width / full.width, room.height / full.height)
        var canvas = CairoCanvas(cr: cr, scale: s, origin: Point(room.minX, room.minY), sheetBounds: full)
        canvas.fill([sheet.shape.exterior] + sheet.shape.holes, color: Color(hex: 0xF3EEE4), opacity: 1)
        for p in sheet.placements {
            let shape = p.placedShape
            canvas.fill([shape.exterior] + shape.holes, color: Color(hex: 0xD5D5D5), opacity: 1)
        }
        canvas.stroke([sheet.shape.exterior], color: .ink, widthPoints: 0.7, dashed: false)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let r = grid.rect(row: row, column: column)
                let inner = Rect(minX: r.minX, minY: row + 1 < grid.rows ? r.minY + overlap : r.minY,
                                 maxX: column + 1 < grid.columns ? r.maxX - overlap : r.maxX, maxY: r.maxY)
                let ring = Ring(points: [Point(inner.minX, inner.minY), Point(inner.maxX, inner.minY),
                                         Point(inner.maxX, inner.maxY), Point(inner.minX, inner.maxY)])
                canvas.stroke([ring], color: Color(hex: 0x1F4E99), widthPoints: 0.6, dashed: false)
                let (x, y) = canvas.page(inner.center)
                CairoText.show(cr, grid.name(row: row, column: column) ?? "", x: x, y: y + 4, size: min(12, max(5, inner.height * s / 3)),
                               bold: true, align: .center, color: Color(hex: 0x1F4E99))
            }
        }
    }

    /// A 100 mm square at true size with ticks every 10 mm, its top-left corner at (x, y)
    /// points. The square's sides are 100 mm between the lines' centres.
    static func drawCalibrationSquare(_ cr: OpaquePointer, x: Double, y: Double) {
        let side = 100 * pt
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.6)
        cairo_rectangle(cr, x, y, side, side)
        cairo_stroke(cr)
        cairo_set_line_width(cr, 0.4)
        for k in 1..<10 {
            let t = Double(k) * 10 * pt, tick = (k == 5 ? 5.0 : 3.0) * pt
            cairo_move_to(cr, x + t, y + side)
            cairo_line_to(cr, x + t, y + side - tick)
            cairo_move_to(cr, x, y + t)
            cairo_line_to(cr, x + tick, y + t)
        }
        cairo_stroke(cr)
        CairoText.show(cr, "100 mm calibration square", x: x + side / 2, y: y + side / 2 - 4, size: 9, bold: true, align: .center)
        CairoText.show(cr, "measure both sides: 100 mm ± 0.5", x: x + side / 2, y: y + side / 2 + 10, size: 7.5, align: .center)
    }
}
