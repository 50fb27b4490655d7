import Foundation
import NestEngine
import NestGeometry
import NestIO
import NestModel
import NestRender

/// What a finished run produced.
public struct RunSummary: Sendable {
    public var job: Job
    public var result: NestResult
    public var outputDirectory: String
    public var files: [String]
    public var seconds: Double
}

/// The whole pipeline of `nest JOB.json`: read and validate the job, nest it, verify the
/// nest with GEOS, then write `report.json`, `cut-sheets.pdf` and `sheet-NN.svg`.
///
/// Nothing is written unless the nest passed verification; every file is written whole
/// (temporary name, then rename), and sheet files left from an earlier run are removed.
public struct JobRun {
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

        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: job.parts())
        guard problems.isEmpty else { throw NestError.verificationFailed(problems) }

        let folder = options.outputDirectory ?? "Output/\(job.name)"
        // All or nothing: the folder holds the previous complete set of files or this one.
        let files = try OutputFolder.replace(folder) { try write(job: job, result: result, to: $0) }
        return RunSummary(job: job, result: result, outputDirectory: folder, files: files,
                          seconds: Date().timeIntervalSince(start))
    }

    private func write(job: Job, result: NestResult, to folder: String) throws -> [String] {
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
        let pdf = (folder as NSString).appendingPathComponent("cut-sheets.pdf")
        let pdfTemp = (folder as NSString).appendingPathComponent(".cut-sheets.pdf.tmp-\(getpid())")
        try PDFCutSheets.write(sheets: result.sheets, info: info, to: pdfTemp)
        var svgs: [(String, String)] = []
        for (i, sheet) in result.sheets.enumerated() {
            let name = String(format: "sheet-%02d.svg", i + 1)
            svgs.append((name, SVGCutSheet.document(sheet: sheet, index: i, count: result.sheets.count, info: info)))
        }
        let report = ReportWriter.report(job: job, result: result, iterations: job.iterations).serialized()

        // Remove sheets an earlier run left behind beyond this run's count.
        let keep = Set(svgs.map(\.0))
        for f in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where f.hasPrefix("sheet-") && f.hasSuffix(".svg") && !keep.contains(f) {
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(f))
        }
        for (name, text) in svgs {
            let path = (folder as NSString).appendingPathComponent(name)
            try AtomicFile.write(text, to: path)
            written.append(path)
        }
        if rename(pdfTemp, pdf) != 0 { throw RenderError(message: "cannot move the PDF into place at \(pdf)") }
        written.append(pdf)
        let reportPath = (folder as NSString).appendingPathComponent("report.json")
        try AtomicFile.write(report, to: reportPath)
        written.append(reportPath)
        return written
    }
}
