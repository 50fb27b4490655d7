import Foundation
import Hummingbird
import Logging
import NestIO

/// `nest serve`: the HTTP API (`ServerRoutes`) over a persistent queue, and `workers`
/// workers on this machine taking jobs from it.
///
/// On start, jobs this machine's workers were running when the server last stopped are
/// put back in the queue (they run again from the start; their output is written only
/// when complete). Binds to loopback unless told otherwise.
public struct NestServer: Sendable {
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Where bundles and job outputs live; the SQLite database too, by default.
        public var data = "Output/server"
        /// The SQLite database file; nil: `DATA/queue.sqlite`.
        public var database: String?
        public var workers = 1
        /// Threads each worker's nesting may use.
        public var threadsPerWorker = 1
        public var token: String?
        public var limits = InputLimits()
        /// This machine's name for its workers ("HOST-1", ...).
        public var machine = ProcessInfo.processInfo.hostName

        public init() {}
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Runs until SIGINT or SIGTERM; `onListening` gets the address once the socket is bound.
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(atPath: settings.data, withIntermediateDirectories: true)
        let queue = try SQLiteJobQueue(path: settings.database ?? (settings.data as NSString).appendingPathComponent("queue.sqlite"))
        let workers = (0..<max(0, settings.workers)).map { k in
            JobWorker(name: "\(settings.machine)-\(k + 1)", queue: queue, data: settings.data, threads: settings.threadsPerWorker)
        }
        for w in workers {
            let back = try queue.requeue(worker: w.name)
            if !back.isEmpty {
                FileHandle.standardError.write(Data("nest serve: jobs \(back.map(String.init).joined(separator: ", ")) were running when the server stopped: queued again\n".utf8))
            }
            w.start()
        }
        let router = Router()
        if let token = settings.token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        ServerRoutes(queue: queue, data: settings.data, limits: settings.limits,
                     maxBodyBytes: settings.limits.maxFileBytes).add(to: router)
        var logger = Logger(label: "nest serve")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "nest"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                onListening("http://\(settings.host):\(port)")
            }, logger: logger)
        try await app.runService()
        for w in workers { w.stop() }
    }
}
