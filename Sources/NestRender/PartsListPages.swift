import CCairo
import Foundation
import NestModel

/// A sheet's parts list: one row per placed part in number order (number, panel, size,
/// side, grade, order line, a box to tick when cut), on portrait pages with the header
/// repeated, as many pages as it takes (`PartsListPages.pageCount`).
public struct PartsListPages {
    let docs: CutRoomDocuments
    let sheetIndex: Int

    static let rowHeight = 15.5
    static let bodyTop = 96.0

    /// Rows that fit on one page of this paper.
    public static func rowsPerPage(_ paper: Paper) -> Int {
        Int((paper.portrait.height - bodyTop - 40 - rowHeight) / rowHeight)
    }

    /// Pages the parts list of a sheet with `parts` parts takes (at least one).
    public static func pageCount(parts: Int, paper: Paper) -> Int {
        max(1, (parts + rowsPerPage(paper) - 1) / rowsPerPage(paper))
    }

    func draw(_ file: PDFFile) {
        let sheet = docs.sheets[sheetIndex]
        let paper = docs.options.paper
        let page = paper.portrait
        let cr = file.cr
        let m = 40.0, width = page.width - 2 * m
        let columns = TableColumns([
            .init("no.", 40, .right), .init("panel", 130, .left), .init("size", 50, .left), .init("side", 35, .center),
            .init("grade", 45, .center), .init("order line", 170, .left), .init("cut", 45, .center),
        ], width: width)
        let perPage = Self.rowsPerPage(paper)
        let pages = Self.pageCount(parts: sheet.placements.count, paper: paper)
        for p in 0..<pages {
            file.beginPage(page)
            let title = "Parts list — sheet \(sheetIndex + 1) of \(docs.sheets.count): \(sheet.stockName) (\(sheet.kind.rawValue))"
            CairoText.show(cr, title, x: m, y: m + 14, maxWidth: width - 80, size: 13, bold: true)
            CairoText.show(cr, "page \(p + 1) of \(pages)", x: m + width, y: m + 14, size: 9, align: .right)
            CairoText.show(cr, "job \(docs.info.jobName) — \(sheet.placements.count) parts. Tick “cut” as you go; bundle by "
                + "order line and size. Grade: the worst leather grade the part may lie on.", x: m, y: m + 32, maxWidth: width, size: 8)
            var y = Self.bodyTop - 4
            y += columns.drawHeader(x: m, top: y, cr)
            let rows = sheet.placements.indices.dropFirst(p * perPage).prefix(perPage)
            for i in rows {
                let part = sheet.placements[i].part
                let cells: [String] = ["\(i + 1)", part.panel.replacingOccurrences(of: "_", with: " "), part.size,
                             CutRoomDocuments.sideText(part.side), part.minGrade.rawValue, docs.orderLineName(part.orderLine), ""]
                columns.drawRow(columns.layout(cells, cr), x: m, top: y, shaded: i % 2 == 1, cr)
                // The tick box.
                let boxX = m + columns.columns.dropLast().reduce(0) { $0 + $1.width } + columns.columns.last!.width / 2 - 4.5
                cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
                cairo_set_line_width(cr, 0.6)
                cairo_rectangle(cr, boxX, y + 3, 9, 9)
                cairo_stroke(cr)
                y += Self.rowHeight
            }
        }
    }
}
