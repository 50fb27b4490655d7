import Foundation

/// `nest worker`: workers only, no HTTP, on a machine that shares a PostgreSQL queue with a
/// `nest serve` elsewhere. Each worker claims jobs from the shared queue, runs them in the
/// local data folder, and stores their outcome and files in the database, from where the
/// server serves them; the local copy is then removed.
///
/// Guarantees: worker names are unique across machines and processes (`HOST-PID-K`); every
/// worker puts back jobs whose worker stopped heartbeating; on SIGINT or SIGTERM the jobs
/// this process was running are put back at once (another worker starts them from the
/// start) and the process ends.
public struct WorkerHost: Sendable {
    /// How a worker host runs: the shared queue it takes jobs from, where the jobs run, how
    /// many run at once and on how many threads each, and the name it reports them under.
    public struct Settings: Sendable {
        public var database: DatabaseLocation.PostgresLocation
        /// Where jobs run on this machine (`DATA/jobs/ID`, removed once recorded).
        public var data = "Output/worker"
        public var workers = 1
        public var threadsPerWorker = 1
        public var machine = ProcessInfo.processInfo.hostName
        public var heartbeatSeconds = 1.0
        public var staleSeconds = 30.0
        public var databaseTimeoutSeconds = 10.0

        public init(database: DatabaseLocation.PostgresLocation) {
            self.database = database
        }
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// A worker's name on a shared queue: the machine, this process and its number.
    static func workerName(machine: String, _ k: Int) -> String {
        "\(machine)-\(ProcessInfo.processInfo.processIdentifier)-\(k + 1)"
    }

    /// Runs until SIGINT or SIGTERM; `onReady` gets the workers' names once they take jobs.
    public func run(onReady: @escaping @Sendable ([String]) -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(atPath: settings.data, withIntermediateDirectories: true)
        let queue = try await PostgresJobQueue.open(settings.database, timeoutSeconds: settings.databaseTimeoutSeconds)
        let workers = (0..<max(1, settings.workers)).map { k in
            JobWorker(name: Self.workerName(machine: settings.machine, k), queue: queue, data: settings.data,
                      threads: settings.threadsPerWorker, heartbeatSeconds: settings.heartbeatSeconds,
                      staleSeconds: settings.staleSeconds, logPrefix: "nest worker")
        }
        for w in workers { w.start() }
        onReady(workers.map(\.name))
        _ = await SignalWait.untilStopped()
        for w in workers { w.stop() }
        for w in workers {
            if let back = try? await queue.requeue(worker: w.name), !back.isEmpty {
                FileHandle.standardError.write(Data("nest worker: stopping: jobs \(back.map(String.init).joined(separator: ", ")) queued again\n".utf8))
            }
        }
        queue.close()
    }
}
