import Foundation
import NestApp
import NestEngine
import NestIO
import Synchronization

/// Takes jobs from the queue one at a time and runs each exactly as `nest JOB.json` would
/// (read, nest, verify with GEOS, write every file), into `DATA/jobs/ID/out`, on a thread
/// of its own so the HTTP server stays responsive.
///
/// While a job runs the worker heartbeats every `heartbeatSeconds` with its progress and
/// watches for a cancel request: a cancelled job stops like Ctrl-C and writes its best
/// verified nest. The outcome is recorded only after the output folder is complete.
public final class JobWorker: Sendable {
    public let name: String
    let queue: any JobQueue
    let data: String
    let threads: Int
    let heartbeatSeconds: Double
    private let stopping = Atomic<Bool>(false)

    public init(name: String, queue: any JobQueue, data: String, threads: Int = 1, heartbeatSeconds: Double = 1) {
        self.name = name
        self.queue = queue
        self.data = data
        self.threads = threads
        self.heartbeatSeconds = heartbeatSeconds
    }

    /// The folder of a job's files.
    public static func outputFolder(data: String, id: Int64) -> String {
        (data as NSString).appendingPathComponent("jobs/\(id)/out")
    }

    /// Starts the worker's loop on a thread of its own.
    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "nest worker \(name)"
        thread.start()
    }

    /// Asks the loop to end after the job it runs (if any).
    public func stop() { stopping.store(true, ordering: .relaxed) }

    func loop() {
        while !stopping.load(ordering: .relaxed) {
            do {
                if let job = try queue.claim(worker: name) {
                    run(job)
                    continue
                }
            } catch {
                FileHandle.standardError.write(Data("nest serve: worker \(name): the queue failed: \(error)\n".utf8))
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Runs one claimed job to its end and records the outcome.
    public func run(_ job: QueuedJob) {
        let terminator = StopSignal(timeLimitSeconds: job.timeLimit)
        let listener = Listener()
        let done = Atomic<Bool>(false)
        // The heartbeat: progress to the queue, and a cancel request to the run.
        let beat = Thread { [self] in
            while !done.load(ordering: .relaxed) {
                try? queue.heartbeat(job.id, worker: name, progress: listener.latest)
                if (try? queue.cancelRequested(job.id)) == true { terminator.interrupt() }
                Thread.sleep(forTimeInterval: heartbeatSeconds)
            }
        }
        beat.start()
        let status: JobStatus
        var files: [String] = []
        var message: String?
        do {
            guard let bundle = try queue.bundlePath(job.id) else { throw InputError(file: "job \(job.id)", item: "", problem: "its bundle is gone") }
            let options = RunOptions(jobPath: bundle, outputDirectory: Self.outputFolder(data: data, id: job.id), threads: threads)
            let summary = try JobRun(options: options).run(listener: listener, terminator: terminator)
            files = summary.files.map { ($0 as NSString).lastPathComponent }.sorted()
            status = terminator.wasInterrupted ? .cancelled : .done
        } catch {
            message = RunFailure(error, jobPath: "job \(job.id)").message
            status = .failed
        }
        done.store(true, ordering: .relaxed)
        do {
            try queue.finish(job.id, worker: name, status: status, files: files, error: message)
        } catch {
            FileHandle.standardError.write(Data("nest serve: worker \(name): job \(job.id): cannot record the outcome: \(error)\n".utf8))
        }
    }

    /// Keeps the latest progress of the run for the heartbeat.
    final class Listener: NestListener, Sendable {
        private let state = Mutex<JobProgress?>(nil)

        var latest: JobProgress? { state.withLock { $0 } }

        func progress(_ update: NestProgress) {
            let phase = update.optimizerIteration == nil ? "nesting" : "optimizing"
            state.withLock {
                $0 = JobProgress(phase: phase, partsPlaced: update.partsPlaced, partsTotal: update.partsTotal,
                                 yieldPercent: update.yieldPercent, iteration: update.optimizerIteration,
                                 budget: update.optimizerIteration == nil ? nil : update.optimizerBudget)
            }
        }

        func step(_ name: String) {
            state.withLock { p in
                p = JobProgress(phase: name, partsPlaced: p?.partsPlaced ?? 0, partsTotal: p?.partsTotal ?? 0,
                                yieldPercent: p?.yieldPercent ?? 0, iteration: p?.iteration, budget: p?.budget)
            }
        }
    }
}
