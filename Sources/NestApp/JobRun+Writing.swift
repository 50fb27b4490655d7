import Dispatch
import Foundation
import NestIO
import NestOutput
import NestModel
import NestRender
import NestToolpath
import Synchronization

/// Writing a run's files: rendered into temporary files first, then put in place together,
/// the report last.
extension JobRun {
    /// Writes every output of a verified nest into `folder`; returns the paths written.
    func write(job: Job, result: NestResult, toolpaths: [SheetToolpath], profile: MachineProfile,
               to folder: String) throws -> [String] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(creatingFolder: folder, error)
        }
        let info = CutSheetInfo(jobName: job.name, seed: job.search.seed, spacing: job.spacing, margin: job.margin,
                                overallYieldPercent: result.yieldPercent,
                                partsOrdered: result.placedCount + result.unplaced.count, partsUnplaced: result.unplaced.count)
        var written: [String] = []
        // Render first into temporary files, so a failure leaves the previous output alone.
        let drawn = options.toolpathFormats.isEmpty ? nil : toolpaths
        let cutRoom = CutRoomDocuments(job: job, result: result, info: info, toolpaths: drawn, machine: profile.name,
                                       options: options.print, date: Self.documentDate(), threads: options.threads)
        let (documents, textFiles, report) = try renderInTwoLanes(cutRoom, job: job, result: result, info: info,
                                                                   toolpaths: toolpaths, drawn: drawn, profile: profile, folder: folder)
        defer { documents.discard() }

        // Remove sheet files an earlier run left behind beyond this run's count (or formats).
        let keep = Set(textFiles.map { ($0.target as NSString).lastPathComponent })
        let sheetSuffixes = [".svg"] + ToolpathFormat.allCases.map { ".\($0.rawValue)" }
        for f in (try? fm.contentsOfDirectory(atPath: folder)) ?? []
        where f.hasPrefix("sheet-") && sheetSuffixes.contains(where: { f.hasSuffix($0) }) && !keep.contains(f) {
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(f))
        }
        for (k, file) in textFiles.enumerated() {
            do {
                try file.commit()
            } catch {
                textFiles[(k + 1)...].forEach { $0.discard() }
                throw error
            }
            written.append(file.target)
        }
        written += try documents.moveIntoPlace()
        let reportPath = (folder as NSString).appendingPathComponent("report.json")
        try AtomicFile.write(report, to: reportPath)
        written.append(reportPath)
        return written
    }

    /// Renders the outputs into temporary files in two lanes side by side (on one thread
    /// when the run has one): the printed documents (Cairo) in one, the plain-text files
    /// (sheets, toolpaths, the HTML page, the report) in the other, so Cairo is only ever
    /// used from one thread. A failure in either lane leaves nothing behind from the other.
    private func renderInTwoLanes(_ cutRoom: CutRoomDocuments, job: Job, result: NestResult, info: CutSheetInfo,
                                  toolpaths: [SheetToolpath], drawn: [SheetToolpath]?, profile: MachineProfile,
                                  folder: String) throws -> (OperatorDocuments, [AtomicFile.Staged], String) {
        let rendered = Mutex<Result<OperatorDocuments, any Error>?>(nil)
        let staged = Mutex<Result<(sheets: [AtomicFile.Staged], report: String), any Error>?>(nil)
        let lanes: @Sendable (Int) -> Void = { [self] lane in
            if lane == 0 {
                let outcome = Result { try OperatorDocuments(cutRoom, folder: folder) }
                rendered.withLock { $0 = outcome }
            } else {
                let outcome = Result {
                    try stageTextOutputs(cutRoom, job: job, result: result, info: info, toolpaths: toolpaths, drawn: drawn,
                                         profile: profile, folder: folder)
                }
                staged.withLock { $0 = outcome }
            }
        }
        if options.threads > 1 {
            DispatchQueue.concurrentPerform(iterations: 2, execute: lanes)
        } else {
            lanes(0)
            lanes(1)
        }
        let documentsOutcome = rendered.withLock { $0 }!, textOutcome = staged.withLock { $0 }!
        if case .success(let files) = textOutcome, case .failure = documentsOutcome { files.sheets.forEach { $0.discard() } }
        if case .success(let documents) = documentsOutcome, case .failure = textOutcome { documents.discard() }
        let text = try textOutcome.get()
        return (try documentsOutcome.get(), text.sheets, text.report)
    }

    /// The plain-text outputs: per sheet its SVG and toolpath files, then the HTML page,
    /// each written to a temporary file as soon as it is made (a day's order holds no more
    /// than one in memory); and the report.
    private func stageTextOutputs(_ cutRoom: CutRoomDocuments, job: Job, result: NestResult, info: CutSheetInfo,
                                  toolpaths: [SheetToolpath], drawn: [SheetToolpath]?, profile: MachineProfile,
                                  folder: String) throws
        -> (sheets: [AtomicFile.Staged], report: String)
    {
        var files: [AtomicFile.Staged] = []
        do {
            for (i, sheet) in result.sheets.enumerated() {
                var outputs = [(String(format: "sheet-%02d.svg", i + 1),
                                SVGCutSheet.document(scene: cutRoom.scenes[i], index: i, count: result.sheets.count, info: info,
                                                     toolpath: drawn?[i]))]
                if !toolpaths.isEmpty {
                    outputs += toolpathFiles(sheet: sheet, index: i, count: result.sheets.count, job: job, toolpath: toolpaths[i],
                                             profile: profile)
                }
                for (name, text) in outputs {
                    files.append(try AtomicFile.Staged(text, for: (folder as NSString).appendingPathComponent(name)))
                }
            }
            files.append(try AtomicFile.Staged(HTMLReport.document(cutRoom), for: (folder as NSString).appendingPathComponent("index.html")))
        } catch {
            files.forEach { $0.discard() }
            throw error
        }
        let report = ReportWriter.report(job: job, result: result, iterations: job.search.iterations.count, sheetExtras: { i in
            options.toolpathFormats.isEmpty ? [] : [ToolpathReport.field(toolpaths[i], profile: profile)]
        }).serialized()
        return (files, report)
    }

    /// The toolpath files of one sheet, by name, in the formats asked for.
    private func toolpathFiles(sheet: Sheet, index: Int, count: Int, job: Job, toolpath: SheetToolpath,
                               profile: MachineProfile) -> [(String, String)] {
        options.toolpathFormats.map { format in
            let name = String(format: "sheet-%02d.", index + 1) + format.rawValue
            switch format {
            case .plt: return (name, HPGLWriter.document(toolpath, sheet: sheet, profile: profile))
            case .nc:
                let title = "nest \(job.name) sheet \(index + 1) of \(count): \(sheet.stockName), machine \(profile.name)"
                return (name, GCodeWriter.document(toolpath, sheet: sheet, profile: profile, title: title))
            case .dxf: return (name, DXFWriter.document(toolpath, sheet: sheet, profile: profile))
            }
        }
    }

    /// The date the documents carry: now, unless `SOURCE_DATE_EPOCH` (the reproducible-builds
    /// convention, seconds since 1970) fixes it, so that two runs give the same bytes.
    static func documentDate() -> Date {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
            ?? Date()
    }
}
