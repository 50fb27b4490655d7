import Foundation
import NestEngine
import NestIO
import NestOutput
import NestModel

/// One job's line in a batch summary.
public struct BatchEntry: Sendable {
    /// How the job ended: its outputs written, stopped with the best nest so far, never
    /// started, or failed (with the exit status a single run would have had).
    public enum Status: Sendable, Equatable {
        case ok
        /// Stopped by a signal; the best nest so far was written.
        case interrupted
        /// Not started because the batch was interrupted first.
        case notRun
        /// Bad input (exit status 1 of a single run).
        case inputError(String)
        /// Anything else, e.g. a nest that failed its verification (exit status 2).
        case failed(String)

        public var word: String {
            switch self {
            case .ok: "ok"
            case .interrupted: "interrupted"
            case .notRun: "not run"
            case .inputError: "input error"
            case .failed: "failed"
            }
        }

        public var message: String {
            switch self {
            case .inputError(let m), .failed(let m): m
            default: ""
            }
        }
    }

    public var jobPath: String
    public var outputDirectory: String
    public var sheets: Int = 0
    public var yieldPercent: Double = 0
    public var placed: Int = 0
    public var unplaced: Int = 0
    public var seconds: Double = 0
    public var status: Status
}

/// The batch's shared state: the next job to start and the finished entries.
private final class BatchSlots: @unchecked Sendable {
    let lock = NSLock()
    var entries: [BatchEntry?]
    var next = 0
    init(_ n: Int) { entries = Array(repeating: nil, count: n) }
}

/// `nest batch`: runs many jobs, `jobs` at a time, each into its own folder
/// (`<output>/<job file name>/`, numbered when two job files share a name), and writes the
/// summary `batch.json` and `batch.csv` into `<output>`. A job that fails is reported in
/// the summary and does not stop the others.
///
/// Each job runs exactly as `nest JOB.json` would with the same options, so its results
/// are the same; the jobs share the terminator (Ctrl-C stops them all, and jobs not yet
/// started are reported as not run).
public struct BatchRun {
    public var jobPaths: [String]
    public var outputDirectory: String
    public var parallelJobs: Int
    /// Options applied to every job (`jobPath` and `outputDirectory` are set per job).
    public var template: RunOptions

    public init(jobPaths: [String], outputDirectory: String, parallelJobs: Int, template: RunOptions) {
        self.jobPaths = jobPaths
        self.outputDirectory = outputDirectory
        self.parallelJobs = parallelJobs
        self.template = template
    }

    /// Each job's output folder: its file name without extension, numbered on repeats.
    public func folders() -> [String] {
        var used: [String: Int] = [:]
        return jobPaths.map { path in
            let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let safe = base.isEmpty || base.hasPrefix(".") ? "job" : base
            used[safe, default: 0] += 1
            let name = used[safe]! == 1 ? safe : "\(safe)-\(used[safe]!)"
            return (outputDirectory as NSString).appendingPathComponent(name)
        }
    }

    public func run(listener: some NestListener = SilentListener(), terminator: some Terminator = NeverStop(),
                    finished: @escaping @Sendable (BatchEntry) -> Void = { _ in }) throws -> [BatchEntry] {
        let folders = folders()
        let slots = BatchSlots(jobPaths.count)
        let template = self.template
        let paths = jobPaths
        let workers = max(1, min(parallelJobs, jobPaths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                slots.lock.lock()
                let i = slots.next
                slots.next += 1
                slots.lock.unlock()
                guard i < paths.count else { return }
                var options = template
                options.jobPath = paths[i]
                options.outputDirectory = folders[i]
                let entry = Self.runOne(options, listener: listener, terminator: terminator)
                slots.lock.lock()
                slots.entries[i] = entry
                slots.lock.unlock()
                finished(entry)
            }
        }
        let entries = slots.entries.map { $0! }
        try write(entries)
        return entries
    }

    static func runOne(_ options: RunOptions, listener: some NestListener, terminator: some Terminator) -> BatchEntry {
        var entry = BatchEntry(jobPath: options.jobPath, outputDirectory: options.outputDirectory ?? "", status: .ok)
        if terminator.wasInterrupted {
            entry.status = .notRun
            return entry
        }
        let start = Date()
        do {
            let summary = try JobRun(options: options).run(listener: listener, terminator: terminator)
            let r = summary.result
            entry.sheets = r.sheets.count
            entry.yieldPercent = r.yieldPercent
            entry.placed = r.placedCount
            entry.unplaced = r.unplaced.count
            entry.status = r.statistics.interrupted ? .interrupted : .ok
        } catch {
            let failure = RunFailure(error, jobPath: options.jobPath)
            entry.status = failure.kind == .input ? .inputError(failure.message) : .failed(failure.message)
        }
        entry.seconds = Date().timeIntervalSince(start)
        return entry
    }

    /// `batch.json` and `batch.csv` in the output folder, each written whole.
    func write(_ entries: [BatchEntry]) throws {
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(creatingFolder: outputDirectory, error)
        }
        let json = JSONValue.object([
            ("format", .string("nest-batch/1")),
            ("jobs", .array(entries.map { e in
                .object([
                    ("job", .string(e.jobPath)), ("output", .string(e.outputDirectory)),
                    ("sheets", .integer(e.sheets)), ("yield_percent", .number(e.yieldPercent, decimals: 4)),
                    ("placed", .integer(e.placed)), ("unplaced", .integer(e.unplaced)),
                    ("seconds", .number(e.seconds, decimals: 3)), ("status", .string(e.status.word)),
                    ("error", e.status.message.isEmpty ? .null : .string(e.status.message)),
                ])
            })),
        ])
        try AtomicFile.write(json.serialized(), to: (outputDirectory as NSString).appendingPathComponent("batch.json"))
        var csv = "job,sheets,yield_percent,unplaced,seconds,status,error\n"
        for e in entries {
            csv += [Self.csvField(e.jobPath), "\(e.sheets)", String(format: "%.4f", e.yieldPercent), "\(e.unplaced)",
                    String(format: "%.3f", e.seconds), e.status.word, Self.csvField(e.status.message)].joined(separator: ",") + "\n"
        }
        try AtomicFile.write(csv, to: (outputDirectory as NSString).appendingPathComponent("batch.csv"))
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
