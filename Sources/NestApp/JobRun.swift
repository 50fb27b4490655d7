import Foundation
import NestEngine
import NestGeometry
import NestIO
import NestOutput
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
    /// In a cutting session: what is left of the order after this run's parts were booked.
    public var remaining: OrderRemainder?
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

    public init(options: RunOptions) {
        self.options = options
    }

    public func run(listener: some NestListener = SilentListener(), terminator: some Terminator = NeverStop()) throws
        -> RunSummary
    {
        let start = Date()
        let kernel = try GeometryKernel()
        var job = try InputLimits.$current.withValue(options.limits) {
            try JobReader.read(path: options.jobPath, kernel: kernel)
        }
        // A cutting session holds its state's lock from reading the state to booking: a
        // second session on it is refused at once, before it nests the same parts left.
        let lock = try options.remainingPath.map { try SessionLock(statePath: $0) }
        defer { withExtendedLifetime(lock) {} }
        let opened = try options.remainingPath.map { try Self.openSession(path: $0, job: job) }
        var session = opened?.state
        job.remaining = session
        let warmStart = try options.startPath.map { path in
            try InputLimits.$current.withValue(options.limits) { try StartReportReader.read(path: path) }
        }
        // Read the machine first: a bad profile is refused before any nesting.
        let profile = try options.machinePath.map { try MachineProfileReader.read(path: $0) } ?? MachineProfile()
        job.search = job.search.overridden(by: options.search)
        let config = NestConfiguration(search: job.search, threads: options.threads)
        let nester = Nester(job: job, config: config, start: warmStart)
        // A target yield stops the optimizer once its best nest reaches it.
        let target = TargetYield(percent: options.targetYieldPercent, passingTo: listener)
        // The job file's own time limit applies unless the command line gave one (which
        // the command's terminator already enforces).
        var result = if options.search.timeLimitSeconds == nil, let limit = job.search.timeLimitSeconds {
            try nester.run(listener: target, terminator: EitherStop(EitherStop(terminator, target), Deadline(seconds: limit)))
        } else {
            try nester.run(listener: target, terminator: EitherStop(terminator, target))
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
        // The nest is written: book its parts off the order (a cutting session).
        if let path = options.remainingPath, let opened, session != nil {
            // Belt and braces under the lock: the state must still be what this run read,
            // or booking would overwrite bookings made meanwhile (by a program not taking it).
            let now = FileManager.default.contents(atPath: path)
            guard now == opened.bytes else {
                let change = now == nil ? "it was removed" : opened.bytes == nil ? "it was made" : "its contents changed"
                throw OutputError(file: path, problem: "the nest was written, but not booked: the state file changed while "
                    + "this session ran (\(change)); nest this hide again against the state as it is now")
            }
            session!.book(result)
            do {
                try AtomicFile.write(OrderStateFile.text(session!), to: path)
            } catch {
                throw OutputError(file: path, problem: "the nest was written, but the order's state could not be: "
                    + OutputError.describe(error))
            }
        }
        return RunSummary(job: job, result: result, outputDirectory: folder, files: files,
                          seconds: Date().timeIntervalSince(start), remaining: session)
    }

    /// What is left of `job`'s order: read from `path`, or the whole order when the file
    /// does not exist yet; and the bytes read (nil when there was no file). Refused when it
    /// belongs to another job, asks for parts the order does not (a kind it has not, more
    /// of a kind than it asks for), or nothing is left. Errors name `path` as given.
    static func openSession(path: String, job: Job) throws -> (state: OrderRemainder, bytes: Data?) {
        let whole = OrderRemainder(opening: job)
        guard FileManager.default.fileExists(atPath: path) else { return (whole, nil) }
        let bytes = try OrderStateFile.contents(of: path)
        let state = try OrderStateFile.read(data: bytes, name: path, job: job.name, order: whole.counts)
        guard state.total > 0 else {
            throw InputError(file: path, item: "remaining", problem: "nothing is left of the order: every part was cut "
                + "(\(state.cuts.count) sheet(s) booked)")
        }
        return (state, bytes)
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
}
