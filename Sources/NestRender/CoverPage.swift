import CCairo
import Foundation
import NestModel

/// The work instructions' cover: the job, the date, the order lines with their sizes and
/// pairs, the totals, the yields, the stock used and every part left unplaced with the
/// reason. Portrait; continues over further pages when the order is long.
struct CoverPage {
    let docs: CutRoomDocuments

    func draw(_ file: PDFFile) {
        let cr = file.cr
        let jobName = docs.info.jobName
        let dateText = docs.dateText
        var flow = PageFlow(file: file, page: docs.options.paper.portrait) { continued in
            let m = 40.0, w = docs.options.paper.portrait.width - 80
            CairoText.show(cr, "Work instructions — job \(jobName)" + (continued ? " (continued)" : ""), x: m, y: m + 14,
                           maxWidth: w, size: 16, bold: true)
            CairoText.show(cr, "nest cut sheets, \(dateText)", x: m, y: m + 30, maxWidth: w, size: 9)
            return m + 46
        }
        flow.newPage()
        let job = docs.job, result = docs.result
        let ordered = docs.info.partsOrdered
        let summary = [
            String(format: "Overall yield %.2f %%", result.yieldPercent) + " — \(result.placedCount) of \(ordered) parts placed on "
                + "\(result.sheets.count) \(stockWord(result.sheets.count)), \(result.unplaced.count) unplaced.",
            "Seed \(job.search.seed), \(job.search.samples) samples, \(job.search.budgetText); spacing "
                + String(format: "%g mm, margin %g mm.", job.spacing, job.margin),
            "Pages: per sheet an overview at a round scale, " + (docs.toolpaths == nil ? "" : "the toolpath, ")
                + "and the parts list. Print at 100 % (actual size) on \(docs.options.paper.title).",
        ]
        for line in summary {
            let end = CairoText.paragraph(cr, line, x: flow.left, y: flow.y + 10, maxWidth: flow.width, size: 10)
            flow.advance(end - flow.y - 10 + 2)
        }

        section("Order", &flow)
        let partsByLine = Dictionary(grouping: job.parts(), by: \.orderLine)
        let placedByLine = Dictionary(grouping: result.sheets.flatMap(\.placements), by: \.part.orderLine)
        let orderTable = TableColumns([
            .init("line", 150, .left, wraps: true), .init("sizes (pairs)", 175, .left, wraps: true), .init("pairs", 45, .right),
            .init("parts", 45, .right), .init("placed", 45, .right), .init("unplaced", 55, .right),
        ], width: flow.width)
        var rows: [[String]] = []
        for (i, line) in job.order.enumerated() {
            let sizes = line.pairs.filter { $0.count > 0 }.map { "\($0.size) × \($0.count)" }.joined(separator: ", ")
            let parts = partsByLine[i]?.count ?? 0, placed = placedByLine[i]?.count ?? 0
            rows.append([docs.orderLineName(i), sizes, "\(line.pairs.reduce(0) { $0 + $1.count })", "\(parts)", "\(placed)",
                         "\(parts - placed)"])
        }
        let pairs = job.order.reduce(0) { $0 + $1.pairs.reduce(0) { $0 + $1.count } }
        rows.append(["total", "", "\(pairs)", "\(ordered)", "\(result.placedCount)", "\(result.unplaced.count)"])
        table(orderTable, rows, &flow, boldLast: true)

        section("Sheets", &flow)
        let m2 = { (a: Double) in String(format: "%.3f", a / 1e6) }
        let sheetTable = TableColumns([
            .init("sheet", 40, .right), .init("stock", 150, .left), .init("kind", 45, .left), .init("parts", 45, .right),
            .init("stock m²", 65, .right), .init("parts m²", 65, .right), .init("yield", 65, .right),
        ], width: flow.width)
        var sheetRows: [[String]] = result.sheets.enumerated().map { i, s -> [String] in
            let stock: String = s.stockName + (s.kind == .roll ? String(format: ", %.0f mm used", s.length) : "")
            return ["\(i + 1)", stock, s.kind.rawValue,
             "\(s.placements.count)", m2(s.area), m2(s.placedArea), String(format: "%.2f %%", s.yieldPercent)]
        }
        sheetRows.append(["", "all stock used", "", "\(result.placedCount)", m2(result.stockArea), m2(result.placedArea),
                          String(format: "%.2f %%", result.yieldPercent)])
        table(sheetTable, sheetRows, &flow, boldLast: true)

        section("Unplaced parts", &flow)
        if result.unplaced.isEmpty {
            flow.ensure(16)
            CairoText.show(cr, "None: every ordered part is on a sheet.", x: flow.left, y: flow.y + 10, maxWidth: flow.width, size: 10)
            flow.advance(16)
        } else {
            // One row per panel, order line and reason, with the count and the sizes
            // (an open order may leave hundreds of parts out).
            var groups: [(panel: String, line: Int, reason: String, count: Int, sizes: [(String, Int)])] = []
            for u in result.unplaced {
                let p = u.part
                var k = groups.firstIndex { $0.panel == p.panel && $0.line == p.orderLine && $0.reason == u.reason }
                if k == nil {
                    groups.append((p.panel, p.orderLine, u.reason, 0, []))
                    k = groups.count - 1
                }
                groups[k!].count += 1
                if let j = groups[k!].sizes.firstIndex(where: { $0.0 == p.size }) {
                    groups[k!].sizes[j].1 += 1
                } else {
                    groups[k!].sizes.append((p.size, 1))
                }
            }
            let unplacedTable = TableColumns([
                .init("count", 40, .right), .init("part", 90, .left), .init("sizes", 120, .left, wraps: true),
                .init("order line", 95, .left), .init("why", 170, .left, wraps: true),
            ], width: flow.width)
            let rows = groups.map { g in
                ["\(g.count)", g.panel, g.sizes.map { $0.1 == 1 ? $0.0 : "\($0.0) ×\($0.1)" }.joined(separator: ", "),
                 docs.orderLineName(g.line), g.reason]
            }
            table(unplacedTable, rows, &flow, boldLast: false)
        }
    }

    func stockWord(_ n: Int) -> String {
        let hides = docs.sheets.first?.kind != .roll
        return hides ? (n == 1 ? "hide" : "hides") : (n == 1 ? "roll" : "rolls")
    }

    func section(_ title: String, _ flow: inout PageFlow) {
        flow.ensure(60)
        flow.advance(14)
        CairoText.show(flow.cr, title, x: flow.left, y: flow.y + 12, maxWidth: flow.width, size: 12, bold: true)
        flow.advance(18)
    }

    /// Rows under a header, repeating the header after a page break.
    func table(_ columns: TableColumns, _ rows: [[String]], _ flow: inout PageFlow, boldLast: Bool) {
        let cr = flow.cr
        flow.ensure(40)
        flow.advance(columns.drawHeader(x: flow.left, top: flow.y, cr))
        for (i, row) in rows.enumerated() {
            let lines = columns.layout(row, cr)
            let h = columns.height(of: lines)
            if flow.y + h > flow.bottom {
                flow.newPage()
                flow.advance(columns.drawHeader(x: flow.left, top: flow.y, cr))
            }
            columns.drawRow(lines, x: flow.left, top: flow.y, shaded: i % 2 == 1, bold: boldLast && i == rows.count - 1, cr)
            flow.advance(h)
        }
    }
}
