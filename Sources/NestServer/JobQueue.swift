import Foundation

/// The persistent job queue a server and its workers share. Implementations keep it in a
/// real database, so it survives restarts and (with a shared server) spans machines.
///
/// Guarantees every implementation keeps: a job is claimed by one worker at a time
/// (`claim` is atomic); a job whose worker stops heartbeating is put back (`requeueStale`),
/// so a job is run at least once and never lost; a job's result is recorded only once it
/// is complete (`finish` after its files are in place).
public protocol JobQueue: Sendable {
    /// Adds a job whose bundle is stored under `bundle` (a path in the data folder).
    func submit(name: String, parts: Int, priority: Int, timeLimit: Double?, bundle: String) throws -> QueuedJob
    func job(_ id: Int64) throws -> QueuedJob?
    /// Every job, queued ones first by priority then age, then the rest newest first.
    func list() throws -> [QueuedJob]
    /// The bundle path of a job.
    func bundlePath(_ id: Int64) throws -> String?
    /// Takes the next queued job for `worker` (highest priority, oldest first), or nil.
    func claim(worker: String) throws -> QueuedJob?
    /// The worker is alive and the job's progress is `progress`.
    func heartbeat(_ id: Int64, worker: String, progress: JobProgress?) throws
    /// Records the outcome of a job the worker ran.
    func finish(_ id: Int64, worker: String, status: JobStatus, files: [String], error: String?) throws
    /// Cancels a queued job at once; asks a running one to stop (it writes its best nest).
    /// Nil when there is no such job.
    func cancel(_ id: Int64) throws -> QueuedJob?
    /// Whether cancelling was asked for.
    func cancelRequested(_ id: Int64) throws -> Bool
    func setPriority(_ id: Int64, _ priority: Int) throws -> QueuedJob?
    /// Puts back running jobs whose worker has not heartbeated for `seconds`; returns their ids.
    func requeueStale(olderThan seconds: Double) throws -> [Int64]
    /// Puts back every running job of `worker` (a worker restarting after a crash).
    func requeue(worker: String) throws -> [Int64]
}
