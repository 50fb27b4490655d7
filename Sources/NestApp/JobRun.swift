import Foundation
import NestEngine
import NestGeometry
import NestIO
import NestModel
import NestRender
import NestToolpath
import Synchronization

/// What a finished run produced.
public struct RunSummary: Sendable {
    public var job: Job
    public var result: NestResult
    public var outputDirectory: String
    public var files: [String]
    public var seconds: Double
}

/// The whole pipeline of `nest JOB.json`: read and validate the job, nest it, verify the
/// nest with GEOS, plan each sheet's toolpath, then write `report.json`, `cut-sheets.pdf`,
/// `sheet-NN.svg`, the toolpath files `sheet-NN.plt/.nc/.dxf` and the operator's other
/// documents (`tickets.pdf`, `index.html`, `true-scale.pdf`; see `OperatorDocuments`).
///
/// Nothing is written unless the nest passed verification; every file is written whole
/// (temporary name, then rename), and sheet files left from an earlier run are removed.
public struct JobRun: Sendable {
    public let options: RunOptions

    /// The optimizer budget that means "until the time limit".
    public static let untilStopped = 1_000_000_000

    public init(options: RunOptions) {
        self.options = options
    }

    public func run(listener: some NestListener = SilentListener(), terminator: some Terminator = NeverStop()) throws
        -> RunSummary
    {
        let start = Date()
        let kernel = GeometryKernel()
        var job = try InputLimits.$current.withValue(options.limits) {
            try JobReader.read(path: options.jobPath, kernel: kernel)
        }
        // Read the machine first: a bad profile is refused before any nesting.
        let profile = try options.machinePath.map { try MachineProfileReader.read(path: $0) } ?? MachineProfile()
        if let s = options.seed { job.seed = s }
        if let i = options.iterations { job.iterations = i }
        if let s = options.samples { job.samples = s }
        if let t = options.timeLimitSeconds {
            job.timeLimitSeconds = t
            // A time limit without a budget means: optimize until the limit.
            if options.iterations == nil { job.iterations = JobRun.untilStopped }
        }

        var config = NestConfiguration()
        config.seed = job.seed
        config.samplesPerOrientation = job.samples
        config.optimizerIterations = job.iterations
        config.threads = max(1, options.threads)
        if let w = options.workers { config.workers = w }
        let nester = Nester(job: job, config: config)
        // The job file's own time limit applies unless the command line gave one.
        var result = if options.timeLimitSeconds == nil, let limit = job.timeLimitSeconds {
            try nester.run(listener: listener, terminator: EitherStop(terminator, Deadline(seconds: limit)))
        } else {
            try nester.run(listener: listener, terminator: terminator)
        }
        result.statistics.interrupted = result.statistics.stoppedEarly && terminator.wasInterrupted

        listener.step("verifying the nest with GEOS")
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: job.parts())
        guard problems.isEmpty else { throw NestError.verificationFailed(problems) }

        if !options.toolpathFormats.isEmpty { listener.step("planning the cut order") }
        let toolpaths = options.toolpathFormats.isEmpty ? [] : try planToolpaths(result.sheets, profile: profile, threads: config.threads)
        let folder = options.outputDirectory ?? "Output/\(job.name)"
        listener.step("writing the cut sheets and files")
        // All or nothing: the folder holds the previous complete set of files or this one.
        let files = try OutputFolder.replace(folder) {
            try write(job: job, result: result, toolpaths: toolpaths, profile: profile, to: $0)
        }
        return RunSummary(job: job, result: result, outputDirectory: folder, files: files,
                          seconds: Date().timeIntervalSince(start))
    }

    /// Each sheet's toolpath, the sheets planned side by side on up to `threads` threads
    /// (each plan depends on its sheet alone, so the thread count changes nothing); the
    /// first sheet that cannot be cut is named in the error.
    private func planToolpaths(_ sheets: [Sheet], profile: MachineProfile, threads: Int) throws -> [SheetToolpath] {
        let planner = ToolpathPlanner(profile: profile)
        let plans = Mutex([Result<SheetToolpath, ToolpathError>?](repeating: nil, count: sheets.count))
        let plan: @Sendable (Int) -> Void = { i in
            let outcome = Result { () throws(ToolpathError) in try planner.plan(sheets[i]) }
            plans.withLock { $0[i] = outcome }
        }
        if threads > 1, sheets.count > 1 {
            DispatchQueue.concurrentPerform(iterations: sheets.count, execute: plan)
        } else {
            for i in sheets.indices { plan(i) }
        }
        return try plans.withLock { $0 }.enumerated().map { i, outcome in
            switch outcome! {
            case .success(let toolpath): return toolpath
            case .failure(let error):
                throw InputError(file: options.machinePath ?? "built-in machine profile",
                                 item: "sheet \(i + 1) (\(sheets[i].stockName))", problem: "\(error)")
            }
        }
    }

    private func write(job: Job, result: NestResult, toolpaths: [SheetToolpath], profile: MachineProfile,
                       to folder: String) throws -> [String] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: folder, item: "", problem: "cannot create the output folder (\(error.localizedDescription))")
        }
        let info = CutSheetInfo(jobName: job.name, seed: job.seed, spacing: job.spacing, margin: job.margin,
                                overallYieldPercent: result.yieldPercent,
                                partsOrdered: result.placedCount + result.unplaced.count, partsUnplaced: result.unplaced.count)
        var written: [String] = []
        // Render first into temporary files, so a failure leaves the previous output alone.
        // Two lanes side by side: the operator's documents (Cairo, and the HTML page) in
        // one, the sheet files and the report (plain text) in the other. Cairo is only
        // ever used from one thread at a time.
        let drawn = options.toolpathFormats.isEmpty ? nil : toolpaths
        let cutRoom = CutRoomDocuments(job: job, result: result, info: info, toolpaths: drawn, machine: profile.name,
                                       options: options.print, date: Date())
        let rendered = Mutex<Result<OperatorDocuments, any Error>?>(nil)
        let staged = Mutex<Result<(sheets: [AtomicFile.Staged], report: String), any Error>?>(nil)
        let lanes: @Sendable (Int) -> Void = { [self] lane in
            if lane == 0 {
                let outcome = Result { try OperatorDocuments(cutRoom, folder: folder) }
                rendered.withLock { $0 = outcome }
            } else {
                let outcome = Result {
                    try stageTextOutputs(job: job, result: result, info: info, toolpaths: toolpaths, drawn: drawn, profile: profile,
                                         folder: folder)
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
        // A failure in either lane leaves nothing behind from the other.
        if case .success(let files) = textOutcome, case .failure = documentsOutcome { files.sheets.forEach { $0.discard() } }
        if case .success(let documents) = documentsOutcome, case .failure = textOutcome { documents.discard() }
        let documents = try documentsOutcome.get()
        defer { documents.discard() }
        let (sheetFiles, report) = try textOutcome.get()

        // Remove sheet files an earlier run left behind beyond this run's count (or formats).
        let keep = Set(sheetFiles.map { ($0.target as NSString).lastPathComponent })
        let sheetSuffixes = [".svg"] + ToolpathFormat.allCases.map { ".\($0.rawValue)" }
        for f in (try? fm.contentsOfDirectory(atPath: folder)) ?? []
        where f.hasPrefix("sheet-") && sheetSuffixes.contains(where: { f.hasSuffix($0) }) && !keep.contains(f) {
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(f))
        }
        for (k, file) in sheetFiles.enumerated() {
            do {
                try file.commit()
            } catch {
                sheetFiles[(k + 1)...].forEach { $0.discard() }
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

    /// The plain-text outputs: per sheet its SVG and toolpath files, each written to a
    /// temporary file as soon as it is made (a day's order holds no more than one in
    /// memory), and the report.
    private func stageTextOutputs(job: Job, result: NestResult, info: CutSheetInfo, toolpaths: [SheetToolpath],
                                  drawn: [SheetToolpath]?, profile: MachineProfile, folder: String) throws
        -> (sheets: [AtomicFile.Staged], report: String)
    {
        var files: [AtomicFile.Staged] = []
        do {
            for (i, sheet) in result.sheets.enumerated() {
                var outputs = [(String(format: "sheet-%02d.svg", i + 1),
                                SVGCutSheet.document(sheet: sheet, index: i, count: result.sheets.count, info: info, toolpath: drawn?[i]))]
                if !toolpaths.isEmpty {
                    outputs += toolpathFiles(sheet: sheet, index: i, count: result.sheets.count, job: job, toolpath: toolpaths[i],
                                             profile: profile)
                }
                for (name, text) in outputs {
                    files.append(try AtomicFile.Staged(text, for: (folder as NSString).appendingPathComponent(name)))
                }
            }
        } catch {
            files.forEach { $0.discard() }
            throw error
        }
        let report = ReportWriter.report(job: job, result: result, iterations: job.iterations, sheetExtras: { i in
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
}
