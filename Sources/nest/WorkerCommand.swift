#if canImport(NestServer)
import ArgumentParser
import Foundation
import NestServer

/// `nest worker`: workers only, on a machine sharing a PostgreSQL queue (see `WorkerHost`).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest worker",
        abstract: "Take jobs from a nest serve's PostgreSQL queue and nest them on this machine (no HTTP).",
        discussion: """
            Each worker claims the queued job of highest priority (then the oldest), nests it as nest JOB.json \
            would in DATA/jobs/ID, and stores its outcome and files in the database, from where nest serve \
            serves them. A job whose worker stops heartbeating (a machine that died) is queued again and run \
            by another worker. Prints "nest worker: ready" once taking jobs; SIGINT or SIGTERM puts this \
            machine's running jobs back in the queue and stops.
            """)

    @Option(help: "The shared queue: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
    var database: String

    @Option(help: "Workers on this machine, each nesting one job at a time.")
    var workers = 1

    @Option(help: "Threads for each worker's nesting.")
    var threads = 1

    @Option(help: "The folder jobs run in on this machine.")
    var data = "Output/worker"

    @OptionGroup var timing: QueueTimingOptionGroup

    func location() throws -> DatabaseLocation.PostgresLocation {
        let location: DatabaseLocation
        do { location = try DatabaseLocation(parsing: database) } catch { throw ValidationError("\(error)") }
        guard case .postgres(let postgres) = location else {
            throw ValidationError("--database: nest worker needs a queue other machines share: postgresql://USER@HOST:PORT/DATABASE (an SQLite queue is nest serve's own)")
        }
        return postgres
    }

    func validate() throws {
        _ = try location()
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be 1 to 64") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1 to 256") }
    }

    func run() async throws {
        var settings = WorkerHost.Settings(database: try location())
        settings.data = data
        settings.workers = workers
        settings.threadsPerWorker = threads
        settings.heartbeatSeconds = timing.heartbeatSeconds
        settings.staleSeconds = timing.staleSeconds
        settings.databaseTimeoutSeconds = timing.databaseTimeout
        let shown = settings.database.redacted
        do {
            try await WorkerHost(settings: settings).run { names in
                FileHandle.standardOutput.write(Data("nest worker: ready: \(names.joined(separator: ", ")) taking jobs from \(shown)\n".utf8))
            }
        } catch {
            throw ServerFailure.exit(error, command: "nest worker")
        }
    }
}
#endif
