import CCairo
import Foundation

/// Text pages that flow: blocks go down the page from `y`, and a block that does not fit
/// above the bottom margin starts a new page, which gets the same header (told whether it
/// is a continuation). Used by the cover and the parts list.
struct PageFlow {
    let file: PDFFile
    let page: PageSize
    let margin = 40.0
    /// Draws the header of a new page and returns where its body starts.
    let header: (_ continued: Bool) -> Double
    private(set) var y = 0.0
    private(set) var pages = 0

    init(file: PDFFile, page: PageSize, header: @escaping (_ continued: Bool) -> Double) {
        self.file = file
        self.page = page
        self.header = header
    }

    var cr: OpaquePointer { file.cr }
    var left: Double { margin }
    var width: Double { page.width - 2 * margin }
    var bottom: Double { page.height - margin }

    mutating func newPage() {
        file.beginPage(page)
        y = header(pages > 0)
        pages += 1
    }

    /// Makes room for a block `height` points tall: a new page when it does not fit.
    mutating func ensure(_ height: Double) {
        if pages == 0 || y + height > bottom { newPage() }
    }

    mutating func advance(_ height: Double) { y += height }
}

/// A table's columns: title, width in points, alignment. Cells are shortened with an
/// ellipsis to their column, or wrapped over lines where the column allows it.
struct TableColumns {
    struct Column {
        var title: String
        var width: Double
        var align: TextAlign
        var wraps: Bool

        init(_ title: String, _ width: Double, _ align: TextAlign, wraps: Bool = false) {
            self.title = title
            self.width = width
            self.align = align
            self.wraps = wraps
        }
    }

    var columns: [Column]

    /// The columns with their widths scaled in proportion to fill `width` points.
    init(_ columns: [Column], width: Double) {
        let total = columns.reduce(0) { $0 + $1.width }
        self.columns = columns.map { var c = $0; c.width *= width / total; return c }
    }
    var fontSize = 8.5
    var lineHeight: Double { fontSize * 1.35 }
    static let padding = 4.0

    /// The lines of each cell as they will be drawn.
    func layout(_ cells: [String], _ cr: OpaquePointer) -> [[String]] {
        CairoText.select(cr, size: fontSize, bold: false)
        return zip(cells, columns).map { text, column in
            let room = column.width - 2 * Self.padding
            return column.wraps ? wrapped(text, maxWidth: room) { CairoText.width(cr, $0) }
                : [ellipsized(text, maxWidth: room) { CairoText.width(cr, $0) }]
        }
    }

    func height(of lines: [[String]]) -> Double { Double(lines.map(\.count).max() ?? 1) * lineHeight + 4 }

    /// Draws a row at `top`; `shaded` rows get a light grey band (reads across in grey).
    func drawRow(_ lines: [[String]], x: Double, top: Double, shaded: Bool, bold: Bool = false, _ cr: OpaquePointer) {
        let h = height(of: lines)
        if shaded {
            cairo_set_source_rgb(cr, 0.93, 0.93, 0.93)
            cairo_rectangle(cr, x, top, columns.reduce(0) { $0 + $1.width }, h)
            cairo_fill(cr)
        }
        var cx = x
        for (cell, column) in zip(lines, columns) {
            for (k, line) in cell.enumerated() {
                let ax = switch column.align {
                case .left: cx + Self.padding
                case .center: cx + column.width / 2
                case .right: cx + column.width - Self.padding
                }
                CairoText.show(cr, line, x: ax, y: top + 2 + fontSize + Double(k) * lineHeight,
                               maxWidth: column.width - 2 * Self.padding, size: fontSize, bold: bold, align: column.align)
            }
            cx += column.width
        }
    }

    /// The header row, bold, with a rule under it; returns its height.
    @discardableResult
    func drawHeader(x: Double, top: Double, _ cr: OpaquePointer) -> Double {
        let lines = columns.map { [$0.title] }
        drawRow(lines, x: x, top: top, shaded: false, bold: true, cr)
        let h = height(of: lines)
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        cairo_set_line_width(cr, 0.8)
        cairo_move_to(cr, x, top + h)
        cairo_line_to(cr, x + columns.reduce(0) { $0 + $1.width }, top + h)
        cairo_stroke(cr)
        return h + 2
    }
}

/// Splits text at spaces into lines no wider than `maxWidth`; a word wider than that on
/// its own is shortened with an ellipsis.
func wrapped(_ text: String, maxWidth: Double, width: (String) -> Double) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
        let candidate = current.isEmpty ? word : current + " " + word
        if width(candidate) <= maxWidth {
            current = candidate
        } else {
            if !current.isEmpty { lines.append(current) }
            current = ellipsized(word, maxWidth: maxWidth, width: width)
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}
