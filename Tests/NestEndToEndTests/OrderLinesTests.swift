import Foundation
import Testing

/// Pairs added to an open order through the real `nest serve`: the remainder grows by
/// their parts, and a hide nested but not confirmed is re-nested from its nest, keeping
/// every part it had where it was and placing new ones around them; lines that are not the
/// order's own patterns, ask for sizes the pattern lacks or go over the part limit are
/// refused with the line named, and change nothing.
@Suite(.serialized) struct OrderLinesTests {
    typealias Server = ServerTests.Server
    typealias Orders = OrderServerTests

    /// The shipped open order cut down to one pair of size 8.
    static func onePair() throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: try Orders.order()) as? [String: Any])
        var lines = try #require(object["order"] as? [[String: Any]])
        lines[0]["sizes"] = ["8": 1]
        object["order"] = lines
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func lines(_ object: Any) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

    static func add(_ server: Server, order id: Int, _ body: Data) throws -> ServerTests.Reply {
        try ServerTests.request("POST", server.url.appendingPathComponent("api/orders/\(id)/lines")
            .appending(queryItems: [URLQueryItem(name: "samples", value: "40"), URLQueryItem(name: "iterations", value: "20"),
                                    URLQueryItem(name: "time_limit", value: "120")]), body: body)
    }

    @Test func addedPairsGrowTheRemainderAndAPendingHideIsReNestedAroundItsParts() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "1", "--max-parts", "400"])
        defer { server.stop() }
        let opened = try Orders.post(server, "api/orders", try Self.onePair())
        #expect(opened.status == 201, "\(opened.text)")
        let id = try #require(try opened.json()["id"] as? Int)
        let pair = try #require(try opened.json()["parts_left"] as? Int)
        let (n, job, _) = try Orders.nest(try Orders.hide("cow-side-01"), order: id, at: server)
        let (first, _) = try Orders.report(server, job: job, into: data)
        let start = WarmStartTests.placements(first).count
        #expect(start == pair, "a cow side takes the whole pair")
        // Every part left is held by hide 1: another hide has nothing to take.
        let none = try Orders.post(server, "api/orders/\(id)/hides", try Orders.hide("calf-01"))
        #expect(none.status == 409 && none.text.contains("nothing is free to nest") && none.text.contains("held by hide 1 (\(pair))"), "\(none.text)")

        // Two pairs of size 9 added, the pattern named by its file.
        let added = try Self.add(server, order: id, try Self.lines(["order": [["pattern": "runner.json", "sizes": ["9": 2]]]]))
        #expect(added.status == 200, "\(added.text)")
        let order = try added.json()
        #expect(order["parts_added"] as? Int == 2 * pair && order["parts_left"] as? Int == 3 * pair, "\(order)")
        let lines = Set(((order["remaining"] as? [[String: Any]]) ?? []).compactMap { $0["order_line"] as? Int })
        #expect(lines == [0, 1], "the new pairs are an order line of their own")
        #expect(((order["remaining"] as? [[String: Any]]) ?? []).filter { $0["order_line"] as? Int == 1 }.allSatisfy { $0["size"] as? String == "9" })
        let renested = try #require((order["renested"] as? [[String: Any]])?.first, "\(order)")
        #expect(renested["hide"] as? Int == n)
        let renest = try #require(renested["job"] as? Int)
        #expect(renest != job)

        let ended = try ServerTests.wait(for: renest, at: server, until: ["done", "failed", "cancelled"], seconds: 180)
        #expect(ended["status"] as? String == "done", "\(ended)")
        let (result, file) = try Orders.report(server, job: renest, into: data)
        let stats = try #require(result["statistics"] as? [String: Any])
        #expect(stats["start_placements"] as? Int == start && stats["kept_from_start"] as? Int == start, "\(stats)")
        let now = WarmStartTests.placements(result).count
        #expect(now > start, "\(now) placed: the new pairs fill in around the kept ones")
        #expect(try Harness.verify(file).status == 0)
        let hide = try #require((try Orders.get(server, "api/orders/\(id)")["hides"] as? [[String: Any]])?.first)
        #expect(hide["job"] as? Int == renest && hide["started_from_job"] as? Int == job && hide["parts_placed"] as? Int == now, "\(hide)")
        let confirmed = try Orders.post(server, "api/orders/\(id)/hides/\(n)/confirm")
        #expect(confirmed.status == 200, "\(confirmed.text)")
        #expect(try confirmed.json()["parts_left"] as? Int == 3 * pair - now)
    }

    /// On PostgreSQL: the lines kept in the database, read back by a new server.
    @Test func pairsAddedOnPostgreSQLAreKept() throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let data = try Harness.temporaryFolder()
        var server = try Server(data: data.appendingPathComponent("a"), arguments: ["--database", cluster.url, "--workers", "0"])
        defer { server.stop() }
        let id = try #require(try Orders.post(server, "api/orders", try Self.onePair()).json()["id"] as? Int)
        let added = try Self.add(server, order: id, try Self.lines(["order": [["pattern": "runner.json", "sizes": ["9": 2, "10": 1]]]]))
        #expect(added.status == 200 && (try? added.json())?["parts_added"] as? Int == 48, "\(added.text)")
        server.stop()
        server = try Server(data: data.appendingPathComponent("b"), arguments: ["--database", cluster.url, "--workers", "0"])
        let order = try Orders.get(server, "api/orders/\(id)")
        #expect(order["parts_left"] as? Int == 64 && order["parts_free"] as? Int == 64, "\(order)")
        // The kept bundle has the line: adding to it again counts on from it.
        let again = try Self.add(server, order: id, try Self.lines(["order": [["pattern": "runner.json", "sizes": ["8": 1]]]]))
        #expect(again.status == 200 && (try? again.json())?["parts_left"] as? Int == 80, "\(again.text)")
        let lines = Set(((try again.json()["remaining"] as? [[String: Any]]) ?? []).compactMap { $0["order_line"] as? Int })
        #expect(lines == [0, 1, 2], "\(lines)")
    }

    @Test func badLinesAreRefusedWithTheLineNamedAndChangeNothing() throws {
        let server = try Server(data: try Harness.temporaryFolder(), arguments: ["--workers", "0", "--max-parts", "400"])
        defer { server.stop() }
        let id = try #require(try Orders.post(server, "api/orders", try Self.onePair()).json()["id"] as? Int)
        let cases: [(Any, String)] = [
            (["order": [["pattern": "boot.json", "sizes": ["8": 1]]]], #"lines: order[0] pattern: \"boot.json\" is not a pattern of this order"#),
            (["order": [["pattern": "runner.json", "sizes": ["8": 1]], ["pattern": "runner.json", "sizes": ["13": 1]]]],
             #"lines: order[1] sizes \"13\": size is not in the size run"#),
            (["order": [["pattern": "runner.json"]]], "lines: order[0] sizes: missing"),
            (["lines": [["pattern": "runner.json", "sizes": ["8": 1]]]], "lines: order: give the lines to add"),
            (["order": [["pattern": "runner.json", "sizes": ["8": 30]]]], "more than the limit of 400 per job"),
        ]
        for (body, message) in cases {
            let reply = try OrderLinesTests.add(server, order: id, try Self.lines(body))
            #expect(reply.status == 400 && reply.text.contains(message), "\(reply.text)")
        }
        let garbage = try Self.add(server, order: id, Data("[1, 2".utf8))
        #expect(garbage.status == 400 && garbage.text.contains("lines: "), "\(garbage.text)")
        #expect(try Self.add(server, order: 99, try Self.lines(["order": [["pattern": "runner.json", "sizes": ["8": 1]]]])).status == 404)
        let order = try Orders.get(server, "api/orders/\(id)")
        #expect(order["parts_left"] as? Int == 16, "\(order)")
    }
}
