import Foundation
import NestModel
import NestToolpath

/// Everything the operator's documents show about one run: the job and its order, the
/// nest, the toolpaths (when planned) and how to print. The work-instruction PDF, the
/// bundle tickets, the true-scale output and the HTML report are all drawn from it, so
/// they number the parts alike: part N of a sheet is its N-th placement.
public struct CutRoomDocuments: Sendable {
    public var job: Job
    public var result: NestResult
    public var info: CutSheetInfo
    /// One per sheet, or nil when no toolpath was planned.
    public var toolpaths: [SheetToolpath]?
    public var machine: String
    public var options: PrintOptions
    /// The date the documents carry (the cover, the PDFs' creation date; the report has
    /// none). The caller decides it — the run's clock, or a fixed date for reproducible
    /// output.
    public var date: Date
    /// Each sheet ready to draw, with its labels placed: computed once, drawn by every document.
    public let scenes: [SheetScene]

    public init(job: Job, result: NestResult, info: CutSheetInfo, toolpaths: [SheetToolpath]?, machine: String,
                options: PrintOptions, date: Date, threads: Int = 1) {
        self.job = job
        self.result = result
        self.info = info
        self.toolpaths = toolpaths
        self.machine = machine
        self.options = options
        self.date = date
        scenes = SheetScene.scenes(of: result.sheets, threads: threads)
    }

    var sheets: [Sheet] { result.sheets }

    /// "2026-11-25 13:18 UTC", of `date`.
    var dateText: String {
        let d = date
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }

    /// "1: runner.json (Trail Runner TR-1)" for an order line index.
    func orderLineName(_ index: Int) -> String {
        guard job.order.indices.contains(index) else { return "\(index + 1)" }
        let line = job.order[index]
        let source = (line.patternSource as NSString).lastPathComponent
        return line.pattern.model.isEmpty || line.pattern.model == source ? "\(index + 1): \(source)"
            : "\(index + 1): \(line.pattern.model) (\(source))"
    }

    /// "L", "R" or "–" for parts cut without mirroring.
    static func sideText(_ side: Side) -> String { side == .none ? "–" : side.rawValue }
}
