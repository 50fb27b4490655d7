import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `nest serve` and `nest worker` on a real PostgreSQL (a private cluster per test, see
/// `PostgresCluster`), through the real binary on loopback: jobs nested and their files
/// served from the database; two worker processes with data folders of their own (two
/// machines, as far as the queue can tell) taking disjoint jobs; a worker killed with
/// SIGKILL mid-job whose job the other finishes; a server restarted mid-queue; bad
/// database URLs and an unreachable server refused. Heartbeats are shortened (hidden
/// options) so a dead worker's job comes back in 2 s; results depend on budgets only. Each
/// test has a cluster, ports and folders of its own, so they run side by side.
@Suite struct PostgresQueueTests {
    typealias Server = ServerTests.Server
    static let timing = ["--heartbeat-seconds", "0.2", "--stale-seconds", "2"]

    /// A running `nest worker`, its stderr (claims and outcomes) in `log`.
    final class Worker {
        let process: Process
        let log: URL
        /// Its workers' names, as its ready line gives them.
        let names: [String]

        init(database: String, data: URL, log: URL, workers: Int = 1) throws {
            self.log = log
            let (process, line) = try Harness.start(["worker", "--database", database, "--data", data.path, "--workers", "\(workers)"]
                                                    + PostgresQueueTests.timing, readyWith: "ready: ", log: log)
            self.process = process
            names = line.components(separatedBy: " taking jobs")[0].components(separatedBy: ", ")
        }

        /// The jobs this process's log says it claimed, and those it recorded as done.
        func claimed() throws -> [Int] { try Self.ids(in: log, saying: "claimed") }
        func done() throws -> [Int] { try Self.ids(in: log, saying: "done") }

        static func ids(in log: URL, saying what: String) throws -> [Int] {
            try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { line in
                guard let r = line.range(of: ": job "), line.contains(": \(what)") else { return nil }
                return Int(line[r.upperBound...].prefix { $0.isNumber })
            }
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    static func post(_ server: Server, iterations: Int, priority: Int = 0) throws -> Int {
        let url = server.url.appendingPathComponent("api/jobs").appending(queryItems: [URLQueryItem(name: "priority", value: "\(priority)")])
        let reply = try ServerTests.request("POST", url, body: try ServerTests.bundle(iterations: iterations))
        #expect(reply.status == 201, "\(reply.text)")
        return try #require(try reply.json()["id"] as? Int)
    }

    /// Fetches a job's report.json from the server and runs the independent checker on it.
    static func expectReportPasses(_ id: Int, _ server: Server, in folder: URL) throws {
        let report = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/report.json"))
        #expect(report.status == 200, "\(report.text.prefix(300))")
        let saved = folder.appendingPathComponent("report-\(id).json")
        try report.body.write(to: saved)
        let check = try Harness.verify(saved)
        #expect(check.status == 0, "job \(id): \(check.stdout)\(check.stderr)")
    }

    @Test func serveOnPostgreSQLNestsJobsAndServesTheirFilesFromTheDatabase() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data.appendingPathComponent("server"), arguments: ["--database", cluster.url] + Self.timing,
                                log: data.appendingPathComponent("serve.log"))
        defer { server.stop() }
        let ids = try [Self.post(server, iterations: 30), Self.post(server, iterations: 30, priority: 2)]
        for id in ids {
            let job = try ServerTests.wait(for: id, at: server, until: ["done", "failed"])
            #expect(job["status"] as? String == "done" && job["attempts"] as? Int == 1, "\(job)")
            try Self.expectReportPasses(id, server, in: data)
            let pdf = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/cut-sheets.pdf"))
            #expect(pdf.status == 200 && pdf.body.starts(with: Array("%PDF".utf8)))
        }
        // Served from the database: the worker's local copies are gone.
        let jobs = data.appendingPathComponent("server/jobs")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: jobs.path)) ?? []).isEmpty)
        let unknown = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(ids[0])/files/..%2Fbundle.json"))
        #expect(unknown.status == 404)
        // A database that does not exist is named in the error.
        let missing = try Harness.nest(["worker", "--database", "postgresql://nest@127.0.0.1:\(cluster.port)/nope"])
        #expect(missing.status == 2 && missing.stderr.contains("postgresql://nest@127.0.0.1:\(cluster.port)/nope")
                && missing.stderr.contains("\"nope\" does not exist"), "\(missing.stderr)")
        // The same database, a second time: the tables are there already.
        server.stop()
        let again = try Server(data: data.appendingPathComponent("server-2"),
                               arguments: ["--database", cluster.url, "--workers", "0", "--database-timeout", "2"])
        defer { again.stop() }
        let list = try #require(try ServerTests.request("GET", again.url.appendingPathComponent("api/jobs")).json()["jobs"] as? [[String: Any]])
        #expect(list.count == 2 && list.allSatisfy { $0["status"] as? String == "done" })
        // The database gone: 503 naming it, within the deadline, and the server still answers.
        let port = cluster.port
        cluster.stop()
        let down = try ServerTests.request("GET", again.url.appendingPathComponent("api/jobs"))
        #expect(down.status == 503 && down.text.contains("postgresql://nest@127.0.0.1:\(port)/nest"), "\(down.status) \(down.text)")
        #expect(try ServerTests.request("GET", again.url.appendingPathComponent("api/health")).status == 200)
    }

    @Test func twoWorkersOnOneDatabaseTakeDisjointJobs() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data.appendingPathComponent("server"), arguments: ["--database", cluster.url, "--workers", "0"] + Self.timing)
        defer { server.stop() }
        let ids = try (0..<6).map { _ in try Self.post(server, iterations: 30) }
        let a = try Worker(database: cluster.url, data: data.appendingPathComponent("machine-a"), log: data.appendingPathComponent("a.log"))
        let b = try Worker(database: cluster.url, data: data.appendingPathComponent("machine-b"), log: data.appendingPathComponent("b.log"))
        defer { a.stop(); b.stop() }
        for id in ids {
            let job = try ServerTests.wait(for: id, at: server, until: ["done", "failed", "cancelled"])
            #expect(job["status"] as? String == "done" && job["attempts"] as? Int == 1, "\(job)")
            let worker = try #require(job["worker"] as? String)
            #expect(a.names.contains(worker) || b.names.contains(worker), "\(worker)")
        }
        let byA = try a.claimed(), byB = try b.claimed()
        #expect(Set(byA).isDisjoint(with: byB), "both claimed \(Set(byA).intersection(byB))")
        #expect((byA + byB).sorted() == ids.sorted(), "claims \(byA) and \(byB) for \(ids)")
        #expect(try a.done().sorted() == byA.sorted() && b.done().sorted() == byB.sorted())
        #expect(!byA.isEmpty && !byB.isEmpty, "one worker took every job: \(byA) \(byB)")
        try Self.expectReportPasses(ids[0], server, in: data)
        try Self.expectReportPasses(ids[5], server, in: data)
        a.stop()
        #expect(a.process.terminationStatus == 0)
    }

    @Test func aWorkerKilledMidJobHasItsJobFinishedByTheOther() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data.appendingPathComponent("server"), arguments: ["--database", cluster.url, "--workers", "0"] + Self.timing)
        defer { server.stop() }
        let a = try Worker(database: cluster.url, data: data.appendingPathComponent("machine-a"), log: data.appendingPathComponent("a.log"))
        let b = try Worker(database: cluster.url, data: data.appendingPathComponent("machine-b"), log: data.appendingPathComponent("b.log"))
        defer { a.stop(); b.stop() }
        let id = try Self.post(server, iterations: 1500)
        // Whoever took it is killed once its optimizer runs.
        var job = try ServerTests.wait(for: id, at: server, until: ["running"])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((job["progress"] as? [String: Any])?["phase"] as? String) != "optimizing" {
            Thread.sleep(forTimeInterval: 0.1)
            job = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)")).json()
        }
        #expect(job["status"] as? String == "running", "the job ended before it could be killed: \(job)")
        let first = try #require(job["worker"] as? String)
        let (killed, other) = a.names.contains(first) ? (a, b) : (b, a)
        kill(killed.process.processIdentifier, SIGKILL)
        killed.process.waitUntilExit()

        let finished = try ServerTests.wait(for: id, at: server, until: ["done", "failed", "cancelled"], seconds: 180)
        #expect(finished["status"] as? String == "done", "\(finished)")
        #expect(finished["attempts"] as? Int == 2, "\(finished)")
        let second = try #require(finished["worker"] as? String)
        #expect(other.names.contains(second), "\(second) is not the surviving worker \(other.names)")
        #expect(try killed.claimed() == [id] && killed.done().isEmpty)
        #expect(try other.claimed() == [id] && other.done() == [id])
        let otherLog = try String(contentsOf: other.log, encoding: .utf8)
        #expect(otherLog.contains("job \(id): claimed (attempt 2)"), "\(otherLog)")
        try Self.expectReportPasses(id, server, in: data)
        let list = try #require(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs")).json()["jobs"] as? [[String: Any]])
        #expect(list.count == 1)
    }

    @Test func theQueueSurvivesARestartOfTheServerMidQueue() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let data = try Harness.temporaryFolder()
        var ids: [Int] = []
        do {
            let server = try Server(data: data.appendingPathComponent("server-1"), arguments: ["--database", cluster.url] + Self.timing)
            ids = try [Self.post(server, iterations: 1500), Self.post(server, iterations: 30), Self.post(server, iterations: 30)]
            let running = try ServerTests.wait(for: ids[0], at: server, until: ["running", "done"])
            #expect(running["status"] as? String == "running")
            server.stop()
        }
        // A new server, on another data folder: everything it needs is in the database.
        let server = try Server(data: data.appendingPathComponent("server-2"), arguments: ["--database", cluster.url] + Self.timing)
        defer { server.stop() }
        let list = try #require(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs")).json()["jobs"] as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? Int }.sorted() == ids)
        for id in ids {
            let job = try ServerTests.wait(for: id, at: server, until: ["done", "failed", "cancelled"], seconds: 180)
            #expect(job["status"] as? String == "done", "\(job)")
            #expect(job["attempts"] as? Int == (id == ids[0] ? 2 : 1), "\(job)")
        }
        try Self.expectReportPasses(ids[0], server, in: data)
    }

    @Test func badDatabaseURLsAndAnUnreachableServerAreRefused() throws {
        let mysql = try Harness.nest(["serve", "--database", "mysql://nest@127.0.0.1/nest"])
        #expect(mysql.status != 0 && mysql.stderr.contains("--database") && mysql.stderr.contains("postgresql://"), "\(mysql.stderr)")
        let noDatabase = try Harness.nest(["worker", "--database", "postgresql://nest@127.0.0.1:5432"])
        #expect(noDatabase.status != 0 && noDatabase.stderr.contains("no database name"), "\(noDatabase.stderr)")
        let sqlite = try Harness.nest(["worker", "--database", "sqlite:/tmp/queue.sqlite"])
        #expect(sqlite.status != 0 && sqlite.stderr.contains("nest worker needs"), "\(sqlite.stderr)")
        // Nothing listens on this port: a clear error, quickly, without the password.
        let port = try PostgresCluster.freePort()
        let started = Date()
        let refused = try Harness.nest(["serve", "--listen", "127.0.0.1:0", "--data", try Harness.temporaryFolder().path,
                                        "--database", "postgresql://nest:s3cret@127.0.0.1:\(port)/nest"])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("nest: error: postgresql://nest@127.0.0.1:\(port)/nest: ") && !refused.stderr.contains("s3cret"),
                "\(refused.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
