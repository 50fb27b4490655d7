import CCairo
import Foundation
import NestModel

/// Bundle tickets to stick on the cut parts: pages of 3 × 8 labels (a common A4 label
/// sheet, 70 × 37 mm; the same grid on Letter), each sheet starting on a new page.
/// `.parts`: one ticket per part (job, hide, part number, panel, size, side, order line,
/// grade); `.bundles`: one per order line and size on the sheet, with its part numbers.
/// Cut lines are dashed. Text is shortened with an ellipsis to the ticket's width.
public enum BundleTickets {
    public static let columns = 3, rows = 8

    /// Pages the tickets of a sheet take.
    public static func pageCount(tickets: Int) -> Int { max(1, (tickets + columns * rows - 1) / (columns * rows)) }

    /// One ticket's text: the big mark at its left (a part number or a size), its caption,
    /// and the lines beside it, first in bold.
    struct Ticket {
        var mark: String
        var caption: String
        var lines: [String]
    }

    static func tickets(_ docs: CutRoomDocuments, sheet index: Int) -> [Ticket] {
        let sheet = docs.sheets[index]
        let whereCut = "sheet \(index + 1) of \(docs.sheets.count): \(sheet.stockName)"
        let job = "job \(docs.info.jobName)"
        switch docs.options.tickets {
        case .parts, .none:
            return sheet.placements.enumerated().map { i, p in
                let side = p.part.side == .none ? "" : " · \(p.part.side == .left ? "left" : "right") (\(p.part.side.rawValue))"
                return Ticket(mark: "\(i + 1)", caption: "part", lines: [
                    p.part.panel.replacingOccurrences(of: "_", with: " "), "size \(p.part.size)\(side) · grade \(p.part.minGrade.rawValue)",
                    whereCut, job, "order \(docs.orderLineName(p.part.orderLine))",
                ])
            }
        case .bundles:
            var keys: [(line: Int, size: String)] = []
            var members: [String: [Int]] = [:]
            for (i, p) in sheet.placements.enumerated() {
                let key = "\(p.part.orderLine)|\(p.part.size)"
                if members[key] == nil { keys.append((p.part.orderLine, p.part.size)) }
                members[key, default: []].append(i)
            }
            return keys.enumerated().map { k, key in
                let parts = members["\(key.line)|\(key.size)"] ?? []
                let sides = Dictionary(grouping: parts, by: { sheet.placements[$0].part.side })
                let split = [Side.left, .right].compactMap { s in sides[s].map { "\($0.count) \(s.rawValue)" } }.joined(separator: ", ")
                return Ticket(mark: key.size, caption: "size", lines: [
                    "bundle \(k + 1) of \(keys.count): \(parts.count) parts" + (split.isEmpty ? "" : " (\(split))"),
                    "parts " + parts.map { "\($0 + 1)" }.joined(separator: ", "), whereCut,
                    job + " · order \(docs.orderLineName(key.line))",
                ])
            }
        }
    }

    public static func write(_ docs: CutRoomDocuments, to path: String) throws {
        let file = try PDFFile(path: path, title: "nest bundle tickets: \(docs.info.jobName)", created: docs.date)
        let cr = file.cr
        let page = docs.options.paper.portrait
        let w = page.width / Double(columns), h = page.height / Double(rows)
        for index in docs.sheets.indices {
            let all = tickets(docs, sheet: index)
            for start in stride(from: 0, to: max(all.count, 1), by: columns * rows) {
                file.beginPage(page)
                drawCutLines(cr, page: page)
                for (k, ticket) in all.dropFirst(start).prefix(columns * rows).enumerated() {
                    draw(ticket, cr, x: Double(k % columns) * w, y: Double(k / columns) * h, width: w, height: h)
                }
            }
        }
        try file.finish()
    }

    static func draw(_ t: Ticket, _ cr: OpaquePointer, x: Double, y: Double, width: Double, height: Double) {
        let pad = 9.0, markWidth = 52.0
        CairoText.show(cr, t.caption, x: x + pad + markWidth / 2 - 4, y: y + pad + 10, maxWidth: markWidth - 8, size: 7,
                       align: .center)
        CairoText.show(cr, t.mark, x: x + pad + markWidth / 2 - 4, y: y + pad + 36, maxWidth: markWidth - 8, size: 22,
                       bold: true, align: .center)
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        cairo_set_line_width(cr, 0.6)
        cairo_move_to(cr, x + pad + markWidth - 2, y + pad + 2)
        cairo_line_to(cr, x + pad + markWidth - 2, y + height - pad - 2)
        cairo_stroke(cr)
        let left = x + pad + markWidth + 4, room = width - 2 * pad - markWidth - 4
        var baseline = y + pad + 11
        let step = (height - 2 * pad - 12) / Double(max(t.lines.count - 1, 1))
        for (i, line) in t.lines.enumerated() {
            CairoText.show(cr, line, x: left, y: baseline, maxWidth: room, size: i == 0 ? 9.5 : 7.5, bold: i == 0)
            baseline += min(step, 16)
        }
    }

    static func drawCutLines(_ cr: OpaquePointer, page: PageSize) {
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6)
        cairo_set_line_width(cr, 0.4)
        var dashes: [Double] = [3, 3]
        cairo_set_dash(cr, &dashes, 2, 0)
        for c in 1..<columns {
            cairo_move_to(cr, page.width * Double(c) / Double(columns), 0)
            cairo_line_to(cr, page.width * Double(c) / Double(columns), page.height)
        }
        for r in 1..<rows {
            cairo_move_to(cr, 0, page.height * Double(r) / Double(rows))
            cairo_line_to(cr, page.width, page.height * Double(r) / Double(rows))
        }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }
}
