#if canImport(NestServer)
import ArgumentParser

/// The shared queue's timings, hidden from help: the defaults suit a cutting room; tests
/// shorten them so a killed worker's job comes back in seconds, not half a minute.
struct QueueTimingOptionGroup: ParsableArguments {
    @Option(name: .customLong("heartbeat-seconds"), help: .hidden)
    var heartbeatSeconds = 1.0

    @Option(name: .customLong("stale-seconds"), help: .hidden)
    var staleSeconds = 30.0

    @Option(name: .customLong("database-timeout"), help: .hidden)
    var databaseTimeout = 10.0

    func validate() throws {
        guard heartbeatSeconds >= 0.05, heartbeatSeconds <= 600 else { throw ValidationError("--heartbeat-seconds must be 0.05 to 600") }
        guard staleSeconds > 2 * heartbeatSeconds else {
            throw ValidationError("--stale-seconds must be more than twice --heartbeat-seconds")
        }
        guard databaseTimeout >= 1, databaseTimeout <= 600 else { throw ValidationError("--database-timeout must be 1 to 600 seconds") }
    }
}
#endif
