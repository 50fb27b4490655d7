import Foundation
import NestApp
import NestEngine
import NestIO
import Synchronization

/// Takes jobs from the queue one at a time and runs each exactly as `nest JOB.json` would
/// (read, nest, verify with GEOS, write every file), into `DATA/jobs/ID/out`, on a thread
/// of its own so the HTTP server (and the queue's connections) stay responsive.
///
/// While a job runs the worker heartbeats every `heartbeatSeconds` with its progress and
/// watches for a cancel request: a cancelled job stops like Ctrl-C and writes its best
/// verified nest. The outcome is recorded only after the output folder is complete; when
/// the queue keeps the files itself (PostgreSQL) the local copy is then removed. With
/// `staleSeconds`, the worker also puts back, before each claim, jobs whose worker (on any
/// machine) has not heartbeated for that long. A job that nests a hide of a cutting-session
/// order is run as `nest JOB --remaining STATE [--start REPORT]` (`JobWorker+Orders`), the
/// state being what is free of the order when its nest starts (`OrderPool.settle`, which
/// first waits while an older job nests another hide of the order). Each
/// claim and outcome is logged on stderr as `PREFIX: worker NAME: job ID: claimed (attempt N)`
/// / `…: done`.
public final class JobWorker: Sendable {
    public let name: String
    let queue: any JobQueue
    let data: String
    let threads: Int
    let heartbeatSeconds: Double
    let staleSeconds: Double?
    let logPrefix: String
    private let stopping = Atomic<Bool>(false)

    public init(name: String, queue: any JobQueue, data: String, threads: Int = 1, heartbeatSeconds: Double = 1,
                staleSeconds: Double? = nil, logPrefix: String = "nest serve") {
        self.name = name
        self.queue = queue
        self.data = data
        self.threads = threads
        self.heartbeatSeconds = heartbeatSeconds
        self.staleSeconds = staleSeconds
        self.logPrefix = logPrefix
    }

    /// The folder of a job's files on this machine.
    public static func outputFolder(data: String, id: Int64) -> String {
        (jobFolder(data: data, id: id) as NSString).appendingPathComponent("out")
    }

    /// The folder a worker runs a job in: its bundle (when the queue sends it) and `out`.
    static func jobFolder(data: String, id: Int64) -> String {
        (data as NSString).appendingPathComponent("jobs/\(id)")
    }

    /// Starts the worker's loop on a thread of its own.
    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "nest worker \(name)"
        thread.start()
    }

    /// Asks the loop to end after the job it runs (if any).
    public func stop() { stopping.store(true, ordering: .relaxed) }

    func log(_ line: String) {
        FileHandle.standardError.write(Data("\(logPrefix): worker \(name): \(line)\n".utf8))
    }

    func loop() {
        let queue = self.queue
        var lastReap = Date.distantPast
        while !stopping.load(ordering: .relaxed) {
            do {
                if let stale = staleSeconds, Date().timeIntervalSince(lastReap) >= heartbeatSeconds {
                    lastReap = Date()
                    let back = try Blocking.wait { try await queue.requeueStale(olderThan: stale) }
                    if !back.isEmpty {
                        log("jobs \(back.map(String.init).joined(separator: ", ")): no heartbeat for \(stale) s, queued again")
                    }
                }
                let name = self.name
                if let job = try Blocking.wait({ try await queue.claim(worker: name) }) {
                    run(job)
                    continue
                }
            } catch {
                log("the queue failed: \(error)")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Runs one claimed job to its end and records the outcome.
    public func run(_ job: QueuedJob) {
        log("job \(job.id): claimed (attempt \(job.attempts))")
        let queue = self.queue, name = self.name, id = job.id
        let folder = Self.jobFolder(data: data, id: id)
        let output = Self.outputFolder(data: data, id: id)
        // A queue that cannot hand over the bundle now is no fault of the job: put it back.
        let bundle: String?
        var session: OrderRun?
        do {
            bundle = try Blocking.wait { try await queue.bundleFile(id, scratch: folder) }
            session = try Blocking.wait { try await queue.orderRun(job: id) }
        } catch {
            log("job \(id): cannot fetch its bundle or its order (\(error)); putting it back")
            _ = try? Blocking.wait { try await queue.requeue(worker: name) }
            return
        }
        // Cancel requests; the time limit is counted from the start of the nest itself (a
        // hide's job may first wait for another hide of its order).
        let terminator = StopSignal(timeLimitSeconds: nil)
        let listener = Listener()
        let done = Atomic<Bool>(false)
        // The heartbeat: progress to the queue, and a cancel request to the run.
        let beat = Thread { [self] in
            while !done.load(ordering: .relaxed) {
                let progress = listener.latest
                if (try? Blocking.wait({ try await queue.heartbeat(id, worker: name, progress: progress) })) == false,
                   !done.load(ordering: .relaxed) {
                    log("job \(id): no longer this worker's (put back as stale); stopping it")
                    terminator.interrupt()
                    return
                }
                if (try? Blocking.wait({ try await queue.cancelRequested(id) })) == true { terminator.interrupt() }
                Thread.sleep(forTimeInterval: heartbeatSeconds)
            }
        }
        beat.start()
        let status: JobStatus
        var files: [String] = []
        var message: String?
        do {
            guard let bundle else {
                throw InputError(file: "job \(id)", item: "", problem: "its bundle is gone")
            }
            var options = RunOptions(jobPath: bundle, outputDirectory: output, threads: threads)
            options.targetYieldPercent = job.targetYield
            // A time limit on a job that sets no iterations optimizes until the limit, as
            // `nest JOB --time-limit S` does (a hide of an order keeps its order's budgets).
            if session == nil, let limit = job.timeLimit, !Self.setsIterations(bundle) {
                options.search.timeLimitSeconds = limit
            }
            if let run = session {
                // What the hide is nested against: the order less what the other open hides hold, now.
                let settled: OrderRun
                do {
                    settled = try Blocking.wait { try await OrderPool.settle(run, job: id, queue: queue, stopped: { terminator.wasInterrupted }) }
                } catch let e as InputError {
                    throw e
                } catch {
                    // The queue failed, not the job: put it back, as a bundle that cannot be fetched.
                    done.store(true, ordering: .relaxed)
                    log("job \(id): cannot read its order (\(error)); putting it back")
                    _ = try? Blocking.wait { try await queue.requeue(worker: name) }
                    return
                }
                session = settled
                try prepare(settled, folder: folder, options: &options)
            }
            let summary = try job.timeLimit.map { limit in
                try JobRun(options: options).run(listener: listener, terminator: EitherStop(terminator, Deadline(seconds: limit)))
            } ?? JobRun(options: options).run(listener: listener, terminator: terminator)
            files = summary.files.map { ($0 as NSString).lastPathComponent }
            if session != nil { files.append(try keepOrderState(folder: folder, output: output)) }
            files.sort()
            status = terminator.wasInterrupted ? .cancelled : .done
        } catch {
            message = RunFailure(error, jobPath: "job \(id)").message
            // A hide's job cancelled (its hide given up) while it waited for another: cancelled.
            status = session != nil && terminator.wasInterrupted && files.isEmpty ? .cancelled : .failed
        }
        done.store(true, ordering: .relaxed)
        do {
            let recorded = try Blocking.wait { [files, message] in
                try await queue.finish(id, worker: name, status: status, files: files, folder: output, error: message)
            }
            log("job \(id): \(recorded ? status.rawValue : "finished, but no longer this worker's: not recorded")")
            if queue.keepsFiles { try? FileManager.default.removeItem(atPath: folder) }
        } catch {
            log("job \(id): cannot record the outcome: \(error)")
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

extension JobWorker {
    /// True when the job document at `path` gives its own `iterations` budget.
    static func setsIterations(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["iterations"] != nil
    }
}
