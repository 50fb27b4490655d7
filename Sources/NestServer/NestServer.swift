import Foundation
import Hummingbird
import Logging
import NestIO

/// `nest serve`: the HTTP API (`ServerRoutes`) over a persistent queue, and `workers`
/// workers on this machine taking jobs from it.
///
/// On SQLite (the default, one machine): on start, jobs this machine's workers were running
/// when the server last stopped are put back in the queue (they run again from the start;
/// their output is written only when complete). On PostgreSQL (a queue shared with `nest
/// worker` on other machines): workers are named after the machine and this process, jobs
/// whose worker stopped heartbeating (on any machine) are put back by the server and by
/// every worker, and on a clean stop this server's running jobs are put back at once.
/// Binds to loopback unless told otherwise.
public struct NestServer: Sendable {
    /// How the server runs: where it listens (loopback unless told otherwise), where its
    /// data and queue live, and how many jobs it runs itself.
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Where bundles and job outputs live; the SQLite database too, by default.
        public var data = "Output/server"
        /// The queue's database; nil: SQLite in `DATA/queue.sqlite`.
        public var database: DatabaseLocation?
        public var workers = 1
        /// Threads each worker's nesting may use.
        public var threadsPerWorker = 1
        public var token: String?
        public var limits = InputLimits()
        /// This machine's name for its workers ("HOST-1", ...).
        public var machine = ProcessInfo.processInfo.hostName
        /// How often a running job's worker heartbeats (and reports progress).
        public var heartbeatSeconds = 1.0
        /// On PostgreSQL: a running job whose last heartbeat is older than this is queued again.
        public var staleSeconds = 30.0
        /// How long a database operation may take before it fails (PostgreSQL).
        public var databaseTimeoutSeconds = 10.0

        public init() {}
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Runs until SIGINT or SIGTERM; `onListening` gets the address once the socket is bound.
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(atPath: settings.data, withIntermediateDirectories: true)
        let database = settings.database ?? .sqlite(path: (settings.data as NSString).appendingPathComponent("queue.sqlite"))
        let queue: any JobQueue
        let workers: [JobWorker]
        var reaper: Task<Void, Never>?
        switch database {
        case .sqlite(let path):
            queue = try SQLiteJobQueue(path: path, data: settings.data)
            workers = (0..<max(0, settings.workers)).map { k in
                JobWorker(name: "\(settings.machine)-\(k + 1)", queue: queue, data: settings.data, threads: settings.threadsPerWorker,
                          heartbeatSeconds: settings.heartbeatSeconds)
            }
            for w in workers {
                let back = try await queue.requeue(worker: w.name)
                if !back.isEmpty {
                    FileHandle.standardError.write(Data("nest serve: jobs \(back.map(String.init).joined(separator: ", ")) were running when the server stopped: queued again\n".utf8))
                }
            }
        case .postgres(let location):
            let postgres = try await PostgresJobQueue.open(location, timeoutSeconds: settings.databaseTimeoutSeconds)
            queue = postgres
            workers = (0..<max(0, settings.workers)).map { k in
                JobWorker(name: WorkerHost.workerName(machine: settings.machine, k), queue: queue, data: settings.data,
                          threads: settings.threadsPerWorker, heartbeatSeconds: settings.heartbeatSeconds,
                          staleSeconds: settings.staleSeconds)
            }
            // Jobs of dead workers come back even while no worker of this server runs.
            let (heartbeat, stale) = (settings.heartbeatSeconds, settings.staleSeconds)
            reaper = Task.detached {
                while !Task.isCancelled {
                    if let back = try? await postgres.requeueStale(olderThan: stale), !back.isEmpty {
                        FileHandle.standardError.write(Data("nest serve: jobs \(back.map(String.init).joined(separator: ", ")): no heartbeat for \(stale) s, queued again\n".utf8))
                    }
                    try? await Task.sleep(for: .seconds(heartbeat))
                }
            }
        }
        for w in workers { w.start() }
        let router = Router()
        router.add(middleware: RefusalMiddleware())
        router.add(middleware: DatabaseErrorMiddleware())
        if let token = settings.token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        ServerRoutes(queue: queue, limits: settings.limits, maxBodyBytes: settings.limits.maxFileBytes).add(to: router)
        UploadRoutes(limits: settings.limits, maxBodyBytes: settings.limits.maxFileBytes,
                     scratch: (settings.data as NSString).appendingPathComponent("uploads")).add(to: router)
        var logger = Logger(label: "nest serve")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "nest"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                onListening("http://\(settings.host):\(port)")
            }, logger: logger)
        do {
            try await app.runService()
        } catch {
            reaper?.cancel()
            throw error
        }
        for w in workers { w.stop() }
        reaper?.cancel()
        if let postgres = queue as? PostgresJobQueue {
            // Another machine takes them up now rather than once they are stale.
            for w in workers { _ = try? await postgres.requeue(worker: w.name) }
            postgres.close()
        }
    }
}
