import Foundation
import Testing

/// A bounded load test on loopback against SQLite: 200 small jobs posted by 8 clients at once
/// to a server with 2 workers. No job is lost or run twice; the queue latency (posted to
/// claimed) at p50 and p99 and the throughput are printed, for the README.
@Suite(.serialized) struct ServerLoadTests {
    static let jobs = 200
    static let clients = 8

    @Test func twoHundredJobsFromEightClientsNoneLostNoneTwice() throws {
        let data = try Harness.temporaryFolder()
        let server = try ServerTests.Server(data: data, arguments: ["--workers", "2", "--heartbeat-seconds", "0.5"])
        defer { server.stop() }
        // One pair of the mesh job, no optimizer: a job of a few parts.
        let made = try Harness.nest(["bundle", "Patterns/mesh-roll.json"])
        try #require(made.status == 0)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        var order = try #require(object["order"] as? [[String: Any]])
        order = [order[0].merging(["sizes": [((order[0]["sizes"] as? [String: Int]) ?? [:]).keys.sorted()[0]: 1]]) { _, b in b }]
        object["order"] = order
        object["iterations"] = 0
        object["samples"] = 20
        let bundle = try JSONSerialization.data(withJSONObject: object)

        final class Posted: @unchecked Sendable {
            let lock = NSLock()
            var ids: [Int] = []
            var failures: [String] = []
            var seconds: [Double] = []
        }
        let posted = Posted()
        let jobsURL = server.url.appendingPathComponent("api/jobs")
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: Self.clients) { c in
            for _ in stride(from: c, to: Self.jobs, by: Self.clients) {
                do {
                    let sent = Date()
                    let reply = try ServerTests.request("POST", jobsURL, body: bundle)
                    let took = Date().timeIntervalSince(sent)
                    let id = (try? reply.json())?["id"] as? Int
                    posted.lock.withLock {
                        posted.seconds.append(took)
                        if reply.status == 201, let id { posted.ids.append(id) } else { posted.failures.append("\(reply.status) \(reply.text)") }
                    }
                } catch {
                    posted.lock.withLock { posted.failures.append("\(error)") }
                }
            }
        }
        #expect(posted.failures.isEmpty, "\(posted.failures.prefix(3))")
        #expect(posted.ids.count == Self.jobs && Set(posted.ids).count == Self.jobs, "every post got a job of its own")

        // Wait for the queue to drain.
        var all: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            all = try #require(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs")).json()["jobs"] as? [[String: Any]])
            if all.allSatisfy({ ["done", "failed", "cancelled"].contains($0["status"] as? String ?? "") }) { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(all.count == Self.jobs, "no job lost or added")
        #expect(Set(all.compactMap { $0["id"] as? Int }) == Set(posted.ids))
        #expect(all.allSatisfy { $0["status"] as? String == "done" }, "\(all.filter { $0["status"] as? String != "done" }.prefix(2))")
        #expect(all.allSatisfy { $0["attempts"] as? Int == 1 }, "every job run exactly once")
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func date(_ job: [String: Any], _ key: String) -> Date? { (job[key] as? String).flatMap(iso.date(from:)) }
        let latencies = all.compactMap { j in date(j, "started_at").flatMap { s in date(j, "submitted_at").map { s.timeIntervalSince($0) } } }.sorted()
        let finished = all.compactMap { date($0, "finished_at") }.max() ?? Date()
        func quantile(_ values: [Double], _ q: Double) -> Double { values.isEmpty ? 0 : values[min(values.count - 1, Int(q * Double(values.count)))] }
        let posts = posted.seconds.sorted()
        print(String(format: "load: %d jobs from %d clients, 2 workers, SQLite: POST p50 %.0f ms, p99 %.0f ms; queue latency (posted to claimed) "
                     + "p50 %.2f s, p99 %.2f s; %.1f jobs/s done (%.1f s in all)",
                     Self.jobs, Self.clients, 1000 * quantile(posts, 0.5), 1000 * quantile(posts, 0.99), quantile(latencies, 0.5),
                     quantile(latencies, 0.99), Double(Self.jobs) / max(0.001, finished.timeIntervalSince(started)), elapsed))
    }
}
