import CCairo
import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Writes the operator's work instructions as one PDF on A4 or Letter:
///
/// 1. a cover page (job, date, order lines with sizes and pairs, totals, yields, stock
///    used, parts unplaced and why), continued on further pages when long;
/// 2. per sheet, an overview page at a round scale (stock, zones tinted and named, holes
///    and defects hatched, every part filled, numbered and with its grain arrow, north
///    arrow, scale bar, calibration square, yield), its toolpath page when a toolpath was
///    planned, and its parts list (number, panel, size, side, grade, order line), which
///    continues over as many pages as it needs.
///
/// Everything reads in grey too: parts carry numbers, holes and defects are hatched and
/// zones named. Text never leaves its box: long names end in an ellipsis. The file is
/// complete only when `write` returns without throwing.
public enum PDFCutSheets {
    public static func write(_ docs: CutRoomDocuments, to path: String) throws {
        let file = try PDFFile(path: path, title: "nest work instructions: \(docs.info.jobName)", created: docs.date)
        let cr = file.cr
        CoverPage(docs: docs).draw(file)
        for (i, sheet) in docs.sheets.enumerated() {
            file.beginPage(overviewPageSize(sheet, docs.options.paper))
            drawOverviewPage(cr, docs: docs, index: i)
            if let toolpath = docs.toolpaths?[i] {
                file.beginPage(overviewPageSize(sheet, docs.options.paper))
                drawToolpathPage(cr, sheet: sheet, toolpath: toolpath, index: i, count: docs.sheets.count, info: docs.info,
                                 machine: docs.machine, paper: docs.options.paper)
            }
            PartsListPages(docs: docs, sheetIndex: i).draw(file)
        }
        try file.finish()
    }
}
