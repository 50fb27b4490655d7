import Foundation
import Testing

/// A target yield stops the optimizer once its best nest reaches it — on the command line
/// (`--target-yield`) and for a queued job (`POST /api/jobs?target_yield=`). Decided by the
/// seed and budgets alone: measured in iterations, never on the clock.
@Suite(.serialized) struct TargetYieldTests {
    static func statistics(_ report: URL) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        return try #require(object["statistics"] as? [String: Any])
    }

    static let options = ["--samples", "50", "--iterations", "200", "--toolpath", "none", "--tickets", "none", "--quiet", "--threads", "1"]

    @Test func theCommandStopsOnceTheTargetIsReachedAndOnlyThen() throws {
        let f = try Harness.temporaryFolder()
        func run(_ name: String, _ extra: [String]) throws -> [String: Any] {
            let out = f.appendingPathComponent(name)
            let r = try Harness.nest(["Patterns/mesh-roll.json", "-o", out.path] + Self.options + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try Self.statistics(out.appendingPathComponent("report.json"))
        }
        let full = try run("full", [])
        #expect(full["optimizer_iterations"] as? Int == 200 && full["stopped_early"] as? Bool == false, "\(full)")
        // Reached at the optimizer's first report: far fewer iterations, the same every time.
        let low = try run("low", ["--target-yield", "1"])
        let stoppedAt = try #require(low["optimizer_iterations"] as? Int)
        #expect(stoppedAt < 200 && low["stopped_early"] as? Bool == true && low["interrupted"] as? Bool == false, "\(low)")
        #expect(try run("low-again", ["--target-yield", "1"])["optimizer_iterations"] as? Int == stoppedAt)
        // Never reached: the whole budget, the same nest as without a target.
        let high = try run("high", ["--target-yield", "100"])
        #expect(high["optimizer_iterations"] as? Int == 200 && high["stopped_early"] as? Bool == false, "\(high)")
        let a = try Data(contentsOf: f.appendingPathComponent("full/report.json"))
        let b = try Data(contentsOf: f.appendingPathComponent("high/report.json"))
        #expect(a == b)
        let bad = try Harness.nest(["Patterns/mesh-roll.json", "--target-yield", "120", "--quiet"])
        #expect(bad.status != 0 && bad.stderr.contains("--target-yield"), "\(bad.stderr)")
    }

    @Test func aQueuedJobWithATargetStopsEarly() throws {
        let data = try Harness.temporaryFolder()
        let server = try ServerTests.Server(data: data)
        defer { server.stop() }
        let jobs = server.url.appendingPathComponent("api/jobs")
        let posted = try ServerTests.request("POST", jobs.appending(queryItems: [URLQueryItem(name: "target_yield", value: "1")]),
                                             body: try ServerTests.bundle(iterations: 400))
        #expect(posted.status == 201, "\(posted.text)")
        let body = try posted.json()
        #expect(body["target_yield"] as? Double == 1)
        let id = try #require(body["id"] as? Int)
        let job = try ServerTests.wait(for: id, at: server, until: ["done", "failed"])
        #expect(job["status"] as? String == "done", "\(job)")
        let report = try ServerTests.request("GET", jobs.appendingPathComponent("\(id)/files/report.json"))
        let saved = data.appendingPathComponent("r.json")
        try report.body.write(to: saved)
        let stats = try Self.statistics(saved)
        #expect((stats["optimizer_iterations"] as? Int ?? 400) < 400 && stats["stopped_early"] as? Bool == true, "\(stats)")
        #expect(try Harness.verify(saved).status == 0)
        for bad in ["0", "101", "lots"] {
            let refused = try ServerTests.request("POST", jobs.appending(queryItems: [URLQueryItem(name: "target_yield", value: bad)]),
                                                 body: try ServerTests.bundle(iterations: 10))
            #expect(refused.status == 400 && refused.text.contains("target_yield"), "\(bad): \(refused.text)")
        }
    }
}
