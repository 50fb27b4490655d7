import Foundation
import Testing

/// A private PostgreSQL cluster for one test, from Debian's `postgresql` package: `initdb`
/// into a temporary folder (trust authentication, user `nest`), the server on a free port of
/// 127.0.0.1 with its Unix socket in that folder, and a database `nest` made with `createdb`,
/// as the README tells an operator to. Run as root (CI), the server programs run as the
/// `postgres` user, which owns the folder: PostgreSQL refuses to run as root. `stop()` shuts
/// the server down at once and removes the folder.
final class PostgresCluster {
    let folder: URL
    let port: Int
    let bin: URL
    private var running = false

    /// The queue's URL for `--database`.
    var url: String { "postgresql://nest@127.0.0.1:\(port)/nest" }

    init() throws {
        bin = try #require(Self.binFolder(), "PostgreSQL's server programs are needed (apt-get install postgresql): no /usr/lib/postgresql/*/bin/initdb")
        folder = URL(fileURLWithPath: "/tmp/nest-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres", .posixPermissions: 0o700], ofItemAtPath: folder.path)
        }
        port = try Self.freePort()
        let data = folder.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-U", "nest", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        try run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("log").path, "-w", "-t", "60", "-o",
                           "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                           "start"])
        running = true
        try run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "nest", "nest"])
    }

    deinit { stop() }

    func stop() {
        if running {
            running = false
            try? run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// One of PostgreSQL's programs, as the `postgres` user when this is root; its output goes
    /// to `commands.log` in the folder. Spawned and waited for with `posix_spawn`/`waitpid`, not
    /// `Process`: Foundation's wait for `runuser pg_ctl start`, whose server lives on after it,
    /// was seen never to return.
    func run(_ program: String, _ arguments: [String]) throws {
        let tool = bin.appendingPathComponent(program).path
        let command = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        // Run in the folder the postgres user owns (it may not enter the checkout).
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder.path] + command
        let output = folder.appendingPathComponent("commands.log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw Harness.NotStarted(description: "\(argv[0]): cannot start it (errno \(spawned))") }
        var status: Int32 = 0
        var waited: pid_t
        repeat { waited = waitpid(pid, &status, 0) } while waited == -1 && errno == EINTR
        guard waited == pid, status == 0 else {
            let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)) ?? ""
            throw Harness.NotStarted(description: "\(program) failed (wait status \(status)): \(said.suffix(2000))\(log.suffix(2000))")
        }
    }

    /// The newest installed PostgreSQL's `bin` folder.
    static func binFolder() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }

    /// A port on 127.0.0.1 that nothing listens on now (the kernel's choice).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound, "cannot find a free port on 127.0.0.1")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
