import Foundation
import Testing

/// Two cutting tables on one order, through the real `nest serve`: a hide nested and not
/// yet confirmed holds its parts, so a hide posted next (even before the first is nested,
/// one worker taking them in turn, or two workers, the younger job waiting for the older)
/// is nested against what is left less those parts, and both confirmations book; a hide given up (discard) holds nothing any more; a confirmed
/// hide cannot be discarded nor a discarded one confirmed. On SQLite and on PostgreSQL.
@Suite(.serialized) struct OrderReservationTests {
    typealias Server = ServerTests.Server
    typealias Orders = OrderServerTests

    /// Posts `hide` to order `id` with a small budget without waiting; its number and job.
    static func post(_ hide: Data, order id: Int, at server: Server) throws -> (hide: Int, job: Int) {
        let reply = try ServerTests.request("POST", server.url.appendingPathComponent("api/orders/\(id)/hides")
            .appending(queryItems: [URLQueryItem(name: "samples", value: "40"), URLQueryItem(name: "iterations", value: "20"),
                                    URLQueryItem(name: "time_limit", value: "120")]), body: hide)
        #expect(reply.status == 201, "\(reply.text)")
        let body = try reply.json()
        return (try #require(body["hide"] as? Int), try #require(body["job"] as? Int))
    }

    /// Placed parts per kind ("size|panel|side") of a job's report.
    static func placed(_ server: Server, job: Int) throws -> [String: Int] {
        let reply = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(job)/files/report.json"))
        #expect(reply.status == 200)
        var kinds: [String: Int] = [:]
        for p in WarmStartTests.placements(try reply.json()) { kinds["\(p["size"] ?? "")|\(p["part"] ?? "")|\(p["side"] ?? "")", default: 0] += 1 }
        return kinds
    }

    static func hideEntry(_ order: [String: Any], _ n: Int) throws -> [String: Any] {
        try #require((order["hides"] as? [[String: Any]])?.first { $0["hide"] as? Int == n })
    }

    /// The session both databases run: two hides posted back to back, nested one after the
    /// other, disjoint, both booked; a third nested, held, then given up.
    static func session(_ server: Server) throws {
        let id = try #require(try Orders.post(server, "api/orders", try Orders.order()).json()["id"] as? Int)
        let whole = Orders.left(try Orders.get(server, "api/orders/\(id)"))
        // Two tables post at once: the second is posted before the first is nested.
        let (n1, job1) = try post(try Orders.hide("cow-side-01"), order: id, at: server)
        let (n2, job2) = try post(try Orders.hide("calf-01"), order: id, at: server)
        for job in [job1, job2] {
            let ended = try ServerTests.wait(for: job, at: server, until: ["done", "failed", "cancelled"], seconds: 180)
            #expect(ended["status"] as? String == "done", "\(ended)")
        }
        let first = try placed(server, job: job1), second = try placed(server, job: job2)
        #expect(!first.isEmpty && !second.isEmpty)
        // Together they never ask more of a kind than the order has: the second was nested
        // against what the first did not hold.
        for (kind, count) in second {
            #expect(count + (first[kind] ?? 0) <= whole[kind] ?? 0, "\(kind): \(first[kind] ?? 0) + \(count) placed, the order has \(whole[kind] ?? 0)")
        }
        let held = try Orders.get(server, "api/orders/\(id)")
        let total1 = first.values.reduce(0, +), total2 = second.values.reduce(0, +)
        #expect(held["parts_left"] as? Int == 320 && held["parts_reserved"] as? Int == total1 + total2, "\(held)")
        #expect(held["parts_free"] as? Int == 320 - total1 - total2)
        #expect(try hideEntry(held, n1)["reserved"] as? Bool == true && hideEntry(held, n1)["parts_reserved"] as? Int == total1)
        #expect(try hideEntry(held, n2)["parts_reserved"] as? Int == total2)
        // Both cuts are booked, the later-nested first.
        let c2 = try Orders.post(server, "api/orders/\(id)/hides/\(n2)/confirm")
        #expect(c2.status == 200, "\(c2.text)")
        let c1 = try Orders.post(server, "api/orders/\(id)/hides/\(n1)/confirm")
        #expect(c1.status == 200, "\(c1.text)")
        let booked = try c1.json()
        #expect(booked["parts_left"] as? Int == 320 - total1 - total2 && booked["parts_reserved"] as? Int == 0, "\(booked)")

        // A third hide holds its parts until it is given up.
        let (n3, job3) = try post(try Orders.hide("cow-side-01"), order: id, at: server)
        _ = try ServerTests.wait(for: job3, at: server, until: ["done", "failed", "cancelled"], seconds: 180)
        let total3 = try placed(server, job: job3).values.reduce(0, +)
        let before = try Orders.get(server, "api/orders/\(id)")
        #expect(before["parts_free"] as? Int == 320 - total1 - total2 - total3, "\(before)")
        let discarded = try Orders.post(server, "api/orders/\(id)/hides/\(n3)/discard")
        #expect(discarded.status == 200, "\(discarded.text)")
        let after = try discarded.json()
        #expect(try hideEntry(after, n3)["status"] as? String == "discarded" && hideEntry(after, n3)["reserved"] as? Bool == false)
        #expect(after["parts_free"] as? Int == 320 - total1 - total2 && after["parts_left"] as? Int == 320 - total1 - total2, "\(after)")
        let again = try Orders.post(server, "api/orders/\(id)/hides/\(n3)/discard")
        #expect(again.status == 409 && again.text.contains("discarded already"), "\(again.text)")
        let cut = try Orders.post(server, "api/orders/\(id)/hides/\(n3)/confirm")
        #expect(cut.status == 409 && cut.text.contains("discarded"), "\(cut.text)")
        let confirmed = try Orders.post(server, "api/orders/\(id)/hides/\(n1)/discard")
        #expect(confirmed.status == 409 && confirmed.text.contains("confirmed"), "\(confirmed.text)")
        #expect(try Orders.post(server, "api/orders/\(id)/hides/9/discard").status == 404)
    }

    @Test func aNestedHideHoldsItsPartsUntilConfirmedOrDiscarded() throws {
        let server = try Server(data: try Harness.temporaryFolder(), arguments: ["--workers", "1"])
        defer { server.stop() }
        try Self.session(server)
    }

    /// Two workers take the two hides at once: the younger job waits for the older to nest
    /// its hide, then nests against what that one does not hold.
    @Test func twoWorkersNestTheHidesOfAnOrderOneAfterTheOther() throws {
        let server = try Server(data: try Harness.temporaryFolder(), arguments: ["--workers", "2"])
        defer { server.stop() }
        try Self.session(server)
    }

    @Test func theSameOnPostgreSQLWithTwoWorkers() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let server = try Server(data: try Harness.temporaryFolder(), arguments: ["--database", cluster.url, "--workers", "2"]
            + PostgresQueueTests.timing)
        defer { server.stop() }
        try Self.session(server)
    }

    /// A discarded hide whose job was still queued: its job is cancelled, it holds nothing.
    @Test func discardingAHideNotNestedYetCancelsItsJob() throws {
        let server = try Server(data: try Harness.temporaryFolder(), arguments: ["--workers", "0"])
        defer { server.stop() }
        let id = try #require(try Orders.post(server, "api/orders", try Orders.order()).json()["id"] as? Int)
        let (n, job) = try Self.post(try Orders.hide("calf-01"), order: id, at: server)
        let discarded = try Orders.post(server, "api/orders/\(id)/hides/\(n)/discard")
        #expect(discarded.status == 200, "\(discarded.text)")
        #expect(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(job)")).json()["status"] as? String == "cancelled")
        #expect(try discarded.json()["parts_free"] as? Int == 320)
    }
}
