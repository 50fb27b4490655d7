import Foundation
import Testing

/// `nest JOB.json --remaining STATE.json`: a cutting session. The order is opened on the
/// first hide (the state made from the whole order), each run nests the hide on the table
/// against what is left and books its placed parts off, hide after hide until the order is
/// complete; a state of another job, or of a complete order, is refused.
struct CuttingSessionTests {
    static let options = ["--samples", "40", "--iterations", "0", "--toolpath", "none", "--tickets", "none", "--quiet", "--threads", "1"]

    /// The shipped open order (20 pairs of the runner, more than one cow side holds), with
    /// the hide on the table as its only stock.
    static func job(in folder: URL, hide: String) throws -> URL {
        let patterns = Harness.packageRoot.appendingPathComponent("Patterns")
        var job = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: patterns.appendingPathComponent("hide-open-order.json"))) as? [String: Any])
        job["stock"] = ["hides": [patterns.appendingPathComponent("hides/\(hide).json").path]]
        var order = try #require(job["order"] as? [[String: Any]])
        order[0]["pattern"] = patterns.appendingPathComponent("runner.json").path
        job["order"] = order
        let url = folder.appendingPathComponent("table-\(hide).json")
        try JSONSerialization.data(withJSONObject: job).write(to: url)
        return url
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Parts left per kind ("line|size|panel|side").
    static func left(_ state: [String: Any]) -> [String: Int] {
        var out: [String: Int] = [:]
        for e in (state["remaining"] as? [[String: Any]]) ?? [] {
            out["\(e["order_line"] ?? "")|\(e["size"] ?? "")|\(e["panel"] ?? "")|\(e["side"] ?? "")"] = e["count"] as? Int
        }
        return out
    }

    @Test func hideAfterHideTheOrderIsCutAndBookedOff() throws {
        let f = try Harness.temporaryFolder()
        let state = f.appendingPathComponent("order-state.json")
        var before: [String: Int]?
        var total = 0
        var booked = 0
        // The hides that come to the table (the same cow side, as if its twins came in turn).
        let hides = Array(repeating: "cow-side-01", count: 6)
        var complete = false
        for (n, hide) in hides.enumerated() where !complete {
            let job = try Self.job(in: f, hide: hide)
            let out = f.appendingPathComponent("hide-\(n + 1)")
            let run = try Harness.nest([job.path, "-o", out.path, "--remaining", state.path] + Self.options)
            #expect(run.status == 0, "hide \(n + 1): \(run.stderr)")
            let report = try Self.json(out.appendingPathComponent("report.json"))
            let checked = try Harness.verify(out.appendingPathComponent("report.json"))
            #expect(checked.status == 0, "\(checked.stdout)")
            let after = try Self.json(state)
            #expect(after["format"] as? String == "nest-order-state/1")
            let now = Self.left(after)
            let placed = ((report["sheets"] as? [[String: Any]]) ?? []).flatMap { ($0["placements"] as? [[String: Any]]) ?? [] }
            #expect(!placed.isEmpty, "hide \(n + 1) holds parts of what is left")
            if n == 0 {
                // The first run opens the order: the report holds every part of it.
                total = (report["parts_placed"] as? Int ?? 0) + ((report["unplaced"] as? [Any])?.count ?? 0)
                #expect(total == 320, "20 pairs of shoes, 8 leather panels, left and right")
            } else {
                // Later runs nest only what was left: each kind at most as often as it was left.
                var kinds: [String: Int] = [:]
                for p in placed { kinds["0|\(p["size"] ?? "")|\(p["part"] ?? "")|\(p["side"] ?? "")", default: 0] += 1 }
                for (kind, count) in kinds { #expect(count <= before?[kind] ?? 0, "hide \(n + 1): \(count) \(kind) placed, \(before?[kind] ?? 0) left") }
                let asked = (report["parts_placed"] as? Int ?? 0) + ((report["unplaced"] as? [Any])?.count ?? 0)
                #expect(asked == before?.values.reduce(0, +), "the run asks for exactly what was left")
            }
            booked += placed.count
            #expect(after["parts_left"] as? Int == total - booked, "booked \(booked) of \(total)")
            #expect((after["cut"] as? [Any])?.count == n + 1)
            before = now
            complete = total - booked == 0
        }
        #expect(complete, "six cow sides cut the 320 parts")
        // A complete order is refused, with the state named.
        let again = try Harness.nest([try Self.job(in: f, hide: "calf-01").path, "-o", f.appendingPathComponent("again").path,
                                      "--remaining", state.path] + Self.options)
        #expect(again.status == 1)
        #expect(again.stderr.contains("order-state.json") && again.stderr.contains("nothing is left"), "\(again.stderr)")
    }

    @Test func aStateOfAnotherJobIsRefused() throws {
        let f = try Harness.temporaryFolder()
        let state = f.appendingPathComponent("state.json")
        try #"{"format": "nest-order-state/1", "job": "another", "remaining": [{"order_line": 0, "size": "8", "panel": "vamp", "side": "L", "count": 1}]}"#
            .write(to: state, atomically: true, encoding: .utf8)
        let run = try Harness.nest([try Self.job(in: f, hide: "calf-01").path, "-o", f.appendingPathComponent("o").path,
                                    "--remaining", state.path] + Self.options)
        #expect(run.status == 1)
        #expect(run.stderr.contains("state.json") && run.stderr.contains("another"), "\(run.stderr)")
        let broken = f.appendingPathComponent("broken.json")
        try #"{"format": "nest-order-state/1", "job": "hide-open-order", "remaining": [{"order_line": 0, "size": "8", "panel": "vamp", "side": "X", "count": 1}]}"#
            .write(to: broken, atomically: true, encoding: .utf8)
        let bad = try Harness.nest([try Self.job(in: f, hide: "calf-01").path, "-o", f.appendingPathComponent("p").path,
                                    "--remaining", broken.path] + Self.options)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("remaining[0]"), "\(bad.stderr)")
    }
}
