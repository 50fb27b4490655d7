import Foundation
import GRDB

/// The job queue in an SQLite database file (GRDB), the embedded default: `nest serve`
/// works on one machine with nothing else installed, and the queue survives restarts.
///
/// Claims run in one immediate write transaction, so two workers (threads or processes on
/// this machine) never take the same job. Times are stored as Unix seconds. Bundles and
/// each job's output stay in the data folder (`DATA/bundles/`, `DATA/jobs/ID/out`), which
/// is this machine's: the workers that share an SQLite queue are this server's own.
public final class SQLiteJobQueue: JobQueue, @unchecked Sendable {
    // GRDB's DatabaseQueue serializes every access itself; the class holds nothing else mutable.
    let database: DatabaseQueue
    private let data: String

    /// Opens (or creates) the database at `path`; bundles and outputs live under `data`.
    public init(path: String, data: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        database = try DatabaseQueue(path: path, configuration: configuration)
        self.data = data
        try Self.migrator.migrate(database)
    }

    public var keepsFiles: Bool { false }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("jobs-1") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    priority INTEGER NOT NULL DEFAULT 0,
                    parts INTEGER NOT NULL,
                    submitted_at REAL NOT NULL,
                    started_at REAL,
                    finished_at REAL,
                    heartbeat_at REAL,
                    progress TEXT,
                    error TEXT,
                    files TEXT NOT NULL DEFAULT '[]',
                    worker TEXT,
                    time_limit REAL,
                    cancel_requested INTEGER NOT NULL DEFAULT 0,
                    bundle TEXT NOT NULL
                );
                CREATE INDEX jobs_queue ON jobs (status, priority DESC, id);
                """)
        }
        // How many times a worker took the job (more than once: a worker stopped or died).
        migrator.registerMigration("jobs-2") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
        }
        registerOrderMigrations(&migrator)
        // A yield at which the run stops early.
        migrator.registerMigration("jobs-3") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN target_yield REAL")
        }
        registerHoldingMigrations(&migrator)
        return migrator
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    static func job(_ row: Row) -> QueuedJob {
        func date(_ column: String) -> Date? { (row[column] as Double?).map { Date(timeIntervalSince1970: $0) } }
        let progress = (row["progress"] as String?).flatMap { try? JSONDecoder().decode(JobProgress.self, from: Data($0.utf8)) }
        let files = (try? JSONDecoder().decode([String].self, from: Data((row["files"] as String? ?? "[]").utf8))) ?? []
        return QueuedJob(id: row["id"], name: row["name"], status: JobStatus(rawValue: row["status"]) ?? .failed,
                         priority: row["priority"], parts: row["parts"],
                         submittedAt: date("submitted_at") ?? Date(timeIntervalSince1970: 0), startedAt: date("started_at"),
                         finishedAt: date("finished_at"), progress: progress, error: row["error"], files: files,
                         worker: row["worker"], timeLimit: row["time_limit"], cancelRequested: (row["cancel_requested"] as Int? ?? 0) != 0,
                         attempts: row["attempts"] as Int? ?? 0, targetYield: row["target_yield"])
    }

    static func fetch(_ db: Database, _ id: Int64) throws -> QueuedJob? {
        try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map(job)
    }

    public func submit(_ job: NewJob) throws -> QueuedJob {
        let path = try writeBundle(job.bundle)
        return try database.write { db in try Self.insertJob(db, job, bundlePath: path) }
    }

    /// Writes a bundle into the data folder under a name of the server's own; its path.
    func writeBundle(_ bundle: Data) throws -> String {
        let folder = (data as NSString).appendingPathComponent("bundles")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent("\(UUID().uuidString).json")
        try bundle.write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Queues `job`, whose bundle is already at `bundlePath`.
    static func insertJob(_ db: Database, _ job: NewJob, bundlePath: String) throws -> QueuedJob {
        try db.execute(sql: """
            INSERT INTO jobs (name, status, priority, parts, submitted_at, time_limit, target_yield, bundle)
            VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)
            """, arguments: [job.name, job.priority, job.parts, now(), job.timeLimit, job.targetYield, bundlePath])
        return try fetch(db, db.lastInsertedRowID)!
    }

    public func job(_ id: Int64) throws -> QueuedJob? {
        try database.read { try Self.fetch($0, id) }
    }

    public func list() throws -> [QueuedJob] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM jobs ORDER BY CASE status WHEN 'running' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END,
                    CASE WHEN status = 'queued' THEN -priority ELSE 0 END, CASE WHEN status = 'queued' THEN id ELSE -id END
                """).map(Self.job)
        }
    }

    public func bundleFile(_ id: Int64, scratch: String) throws -> String? {
        try database.read { try String.fetchOne($0, sql: "SELECT bundle FROM jobs WHERE id = ?", arguments: [id]) }
    }

    public func claim(worker: String) throws -> QueuedJob? {
        try database.write { db in
            guard let id = try Int64.fetchOne(db, sql: """
                SELECT id FROM jobs WHERE status = 'queued' ORDER BY priority DESC, id LIMIT 1
                """) else { return nil }
            let now = Self.now()
            try db.execute(sql: """
                UPDATE jobs SET status = 'running', worker = ?, started_at = ?, heartbeat_at = ?, progress = NULL, error = NULL,
                    attempts = attempts + 1
                WHERE id = ? AND status = 'queued'
                """, arguments: [worker, now, now, id])
            return try Self.fetch(db, id)
        }
    }

    public func heartbeat(_ id: Int64, worker: String, progress: JobProgress?) throws -> Bool {
        let text = progress.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        return try database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET heartbeat_at = ?, progress = COALESCE(?, progress) WHERE id = ? AND worker = ? AND status = 'running'
                """, arguments: [Self.now(), text, id, worker])
            return db.changesCount > 0
        }
    }

    /// The files stay where the worker wrote them, `DATA/jobs/ID/out` (`folder`).
    public func finish(_ id: Int64, worker: String, status: JobStatus, files: [String], folder: String, error: String?) throws -> Bool {
        let list = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
        return try database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET status = ?, files = ?, error = ?, finished_at = ? WHERE id = ? AND worker = ? AND status = 'running'
                """, arguments: [status.rawValue, list, error, Self.now(), id, worker])
            return db.changesCount > 0
        }
    }

    public func file(_ id: Int64, name: String) throws -> Data? {
        guard let job = try job(id), job.files.contains(name), !name.contains("/"), !name.hasPrefix(".") else { return nil }
        return FileManager.default.contents(atPath: (JobWorker.outputFolder(data: data, id: id) as NSString).appendingPathComponent(name))
    }

    public func cancel(_ id: Int64) throws -> QueuedJob? {
        try database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET status = 'cancelled', finished_at = ?, cancel_requested = 1 WHERE id = ? AND status = 'queued'
                """, arguments: [Self.now(), id])
            try db.execute(sql: "UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running'", arguments: [id])
            return try Self.fetch(db, id)
        }
    }

    public func cancelRequested(_ id: Int64) throws -> Bool {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT cancel_requested FROM jobs WHERE id = ?", arguments: [id]) ?? 0 != 0
        }
    }

    public func setPriority(_ id: Int64, _ priority: Int) throws -> QueuedJob? {
        try database.write { db in
            try db.execute(sql: "UPDATE jobs SET priority = ? WHERE id = ?", arguments: [priority, id])
            return try Self.fetch(db, id)
        }
    }

    public func requeueStale(olderThan seconds: Double) throws -> [Int64] {
        try database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM jobs WHERE status = 'running' AND heartbeat_at < ?",
                                         arguments: [Self.now() - seconds])
            try Self.requeue(db, ids)
            return ids
        }
    }

    public func requeue(worker: String) throws -> [Int64] {
        try database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM jobs WHERE status = 'running' AND worker = ?", arguments: [worker])
            try Self.requeue(db, ids)
            return ids
        }
    }

    static func requeue(_ db: Database, _ ids: [Int64]) throws {
        for id in ids {
            // A job cancelled while it ran, whose worker died, stays cancelled.
            try db.execute(sql: """
                UPDATE jobs SET status = CASE cancel_requested WHEN 1 THEN 'cancelled' ELSE 'queued' END,
                    worker = NULL, started_at = NULL, heartbeat_at = NULL, progress = NULL,
                    finished_at = CASE cancel_requested WHEN 1 THEN ? ELSE NULL END
                WHERE id = ?
                """, arguments: [now(), id])
        }
    }
}
