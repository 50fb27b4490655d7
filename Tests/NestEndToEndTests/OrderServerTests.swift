import Foundation
import NestGeometry
import Testing

/// Cutting sessions over HTTP, through the real `nest serve` on SQLite: an order opened once,
/// a shipped hide posted to it as it was digitized, nested against what is left, its parts
/// booked off only when the cut is confirmed (once); the order surviving a restart; a defect
/// marked late re-nesting the hide from its current nest; bad requests refused with the
/// item named.
@Suite(.serialized) struct OrderServerTests {
    typealias Server = ServerTests.Server

    static func post(_ server: Server, _ path: String, _ body: Data? = nil) throws -> ServerTests.Reply {
        try ServerTests.request("POST", server.url.appendingPathComponent(path), body: body ?? Data())
    }

    static func get(_ server: Server, _ path: String) throws -> [String: Any] {
        let reply = try ServerTests.request("GET", server.url.appendingPathComponent(path))
        #expect(reply.status == 200, "\(path): \(reply.text)")
        return try reply.json()
    }

    /// The shipped open order (20 pairs of the runner, 320 parts) as a bundle; the server
    /// sets its stock aside.
    static func order() throws -> Data {
        let made = try Harness.nest(["bundle", "Patterns/hide-open-order.json"])
        try #require(made.status == 0, "\(made.stderr)")
        return Data(made.stdout.utf8)
    }

    static func hide(_ name: String) throws -> Data {
        try Data(contentsOf: Harness.packageRoot.appendingPathComponent("Patterns/hides/\(name).json"))
    }

    /// Posts `hide` to order `id` with a small budget; waits for its job; returns the hide's
    /// number, its job and the job as it ended.
    static func nest(_ hide: Data, order id: Int, at server: Server, path: String? = nil) throws -> (hide: Int, job: Int, ended: [String: Any]) {
        let reply = try ServerTests.request("POST", server.url.appendingPathComponent(path ?? "api/orders/\(id)/hides")
            .appending(queryItems: [URLQueryItem(name: "samples", value: "40"), URLQueryItem(name: "iterations", value: "20"),
                                    URLQueryItem(name: "time_limit", value: "120")]), body: hide)
        #expect(reply.status == 201, "\(reply.text)")
        let body = try reply.json()
        let n = try #require(body["hide"] as? Int), job = try #require(body["job"] as? Int)
        let ended = try ServerTests.wait(for: job, at: server, until: ["done", "failed", "cancelled"], seconds: 180)
        #expect(ended["status"] as? String == "done", "\(ended)")
        return (n, job, ended)
    }

    /// Parts left per kind ("size|panel|side").
    static func left(_ order: [String: Any]) -> [String: Int] {
        var out: [String: Int] = [:]
        for e in (order["remaining"] as? [[String: Any]]) ?? [] {
            out["\(e["size"] ?? "")|\(e["panel"] ?? "")|\(e["side"] ?? "")"] = e["count"] as? Int
        }
        return out
    }

    static func report(_ server: Server, job: Int, into folder: URL) throws -> (report: [String: Any], file: URL) {
        let reply = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(job)/files/report.json"))
        #expect(reply.status == 200)
        let file = folder.appendingPathComponent("report-\(job).json")
        try reply.body.write(to: file)
        return (try reply.json(), file)
    }

    @Test func aHideIsNestedAgainstTheRemainderAndBookedOnlyWhenConfirmed() throws {
        let data = try Harness.temporaryFolder()
        var server = try Server(data: data, arguments: ["--workers", "1"])
        defer { server.stop() }
        let opened = try Self.post(server, "api/orders", try Self.order())
        #expect(opened.status == 201, "\(opened.text)")
        let id = try #require(try opened.json()["id"] as? Int)
        let whole = try Self.get(server, "api/orders/\(id)")
        #expect(whole["parts_left"] as? Int == 320, "\(whole)")

        // The hide on the table, posted as it was digitized.
        let (n, job, _) = try Self.nest(try Self.hide("cow-side-01"), order: id, at: server)
        #expect(n == 1)
        let (report, file) = try Self.report(server, job: job, into: data)
        let checked = try Harness.verify(file)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let placed = WarmStartTests.placements(report)
        #expect(!placed.isEmpty)
        // Nested, not booked: the order is still whole.
        let nested = try Self.get(server, "api/orders/\(id)")
        #expect(nested["parts_left"] as? Int == 320)
        let hides = try #require(nested["hides"] as? [[String: Any]])
        #expect(hides.first?["status"] as? String == "nested" && hides.first?["parts_placed"] as? Int == placed.count, "\(hides)")

        // Confirmed: the remainder shrinks by exactly the placed parts, kind by kind.
        let confirmed = try Self.post(server, "api/orders/\(id)/hides/\(n)/confirm")
        #expect(confirmed.status == 200, "\(confirmed.text)")
        let after = try confirmed.json()
        #expect(after["parts_left"] as? Int == 320 - placed.count)
        var expected = Self.left(whole)
        for p in placed { expected["\(p["size"] ?? "")|\(p["part"] ?? "")|\(p["side"] ?? "")", default: 0] -= 1 }
        expected = expected.filter { $0.value != 0 }
        #expect(Self.left(after) == expected)
        #expect((after["cut"] as? [[String: Any]])?.first?["parts"] as? Int == placed.count)
        // Twice: refused, nothing booked again.
        let twice = try Self.post(server, "api/orders/\(id)/hides/\(n)/confirm")
        #expect(twice.status == 409 && twice.text.contains("hide 1") && twice.text.contains("confirmed"), "\(twice.text)")
        #expect(try Self.get(server, "api/orders/\(id)")["parts_left"] as? Int == 320 - placed.count)

        // A restart: the order and its booked hide are still there.
        server.stop()
        server = try Server(data: data, arguments: ["--workers", "1"])
        let restarted = try Self.get(server, "api/orders/\(id)")
        #expect(restarted["parts_left"] as? Int == 320 - placed.count)
        #expect(Self.left(restarted) == expected)
        #expect((restarted["hides"] as? [[String: Any]])?.first?["status"] as? String == "confirmed")

        // The next hide asks only for what is left.
        let (n2, job2, ended2) = try Self.nest(try Self.hide("calf-01"), order: id, at: server)
        #expect(n2 == 2)
        #expect(ended2["parts"] as? Int == 320 - placed.count, "\(ended2)")
        let (second, _) = try Self.report(server, job: job2, into: data)
        var kinds: [String: Int] = [:]
        for p in WarmStartTests.placements(second) { kinds["\(p["size"] ?? "")|\(p["part"] ?? "")|\(p["side"] ?? "")", default: 0] += 1 }
        for (kind, count) in kinds { #expect(count <= expected[kind] ?? 0, "\(count) \(kind) placed, \(expected[kind] ?? 0) left") }
    }

    @Test func aDefectMarkedLateReNestsTheHideFromItsNest() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "1"])
        defer { server.stop() }
        let id = try #require(try Self.post(server, "api/orders", try Self.order()).json()["id"] as? Int)
        let (n, job, _) = try Self.nest(try Self.hide("cow-side-01"), order: id, at: server)
        let (first, _) = try Self.report(server, job: job, into: data)
        let start = WarmStartTests.placements(first)
        // A 20 mm brand in the middle of the smallest part.
        func boxArea(_ p: [String: Any]) -> Double {
            let (a, b, c, d) = WarmStartTests.box((p["outline"] as? [[Double]]) ?? [[0, 0]])
            return (c - a) * (d - b)
        }
        let target = try #require(start.min { boxArea($0) < boxArea($1) })
        let (x0, y0, x1, y1) = WarmStartTests.box(try #require(target["outline"] as? [[Double]]))
        let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2)
        let brand: [String: Any] = ["kind": "brand", "outline": [[cx - 10, cy - 10], [cx + 10, cy - 10], [cx + 10, cy + 10], [cx - 10, cy + 10]]]
        let (same, renest, _) = try Self.nest(try JSONSerialization.data(withJSONObject: brand), order: id, at: server,
                                              path: "api/orders/\(id)/hides/\(n)/defects")
        #expect(same == n && renest != job)
        let (result, file) = try Self.report(server, job: renest, into: data)
        let stats = try #require(result["statistics"] as? [String: Any])
        #expect(stats["start_placements"] as? Int == start.count, "\(stats)")
        let kept = try #require(stats["kept_from_start"] as? Int)
        #expect(kept > start.count / 2 && kept < start.count, "\(kept) of \(start.count) kept")
        // The brand is in the report's defects and no part comes near it: the checker says so.
        let sheet = try #require((result["sheets"] as? [[String: Any]])?.first)
        #expect((sheet["defect_kinds"] as? [String])?.contains("brand") == true)
        let checked = try Harness.verify(file)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        // And by GEOS here: every part's outline keeps the margin from the brand (its box
        // may reach over it: the final fill's sweep puts parts into the gaps beside it).
        let kernel = try GeometryKernel()
        let margin = try #require(result["margin_mm"] as? Double)
        let square = Polygon([Point(cx - 10, cy - 10), Point(cx + 10, cy - 10), Point(cx + 10, cy + 10), Point(cx - 10, cy + 10)])
        for p in WarmStartTests.placements(result) {
            let ring = try #require(p["outline"] as? [[Double]]).map { Point($0[0], $0[1]) }
            let holes = ((p["holes"] as? [[[Double]]]) ?? []).map { $0.map { Point($0[0], $0[1]) } }
            let gap = try kernel.distance([Polygon(ring, holes: holes)], [square])
            #expect(gap >= margin - 1e-6, "\(p["panel"] ?? "") comes \(gap) mm from the brand (margin \(margin))")
        }
        let order = try Self.get(server, "api/orders/\(id)")
        let hide = try #require((order["hides"] as? [[String: Any]])?.first)
        #expect(hide["late_defects"] as? Int == 1 && hide["started_from_job"] as? Int == job && hide["job"] as? Int == renest, "\(hide)")
        // The re-nest is what gets booked.
        let confirmed = try Self.post(server, "api/orders/\(id)/hides/\(n)/confirm")
        #expect(confirmed.status == 200, "\(confirmed.text)")
        #expect(try confirmed.json()["parts_left"] as? Int == 320 - WarmStartTests.placements(result).count)
        let late = try Self.post(server, "api/orders/\(id)/hides/\(n)/defects", try JSONSerialization.data(withJSONObject: brand))
        #expect(late.status == 409 && late.text.contains("confirmed"), "\(late.text)")
    }

    /// The operator will not wait: the hide's job is cancelled while it optimizes, writes its
    /// best verified nest, and that nest is what gets cut and booked.
    @Test func aHideCancelledWhileNestingIsCutFromItsBestNest() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "1", "--heartbeat-seconds", "0.1"])
        defer { server.stop() }
        let id = try #require(try Self.post(server, "api/orders", try Self.order()).json()["id"] as? Int)
        let posted = try ServerTests.request("POST", server.url.appendingPathComponent("api/orders/\(id)/hides")
            .appending(queryItems: [URLQueryItem(name: "samples", value: "40"), URLQueryItem(name: "iterations", value: "10000000"),
                                    URLQueryItem(name: "time_limit", value: "120")]), body: try Self.hide("calf-01"))
        let job = try #require(try posted.json()["job"] as? Int)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let j = try Self.get(server, "api/jobs/\(job)")
            if ((j["progress"] as? [String: Any])?["phase"] as? String) == "optimizing" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(try Self.post(server, "api/jobs/\(job)/cancel").status == 202)
        let ended = try ServerTests.wait(for: job, at: server, until: ["cancelled", "done", "failed"], seconds: 60)
        #expect(ended["status"] as? String == "cancelled", "\(ended)")
        let (report, file) = try Self.report(server, job: job, into: data)
        #expect((report["statistics"] as? [String: Any])?["interrupted"] as? Bool == true)
        #expect(try Harness.verify(file).status == 0)
        let placed = WarmStartTests.placements(report).count
        #expect((try Self.get(server, "api/orders/\(id)")["hides"] as? [[String: Any]])?.first?["status"] as? String == "nested")
        let confirmed = try Self.post(server, "api/orders/\(id)/hides/1/confirm")
        #expect(confirmed.status == 200, "\(confirmed.text)")
        #expect(try confirmed.json()["parts_left"] as? Int == 320 - placed)
    }

    @Test func badOrderRequestsAreRefusedWithTheItemNamed() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "0"])
        defer { server.stop() }
        #expect(try ServerTests.request("GET", server.url.appendingPathComponent("api/orders/42")).status == 404)
        let yaml = try ServerTests.request("GET", server.url.appendingPathComponent("api/openapi.yaml")).text
        for path in ["/api/orders:", "/api/orders/{id}:", "/api/orders/{id}/hides:", "/api/orders/{id}/hides/{n}/confirm:",
                     "/api/orders/{id}/hides/{n}/defects:", "/api/jobs/{id}/events:", "name: target_yield"] {
            #expect(yaml.contains(path), "the OpenAPI document describes \(path)")
        }
        let unknown = try Self.post(server, "api/orders/42/hides", try Self.hide("calf-01"))
        #expect(unknown.status == 404 && unknown.text.contains("no order 42"), "\(unknown.text)")
        let notOrder = try Self.post(server, "api/orders", Data(#"{"format": "nest-job/1", "order": []}"#.utf8))
        #expect(notOrder.status == 400 && notOrder.text.contains("request: order"), "\(notOrder.text)")
        let id = try #require(try Self.post(server, "api/orders", try Self.order()).json()["id"] as? Int)
        // A malformed hide: FILE: ITEM: PROBLEM.
        let truncated = try Self.post(server, "api/orders/\(id)/hides", Data(#"{"format": "nest-hide/1", "name": "x", "outline": [[0, 0], [1"#.utf8))
        #expect(truncated.status == 400 && truncated.text.contains("hide: "), "\(truncated.text)")
        var bad = try #require(try JSONSerialization.jsonObject(with: try Self.hide("calf-01")) as? [String: Any])
        bad["zones"] = [["grade": "E", "outline": [[0, 0], [10, 0], [10, 10]]]]
        let grade = try Self.post(server, "api/orders/\(id)/hides", try JSONSerialization.data(withJSONObject: bad))
        #expect(grade.status == 400 && grade.text.contains("hide: zones[0] grade: "), "\(grade.text)")
        let budget = try ServerTests.request("POST", server.url.appendingPathComponent("api/orders/\(id)/hides")
            .appending(queryItems: [URLQueryItem(name: "iterations", value: "many")]), body: try Self.hide("calf-01"))
        #expect(budget.status == 400 && budget.text.contains("request: iterations: "), "\(budget.text)")
        // Not nested yet (no worker): neither confirmed nor re-nested; no such hide: 404.
        let posted = try Self.post(server, "api/orders/\(id)/hides", try Self.hide("calf-01"))
        #expect(posted.status == 201, "\(posted.text)")
        let early = try Self.post(server, "api/orders/\(id)/hides/1/confirm")
        #expect(early.status == 409 && early.text.contains("not nested yet"), "\(early.text)")
        let defect = try Self.post(server, "api/orders/\(id)/hides/1/defects", Data(#"{"kind": "brand"}"#.utf8))
        #expect(defect.status == 409, "\(defect.text)")
        let unknownHide = try Self.post(server, "api/orders/\(id)/hides/9/defects", Data(#"{"outline": "x"}"#.utf8))
        #expect(unknownHide.status == 404 && unknownHide.text.contains("no hide 9"), "\(unknownHide.text)")
        #expect(try Self.post(server, "api/orders/\(id)/hides/7/confirm").status == 404)
        let badNumber = try Self.post(server, "api/orders/\(id)/hides/zero/confirm")
        #expect(badNumber.status == 400 && badNumber.text.contains("request: a hide number is a positive whole number"), "\(badNumber.text)")
        #expect(try Self.get(server, "api/orders/\(id)")["parts_left"] as? Int == 320)
    }
    /// The same session on PostgreSQL: the hide's job, its re-nest from the report kept in the
    /// database, the booking, and the order read back by a new server on the same database.
    @Test func aSessionOnPostgreSQLIsKeptInTheDatabase() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let data = try Harness.temporaryFolder()
        var server = try Server(data: data.appendingPathComponent("a"), arguments: ["--database", cluster.url] + PostgresQueueTests.timing)
        defer { server.stop() }
        let id = try #require(try Self.post(server, "api/orders", try Self.order()).json()["id"] as? Int)
        let (n, job, _) = try Self.nest(try Self.hide("calf-01"), order: id, at: server)
        let brand: [String: Any] = ["kind": "brand", "outline": [[700, 400], [720, 400], [720, 420], [700, 420]]]
        let (same, renest, _) = try Self.nest(try JSONSerialization.data(withJSONObject: brand), order: id, at: server,
                                              path: "api/orders/\(id)/hides/\(n)/defects")
        #expect(same == n && renest != job)
        let (result, file) = try Self.report(server, job: renest, into: data)
        #expect((result["statistics"] as? [String: Any])?["start_placements"] is Int, "started from the first nest")
        #expect(try Harness.verify(file).status == 0)
        let placed = WarmStartTests.placements(result).count
        #expect(try Self.post(server, "api/orders/\(id)/hides/\(n)/confirm").status == 200)
        #expect(try Self.post(server, "api/orders/\(id)/hides/\(n)/confirm").status == 409)
        server.stop()
        server = try Server(data: data.appendingPathComponent("b"), arguments: ["--database", cluster.url, "--workers", "0"])
        let order = try Self.get(server, "api/orders/\(id)")
        #expect(order["parts_left"] as? Int == 320 - placed)
        #expect((order["hides"] as? [[String: Any]])?.first?["status"] as? String == "confirmed")
    }
}
