#if canImport(NestServer)
import ArgumentParser
import Foundation
import NestIO
import NestServer

/// `nest serve`: the nesting server (see `NestServer`).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest serve",
        abstract: "Run the nesting server: an HTTP API over a persistent job queue, with workers that nest each job.",
        discussion: """
            Jobs are sent as bundles (nest bundle JOB.json) to POST /api/jobs; GET /api/jobs lists the queue, \
            GET /api/jobs/ID a job's state and files, GET /api/jobs/ID/events its progress as server-sent events, \
            GET /api/jobs/ID/files/NAME a file. Cutting sessions: POST /api/orders opens an order, POST \
            /api/orders/ID/hides nests the hide on the table against what is left, .../hides/N/confirm books its \
            parts, .../hides/N/defects re-nests it around a late defect. The API is described at /api/openapi.yaml. The queue is an SQLite database in the data folder (one machine), or a \
            PostgreSQL database shared with `nest worker` on other machines; it survives restarts. \
            Prints "nest serve: listening on URL" once ready; SIGINT or SIGTERM stops it.
            """)

    @Option(help: "HOST:PORT to listen on (port 0: any free port). Loopback unless told.")
    var listen = "127.0.0.1:8080"

    @Option(help: "The queue's database: sqlite:PATH (default: DATA/queue.sqlite) or postgresql://USER@HOST:PORT/DATABASE.")
    var database: String?

    @Option(help: "Workers on this machine, each nesting one job at a time (0: queue only).")
    var workers = 1

    @Option(help: "Threads for each worker's nesting.")
    var threads = 1

    @Option(name: .customLong("token-file"), help: "A file holding the bearer token every request but /api/health must carry.")
    var tokenFile: String?

    @Option(help: "The data folder: bundles and each job's files.")
    var data = "Output/server"

    @OptionGroup var limits: LimitOptionGroup

    @OptionGroup var timing: QueueTimingOptionGroup

    func validate() throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port),
              colon > listen.startIndex else {
            throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8080")
        }
        if let database {
            do { _ = try DatabaseLocation(parsing: database) } catch { throw ValidationError("\(error)") }
        }
        guard (0...64).contains(workers) else { throw ValidationError("--workers must be 0 to 64") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1 to 256") }
    }

    func run() async throws {
        var settings = NestServer.Settings()
        let colon = listen.lastIndex(of: ":")!
        settings.host = String(listen[..<colon])
        settings.port = Int(listen[listen.index(after: colon)...])!
        settings.data = data
        settings.database = try database.map { try DatabaseLocation(parsing: $0) }
        settings.heartbeatSeconds = timing.heartbeatSeconds
        settings.staleSeconds = timing.staleSeconds
        settings.databaseTimeoutSeconds = timing.databaseTimeout
        settings.workers = workers
        settings.threadsPerWorker = threads
        settings.limits = limits.limits
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8),
                  case let token = text.trimmingCharacters(in: .whitespacesAndNewlines), token.count >= 16 else {
                FileHandle.standardError.write(Data("nest: error: \(tokenFile): cannot read a token of at least 16 characters\n".utf8))
                throw ExitCode(1)
            }
            settings.token = token
        }
        do {
            try await NestServer(settings: settings).run { url in
                FileHandle.standardOutput.write(Data("nest serve: listening on \(url)\n".utf8))
            }
        } catch {
            throw ServerFailure.exit(error, command: "nest serve")
        }
    }
}
#endif
