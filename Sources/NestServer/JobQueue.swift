import Foundation

/// The persistent job queue a server and its workers share. Implementations keep it in a
/// real database, so it survives restarts and (with PostgreSQL) spans machines.
///
/// Guarantees every implementation keeps: a job is claimed by one worker at a time
/// (`claim` is atomic); a job whose worker stops heartbeating is put back (`requeueStale`),
/// so a job is run at least once and never lost; a job's outcome is recorded only once it
/// is complete (`finish` after its files are in place), and only by the worker that holds
/// the job at that moment (a worker whose job was put back and taken by another records
/// nothing); a finished job's files are served by `file` for as long as the job exists.
///
/// The methods are `async` because a network database answers asynchronously; callers on
/// a thread of their own (the workers) wait with `Blocking.wait`.
public protocol JobQueue: OrderStore {
    /// Adds a job; its `bundle` is the bundled job's JSON, as sent.
    func submit(_ job: NewJob) async throws -> QueuedJob
    func job(_ id: Int64) async throws -> QueuedJob?
    /// Every job: running ones, queued ones by priority then age, then the rest newest first.
    func list() async throws -> [QueuedJob]
    /// The job's bundle as a file on this machine, to run: the queue's own copy, or (when the
    /// queue keeps bundles in the database) the bundle written into `scratch`. Nil: no such job.
    func bundleFile(_ id: Int64, scratch: String) async throws -> String?
    /// Takes the next queued job for `worker` (highest priority, then oldest), or nil.
    func claim(worker: String) async throws -> QueuedJob?
    /// The worker is alive and the job's progress is `progress`. False when the job is no
    /// longer this worker's (it was put back as stale, or is over).
    @discardableResult
    func heartbeat(_ id: Int64, worker: String, progress: JobProgress?) async throws -> Bool
    /// Records the outcome of a job the worker ran, with `files` (names in `folder`, the
    /// job's complete output folder). False when the job was no longer this worker's, in
    /// which case nothing is recorded.
    @discardableResult
    func finish(_ id: Int64, worker: String, status: JobStatus, files: [String], folder: String, error: String?) async throws -> Bool
    /// The bytes of one of a finished job's files, by its exact name; nil when the job did
    /// not write such a file.
    func file(_ id: Int64, name: String) async throws -> Data?
    /// Cancels a queued job at once; asks a running one to stop (it writes its best nest).
    /// Nil when there is no such job.
    func cancel(_ id: Int64) async throws -> QueuedJob?
    /// Whether cancelling was asked for.
    func cancelRequested(_ id: Int64) async throws -> Bool
    func setPriority(_ id: Int64, _ priority: Int) async throws -> QueuedJob?
    /// Puts back running jobs whose worker has not heartbeated for `seconds`; returns their ids.
    func requeueStale(olderThan seconds: Double) async throws -> [Int64]
    /// Puts back every running job of `worker` (a worker restarting after a crash, or
    /// stopping before its job is done).
    func requeue(worker: String) async throws -> [Int64]
    /// Whether a finished job's files live in the queue itself, so the worker's local copy
    /// may be removed once the outcome is recorded.
    var keepsFiles: Bool { get }
}
