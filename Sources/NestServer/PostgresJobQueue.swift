import Foundation
import Logging
import PostgresNIO

/// The job queue in a PostgreSQL database (PostgresNIO), shared by `nest serve` and by
/// `nest worker` on other machines.
///
/// Guarantees, beyond `JobQueue`'s:
/// - **One worker per job.** A claim is one statement, `UPDATE … WHERE id = (SELECT … ORDER BY
///   priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED)`, so it runs in a transaction of its own:
///   concurrent workers on any machine skip the row another has locked and never take the
///   same job.
/// - **Never lost.** Heartbeats and the staleness test use the database's clock, not the
///   machines', so a worker whose heartbeat is older than the stale interval (it died, or lost
///   the network) has its job put back by whichever process looks next; the job runs again
///   from the start (`attempts` counts the runs).
/// - **Recorded once, whole.** The outcome and every output file (`bytea`, table
///   `nest_job_files`) are written in one transaction, and only while the job is still the
///   worker's: a worker whose job was taken from it records nothing. The server serves a
///   remote worker's files from the database, so no folder needs to be shared.
/// - **Bounded.** Every operation answers within `timeoutSeconds` or throws, naming the
///   database (never its password); opening fails at once on a refused or unknown server.
///
/// The tables (`nest_jobs`, `nest_job_files`, and the orders' `nest_orders`, `nest_order_hides`) are created on first connect, under an advisory
/// lock, so several machines starting at once create them once.
public final class PostgresJobQueue: JobQueue, Sendable {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let location: DatabaseLocation.PostgresLocation
    let timeoutSeconds: Double
    static let logger = Logger(label: "nest.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    public var keepsFiles: Bool { true }

    private init(client: PostgresClient, runner: Task<Void, Never>, location: DatabaseLocation.PostgresLocation, timeoutSeconds: Double) {
        self.client = client
        self.runner = runner
        self.location = location
        self.timeoutSeconds = timeoutSeconds
    }

    /// Connects, creates the tables if they are missing, and starts the connection pool.
    /// Throws `DatabaseUnavailable` (naming the database and the reason) when the server
    /// cannot be reached, refuses the login, or has no such database.
    public static func open(_ location: DatabaseLocation.PostgresLocation, timeoutSeconds: Double = 10) async throws -> PostgresJobQueue {
        do {
            let connection = try await withDeadline(timeoutSeconds, "connecting") {
                try await PostgresConnection.connect(configuration: try connectionConfiguration(location, timeoutSeconds: timeoutSeconds),
                                                     id: 0, logger: logger)
            }
            do {
                try await withDeadline(timeoutSeconds, "creating the tables") { try await createSchema(connection) }
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw DatabaseUnavailable(database: location.redacted, reason: describe(error))
        }
        var configuration: PostgresClient.Configuration
        if let folder = location.socketFolder {
            configuration = .init(unixSocketPath: socketPath(folder, location.port), username: location.user,
                                  password: location.password, database: location.database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch location.sslmode {
            case "disable": .disable
            case "require": .require(unverifiedTLS)
            default: .prefer(unverifiedTLS)
            }
            configuration = .init(host: location.host, port: location.port, username: location.user, password: location.password,
                                  database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(Int64(max(1, timeoutSeconds.rounded(.up))))
        configuration.options.maximumConnections = 8
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        return PostgresJobQueue(client: client, runner: runner, location: location, timeoutSeconds: timeoutSeconds)
    }

    /// Stops the connection pool; the queue answers nothing after this.
    public func close() { runner.cancel() }

    /// As libpq's `prefer` and `require`: encrypted when the server offers it (or must),
    /// the certificate not verified.
    static var unverifiedTLS: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        return tls
    }

    static func socketPath(_ folder: String, _ port: Int) -> String {
        (folder as NSString).appendingPathComponent(".s.PGSQL.\(port)")
    }

    static func connectionConfiguration(_ location: DatabaseLocation.PostgresLocation, timeoutSeconds: Double) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = location.socketFolder {
            configuration = .init(unixSocketPath: socketPath(folder, location.port), username: location.user,
                                  password: location.password, database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS = switch location.sslmode {
            case "disable": .disable
            case "require": .require(try NIOSSLContext(configuration: unverifiedTLS))
            default: .prefer(try NIOSSLContext(configuration: unverifiedTLS))
            }
            configuration = .init(host: location.host, port: location.port, username: location.user, password: location.password,
                                  database: location.database, tls: tls)
        }
        // Longer than the deadline around the connect, so a silent server is reported as such.
        configuration.options.connectTimeout = .seconds(Int64(timeoutSeconds.rounded(.up)) + 5)
        return configuration
    }

    static func createSchema(_ connection: PostgresConnection) async throws {
        try await connection.withTransaction(logger: logger) { c in
            // One creator at a time (machines starting together); released at commit.
            try await c.query("SELECT pg_advisory_xact_lock(7354001)", logger: logger)
            try await c.query("""
                CREATE TABLE IF NOT EXISTS nest_jobs (
                    id BIGSERIAL PRIMARY KEY,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    priority INTEGER NOT NULL DEFAULT 0,
                    parts INTEGER NOT NULL,
                    submitted_at DOUBLE PRECISION NOT NULL,
                    started_at DOUBLE PRECISION,
                    finished_at DOUBLE PRECISION,
                    heartbeat_at DOUBLE PRECISION,
                    progress TEXT,
                    error TEXT,
                    files TEXT NOT NULL DEFAULT '[]',
                    worker TEXT,
                    time_limit DOUBLE PRECISION,
                    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    bundle BYTEA NOT NULL
                )
                """, logger: logger)
            try await c.query("CREATE INDEX IF NOT EXISTS nest_jobs_queue ON nest_jobs (status, priority DESC, id)", logger: logger)
            try await c.query("""
                CREATE TABLE IF NOT EXISTS nest_job_files (
                    job_id BIGINT NOT NULL REFERENCES nest_jobs (id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    content BYTEA NOT NULL,
                    PRIMARY KEY (job_id, name)
                )
                """, logger: logger)
            try await c.query("ALTER TABLE nest_jobs ADD COLUMN IF NOT EXISTS target_yield DOUBLE PRECISION", logger: logger)
            for table in orderTables { try await c.query(PostgresQuery(unsafeSQL: table), logger: logger) }
        }
    }

    // MARK: The queue

    /// The database's clock, in Unix seconds: every machine's heartbeat is compared on it.
    static let now = "extract(epoch from clock_timestamp())::float8"
    static let columns = """
        id, name, status, priority, parts, submitted_at, started_at, finished_at, progress, error, files, worker, \
        time_limit, cancel_requested, attempts, target_yield
        """

    static func job(_ row: PostgresRow) throws -> QueuedJob {
        let r = row.makeRandomAccess()
        func date(_ column: String) throws -> Date? { try r[column].decode(Double?.self).map { Date(timeIntervalSince1970: $0) } }
        let progress = try r["progress"].decode(String?.self).flatMap { try? JSONDecoder().decode(JobProgress.self, from: Data($0.utf8)) }
        let files = (try? JSONDecoder().decode([String].self, from: Data(try r["files"].decode(String.self).utf8))) ?? []
        return QueuedJob(id: try r["id"].decode(Int64.self), name: try r["name"].decode(String.self),
                         status: JobStatus(rawValue: try r["status"].decode(String.self)) ?? .failed,
                         priority: try r["priority"].decode(Int.self), parts: try r["parts"].decode(Int.self),
                         submittedAt: try date("submitted_at") ?? Date(timeIntervalSince1970: 0), startedAt: try date("started_at"),
                         finishedAt: try date("finished_at"), progress: progress, error: try r["error"].decode(String?.self), files: files,
                         worker: try r["worker"].decode(String?.self), timeLimit: try r["time_limit"].decode(Double?.self),
                         cancelRequested: try r["cancel_requested"].decode(Bool.self), attempts: try r["attempts"].decode(Int.self),
                         targetYield: try r["target_yield"].decode(Double?.self))
    }

    /// Runs one operation within the deadline; a failure names the database and the reason.
    func run<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        do {
            return try await withDeadline(timeoutSeconds, what) { [client] in try await body(client) }
        } catch {
            throw DatabaseUnavailable(database: location.redacted, reason: "\(what): \(Self.describe(error))")
        }
    }

    static func jobs(_ rows: PostgresRowSequence) async throws -> [QueuedJob] {
        var jobs: [QueuedJob] = []
        for try await row in rows { jobs.append(try job(row)) }
        return jobs
    }

    static func ids(_ rows: PostgresRowSequence) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await row in rows { ids.append(try row.makeRandomAccess()[0].decode(Int64.self)) }
        return ids
    }

    public func submit(_ job: NewJob) async throws -> QueuedJob {
        try await run("queueing a job") { client in
            guard let queued = try await Self.jobs(client.query(Self.insert(job))).first else {
                throw DatabaseUnavailable(database: "", reason: "the INSERT returned no row")
            }
            return queued
        }
    }

    /// The statement that queues `job`, returning its row.
    static func insert(_ job: NewJob) throws -> PostgresQuery {
        try """
        INSERT INTO nest_jobs (name, status, priority, parts, submitted_at, time_limit, target_yield, bundle)
        VALUES (\(job.name), 'queued', \(job.priority), \(job.parts), \(unescaped: now), \(job.timeLimit), \(job.targetYield), \(job.bundle))
        RETURNING \(unescaped: columns)
        """
    }

    public func job(_ id: Int64) async throws -> QueuedJob? {
        try await run("reading job \(id)") { client in
            try await Self.jobs(client.query("SELECT \(unescaped: Self.columns) FROM nest_jobs WHERE id = \(id)")).first
        }
    }

    public func list() async throws -> [QueuedJob] {
        try await run("listing the jobs") { client in
            try await Self.jobs(client.query("""
                SELECT \(unescaped: Self.columns) FROM nest_jobs
                ORDER BY CASE status WHEN 'running' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END,
                    CASE WHEN status = 'queued' THEN -priority ELSE 0 END, CASE WHEN status = 'queued' THEN id ELSE -id END
                """))
        }
    }

    /// Writes the bundle from the database into `scratch/bundle.json`.
    public func bundleFile(_ id: Int64, scratch: String) async throws -> String? {
        let bytes: Data? = try await run("reading job \(id)'s bundle") { client in
            for try await row in try await client.query("SELECT bundle FROM nest_jobs WHERE id = \(id)") {
                return try row.makeRandomAccess()[0].decode(Data.self)
            }
            return nil
        }
        guard let bytes else { return nil }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let path = (scratch as NSString).appendingPathComponent("bundle.json")
        try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    public func claim(worker: String) async throws -> QueuedJob? {
        try await run("claiming a job") { client in
            try await Self.jobs(client.query("""
                UPDATE nest_jobs SET status = 'running', worker = \(worker), started_at = \(unescaped: Self.now),
                    heartbeat_at = \(unescaped: Self.now), progress = NULL, error = NULL, attempts = attempts + 1
                WHERE id = (SELECT id FROM nest_jobs WHERE status = 'queued' ORDER BY priority DESC, id
                            LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.columns)
                """)).first
        }
    }

    public func heartbeat(_ id: Int64, worker: String, progress: JobProgress?) async throws -> Bool {
        let text = progress.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        return try await run("heartbeat of job \(id)") { client in
            try await !Self.ids(client.query("""
                UPDATE nest_jobs SET heartbeat_at = \(unescaped: Self.now), progress = COALESCE(\(text), progress)
                WHERE id = \(id) AND worker = \(worker) AND status = 'running' RETURNING id
                """)).isEmpty
        }
    }

    /// The files are read from `folder` first, then stored with the outcome in one transaction.
    public func finish(_ id: Int64, worker: String, status: JobStatus, files: [String], folder: String, error: String?) async throws -> Bool {
        var contents: [(String, Data)] = []
        for name in files {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw DatabaseUnavailable(database: location.redacted, reason: "job \(id): cannot read \(path) to store it")
            }
            contents.append((name, bytes))
        }
        let list = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
        let stored = contents
        return try await run("recording job \(id)'s outcome") { client in
            try await client.withTransaction(logger: Self.logger) { c in
                let mine = try await Self.ids(c.query("""
                    UPDATE nest_jobs SET status = \(status.rawValue), files = \(list), error = \(error), finished_at = \(unescaped: Self.now)
                    WHERE id = \(id) AND worker = \(worker) AND status = 'running' RETURNING id
                    """, logger: Self.logger))
                guard !mine.isEmpty else { return false }
                try await c.query("DELETE FROM nest_job_files WHERE job_id = \(id)", logger: Self.logger)
                for (name, bytes) in stored {
                    try await c.query("INSERT INTO nest_job_files (job_id, name, content) VALUES (\(id), \(name), \(bytes))",
                                      logger: Self.logger)
                }
                return true
            }
        }
    }

    public func file(_ id: Int64, name: String) async throws -> Data? {
        try await run("reading job \(id)'s file") { client in
            for try await row in try await client.query("SELECT content FROM nest_job_files WHERE job_id = \(id) AND name = \(name)") {
                return try row.makeRandomAccess()[0].decode(Data.self)
            }
            return nil
        }
    }

    public func cancel(_ id: Int64) async throws -> QueuedJob? {
        try await run("cancelling job \(id)") { client in
            // One statement: a queued job is cancelled at once, a running one asked to stop.
            let changed = try await Self.jobs(client.query("""
                UPDATE nest_jobs SET cancel_requested = TRUE,
                    status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                    finished_at = CASE WHEN status = 'queued' THEN \(unescaped: Self.now) ELSE finished_at END
                WHERE id = \(id) AND status IN ('queued', 'running') RETURNING \(unescaped: Self.columns)
                """))
            if let job = changed.first { return job }
            return try await Self.jobs(client.query("SELECT \(unescaped: Self.columns) FROM nest_jobs WHERE id = \(id)")).first
        }
    }

    public func cancelRequested(_ id: Int64) async throws -> Bool {
        try await run("reading job \(id)") { client in
            for try await row in try await client.query("SELECT cancel_requested FROM nest_jobs WHERE id = \(id)") {
                return try row.makeRandomAccess()[0].decode(Bool.self)
            }
            return false
        }
    }

    public func setPriority(_ id: Int64, _ priority: Int) async throws -> QueuedJob? {
        try await run("changing job \(id)'s priority") { client in
            try await Self.jobs(client.query("""
                UPDATE nest_jobs SET priority = \(priority) WHERE id = \(id) RETURNING \(unescaped: Self.columns)
                """)).first
        }
    }

    /// A job cancelled while it ran, whose worker died, ends `cancelled`; the others are queued.
    static let putBack = """
        status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'queued' END, worker = NULL, started_at = NULL,
        heartbeat_at = NULL, progress = NULL, finished_at = CASE WHEN cancel_requested THEN \(now) ELSE NULL END
        """

    public func requeueStale(olderThan seconds: Double) async throws -> [Int64] {
        try await run("putting back stale jobs") { client in
            try await Self.ids(client.query("""
                UPDATE nest_jobs SET \(unescaped: Self.putBack)
                WHERE status = 'running' AND heartbeat_at < \(unescaped: Self.now) - \(seconds) RETURNING id
                """))
        }
    }

    public func requeue(worker: String) async throws -> [Int64] {
        try await run("putting back the jobs of \(worker)") { client in
            try await Self.ids(client.query("""
                UPDATE nest_jobs SET \(unescaped: Self.putBack) WHERE status = 'running' AND worker = \(worker) RETURNING id
                """))
        }
    }

    /// A PostgresNIO error as a line: the server's own message when it sent one (no such
    /// database, password refused), otherwise what failed (connection refused, timed out).
    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            if let underlying = e.underlying { return describe(underlying) }
            return "\(e.code)"
        }
        if let e = error as? PostgresTransactionError {
            if let inner = e.closureError ?? e.beginError ?? e.commitError { return describe(inner) }
        }
        if let e = error as? DatabaseUnavailable { return e.reason }
        return "\(error)"
    }
}

/// The queue's database cannot be reached or refused an operation; names the database
/// (without its password) and the reason.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public var database: String
    public var reason: String
    public var description: String { "\(database): \(reason)" }
}
