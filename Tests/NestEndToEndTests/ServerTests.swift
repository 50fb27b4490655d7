import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `nest serve` through the real binary on loopback: jobs in as bundles, nested by the
/// workers, reports fetched and checked by the independent checker; bad requests refused
/// with the CLI's message; the queue surviving a restart; cancel, priority and tokens.
@Suite(.serialized) struct ServerTests {
    /// A running `nest serve`, stopped (SIGTERM) when the test is done with it.
    final class Server {
        let process: Process
        let url: URL
        let data: URL

        /// `log`: where its stderr goes (its workers' claims and outcomes); default nowhere.
        init(data: URL, arguments: [String] = [], log: URL? = nil) throws {
            self.data = data
            let (process, line) = try Harness.start(["serve", "--listen", "127.0.0.1:0", "--data", data.path] + arguments,
                                                    readyWith: "listening on ", log: log)
            self.process = process
            url = URL(string: line)!
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    struct ServerError: Error { var message: String }

    struct Reply {
        var status: Int
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]) }
    }

    static func request(_ method: String, _ url: URL, body: Data? = nil, token: String? = nil) throws -> Reply {
        var r = URLRequest(url: url, timeoutInterval: 60)
        r.httpMethod = method
        r.httpBody = body
        if body != nil { r.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if let token { r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        final class Box: @unchecked Sendable { var reply: Reply?; var error: Error? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: r) { data, response, error in
            box.reply = (response as? HTTPURLResponse).map { Reply(status: $0.statusCode, body: data ?? Data()) }
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let e = box.error { throw e }
        return try #require(box.reply)
    }

    /// The shipped mesh job as a bundle, with a small budget.
    static func bundle(iterations: Int = 100, timeLimit: Double? = nil) throws -> Data {
        let made = try Harness.nest(["bundle", "Patterns/mesh-roll.json"])
        try #require(made.status == 0, "\(made.stderr)")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        object["iterations"] = iterations
        if let timeLimit { object["time_limit"] = timeLimit }
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func wait(for id: Int, at server: Server, until statuses: Set<String>, token: String? = nil, seconds: Double = 240) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let job = try request("GET", server.url.appendingPathComponent("api/jobs/\(id)"), token: token).json()
            if let s = job["status"] as? String, statuses.contains(s) { return job }
            Thread.sleep(forTimeInterval: 0.3)
        }
        throw ServerError(message: "job \(id) did not reach \(statuses) in \(seconds) s")
    }

    @Test func aBundledJobIsNestedAndItsReportPassesTheChecker() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data)
        defer { server.stop() }
        #expect(try Self.request("GET", server.url.appendingPathComponent("api/health")).status == 200)
        let yaml = try Self.request("GET", server.url.appendingPathComponent("api/openapi.yaml"))
        #expect(yaml.status == 200 && yaml.text.contains("openapi: 3.1.0") && yaml.text.contains("/api/jobs/{id}/files/{name}"))

        let posted = try Self.request("POST", server.url.appendingPathComponent("api/jobs"), body: try Self.bundle())
        #expect(posted.status == 201, "\(posted.text)")
        let id = try #require(try posted.json()["id"] as? Int)
        let job = try Self.wait(for: id, at: server, until: ["done", "failed"])
        #expect(job["status"] as? String == "done", "\(job)")
        let files = try #require(job["files"] as? [String])
        #expect(files.contains("report.json") && files.contains("cut-sheets.pdf") && files.contains("index.html"), "\(files)")

        let report = try Self.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/report.json"))
        #expect(report.status == 200)
        let saved = data.appendingPathComponent("fetched-report.json")
        try report.body.write(to: saved)
        let check = try Harness.verify(saved)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let pdf = try Self.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/cut-sheets.pdf"))
        #expect(pdf.status == 200 && pdf.body.starts(with: Array("%PDF".utf8)))
        // The same as the command gives for the same bundle.
        let local = data.appendingPathComponent("local")
        try Self.bundle().write(to: data.appendingPathComponent("b.json"))
        let run = try Harness.nest([data.appendingPathComponent("b.json").path, "-o", local.path, "--quiet"])
        #expect(run.status == 0)
        let a = try JSONSerialization.jsonObject(with: report.body) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(contentsOf: local.appendingPathComponent("report.json"))) as? [String: Any]
        #expect((a?["yield_percent"] as? Double) == (b?["yield_percent"] as? Double))
        let list = try Self.request("GET", server.url.appendingPathComponent("api/jobs")).json()
        #expect((list["jobs"] as? [[String: Any]])?.count == 1)
        // A finished job's priority no longer matters; a key given twice is refused.
        let late = try Self.request("PATCH", server.url.appendingPathComponent("api/jobs/\(id)"), body: Data(#"{"priority": 5}"#.utf8))
        #expect(late.status == 409 && late.text.contains("done"), "\(late.text)")
        let twice = try Self.request("PATCH", server.url.appendingPathComponent("api/jobs/\(id)"), body: Data(#"{"priority": 1, "priority": 2}"#.utf8))
        #expect(twice.status == 400 && twice.text.contains("twice"), "\(twice.text)")
    }

    /// A job that sets no iterations, queued with a time limit, optimizes until the limit,
    /// as `nest JOB --time-limit S` does (it stopped at its default budget, 5 s in, under 8).
    @Test func aTimeLimitWithoutIterationsRunsUntilTheLimit() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data)
        defer { server.stop() }
        var object = try #require(try JSONSerialization.jsonObject(with: try Self.bundle()) as? [String: Any])
        object.removeValue(forKey: "iterations")
        var url = URLComponents(url: server.url.appendingPathComponent("api/jobs"), resolvingAgainstBaseURL: false)!
        url.queryItems = [URLQueryItem(name: "time_limit", value: "8")]
        let posted = try Self.request("POST", try #require(url.url), body: try JSONSerialization.data(withJSONObject: object))
        #expect(posted.status == 201, "\(posted.text)")
        let id = try #require(try posted.json()["id"] as? Int)
        let job = try Self.wait(for: id, at: server, until: ["done", "failed"])
        #expect(job["status"] as? String == "done", "\(job)")
        let report = try Self.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/report.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: report.body) as? [String: Any])
        let statistics = try #require(document["statistics"] as? [String: Any])
        #expect(statistics["stopped_early"] as? Bool == true, "\(statistics)")
        // The budget the run had: until stopped (written as 10⁹), not the default 1 000.
        #expect(document["iterations"] as? Int == 1_000_000_000, "\(document["iterations"] ?? "none")")
    }

    @Test func badRequestsGetAClearRefusalAndNothingOutsideTheDataFolder() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "0", "--max-file-mb", "1"])
        defer { server.stop() }
        let jobs = server.url.appendingPathComponent("api/jobs")
        let malformed = try Self.request("POST", jobs, body: Data("{\"format\": \"nest-job/1\", ".utf8))
        #expect(malformed.status == 400 && malformed.text.contains("request"), "\(malformed.text)")
        let naming = try Self.request("POST", jobs, body: Data(#"{"format": "nest-job/1", "stock": {"roll": "/etc/passwd"}, "order": []}"#.utf8))
        #expect(naming.status == 400 && naming.text.contains("stock.roll") && naming.text.contains("nest bundle"), "\(naming.text)")
        let huge = try Self.request("POST", jobs, body: Data(repeating: 0x20, count: 2 << 20))
        #expect(huge.status == 413, "\(huge.status) \(huge.text)")
        let priority = try Self.request("POST", jobs.appending(queryItems: [URLQueryItem(name: "priority", value: "lots")]), body: try Self.bundle())
        #expect(priority.status == 400 && priority.text.contains("priority"))
        let misspelt = try Self.request("POST", jobs.appending(queryItems: [URLQueryItem(name: "priorty", value: "5")]), body: try Self.bundle())
        #expect(misspelt.status == 400 && misspelt.text.contains(#"unknown query parameter \"priorty\""#), "\(misspelt.text)")
        #expect(try Self.request("GET", jobs.appendingPathComponent("999")).status == 404)
        #expect(try Self.request("GET", jobs.appendingPathComponent("abc")).status == 400)
        let queued = try Self.request("POST", jobs, body: try Self.bundle())
        let id = try #require(try queued.json()["id"] as? Int)
        for name in ["..%2F..%2Fqueue.sqlite", "queue.sqlite", "report.json", "%2Fetc%2Fpasswd"] {
            let reply = try Self.request("GET", URL(string: "\(server.url.absoluteString)/api/jobs/\(id)/files/\(name)")!)
            #expect(reply.status == 404, "\(name): \(reply.status)")
        }
        // Nothing was written but the one bundle and the database.
        let written = try FileManager.default.contentsOfDirectory(atPath: data.path).sorted()
        #expect(written.allSatisfy { ["bundles", "queue.sqlite", "queue.sqlite-wal", "queue.sqlite-shm"].contains($0) }, "\(written)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("bundles").path).count == 1)
    }

    @Test func theQueueSurvivesARestartAndHonoursPriority() throws {
        let data = try Harness.temporaryFolder()
        var ids: [Int] = []
        do {
            let server = try Server(data: data, arguments: ["--workers", "0"])
            let jobs = server.url.appendingPathComponent("api/jobs")
            for p in [0, 5, -3] {
                let reply = try Self.request("POST", jobs.appending(queryItems: [URLQueryItem(name: "priority", value: "\(p)")]),
                                             body: try Self.bundle(iterations: 20))
                ids.append(try #require(try reply.json()["id"] as? Int))
            }
            let order = try #require(try Self.request("GET", jobs).json()["jobs"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
            #expect(order == [ids[1], ids[0], ids[2]], "queued by priority: \(order)")
            let patched = try Self.request("PATCH", jobs.appendingPathComponent("\(ids[2])"), body: Data(#"{"priority": 9}"#.utf8))
            let newPriority = try patched.json()["priority"] as? Int
            #expect(patched.status == 200 && newPriority == 9)
            let after = try #require(try Self.request("GET", jobs).json()["jobs"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
            #expect(after.first == ids[2])
            server.stop()
        }
        // A new server on the same data folder: the queue is still there, and its worker runs it.
        let server = try Server(data: data, arguments: ["--workers", "1"])
        defer { server.stop() }
        for id in ids {
            let job = try Self.wait(for: id, at: server, until: ["done", "failed"])
            #expect(job["status"] as? String == "done", "\(job)")
        }
    }

    @Test func cancellingARunningJobKeepsItsBestNest() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data)
        defer { server.stop() }
        let posted = try Self.request("POST", server.url.appendingPathComponent("api/jobs"), body: try Self.bundle(iterations: 10_000_000))
        let id = try #require(try posted.json()["id"] as? Int)
        _ = try Self.wait(for: id, at: server, until: ["running"])
        // Let it reach the optimizer, then cancel.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let job = try Self.request("GET", server.url.appendingPathComponent("api/jobs/\(id)")).json()
            if ((job["progress"] as? [String: Any])?["phase"] as? String) == "optimizing" { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let cancel = try Self.request("POST", server.url.appendingPathComponent("api/jobs/\(id)/cancel"))
        #expect(cancel.status == 202, "\(cancel.text)")
        let job = try Self.wait(for: id, at: server, until: ["cancelled", "done", "failed"], seconds: 60)
        #expect(job["status"] as? String == "cancelled", "\(job)")
        let report = try Self.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/report.json"))
        #expect(report.status == 200)
        let statistics = (try report.json()["statistics"] as? [String: Any]) ?? [:]
        #expect(statistics["interrupted"] as? Bool == true, "\(statistics)")
        let saved = data.appendingPathComponent("cancelled-report.json")
        try report.body.write(to: saved)
        #expect(try Harness.verify(saved).status == 0)
        // A queued job is cancelled at once.
        let idle = try Server(data: try Harness.temporaryFolder(), arguments: ["--workers", "0"])
        defer { idle.stop() }
        let queued = try Self.request("POST", idle.url.appendingPathComponent("api/jobs"), body: try Self.bundle())
        let qid = try #require(try queued.json()["id"] as? Int)
        let c = try Self.request("POST", idle.url.appendingPathComponent("api/jobs/\(qid)/cancel"))
        let cancelledStatus = try c.json()["status"] as? String
        #expect(c.status == 200 && cancelledStatus == "cancelled")
    }

    @Test func aTokenFileGuardsEveryRouteButHealth() throws {
        let data = try Harness.temporaryFolder()
        let tokenFile = data.appendingPathComponent("token")
        try "s3cret-token-of-the-cutting-room\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let server = try Server(data: data.appendingPathComponent("data"), arguments: ["--workers", "0", "--token-file", tokenFile.path])
        defer { server.stop() }
        #expect(try Self.request("GET", server.url.appendingPathComponent("api/health")).status == 200)
        let jobs = server.url.appendingPathComponent("api/jobs")
        #expect(try Self.request("GET", jobs).status == 401)
        #expect(try Self.request("GET", jobs, token: "wrong-token-of-the-cutting-room").status == 401)
        #expect(try Self.request("POST", jobs, body: try Self.bundle(), token: "nope").status == 401)
        #expect(try Self.request("GET", jobs, token: "s3cret-token-of-the-cutting-room").status == 200)
    }
}
