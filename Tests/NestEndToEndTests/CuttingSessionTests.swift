import Foundation
import NestApp
import NestEngine
import NestModel
import NestOutput
import NestRender
import Testing

/// `nest JOB.json --remaining STATE.json`: a cutting session. The order is opened on the
/// first hide (the state made from the whole order), each run nests the hide on the table
/// against what is left and books its placed parts off, hide after hide until the order is
/// complete; a state of another job, or of a complete order, is refused, and so is a state
/// asking for parts the order does not, or a second session while one runs on the state.
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

    /// A state of the open order as a run opens it, edited by `edit`, written to `name`.
    static func editedState(in folder: URL, name: String, _ edit: (inout [String: Any]) -> Void) throws -> URL {
        let opened = folder.appendingPathComponent("opened-\(name)")
        let run = try Harness.nest([try job(in: folder, hide: "calf-01").path, "-o", folder.appendingPathComponent("open-\(name)").path,
                                    "--remaining", opened.path] + options)
        #expect(run.status == 0, "\(run.stderr)")
        var state = try json(opened)
        edit(&state)
        let url = folder.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: state).write(to: url)
        return url
    }

    @Test func aStateAskingForWhatTheOrderDoesNotIsRefused() throws {
        let f = try Harness.temporaryFolder()
        func entry0(_ state: inout [String: Any], _ key: String, _ value: Any) {
            var remaining = state["remaining"] as? [[String: Any]] ?? []
            remaining[0][key] = value
            state["remaining"] = remaining
            // Keep parts_left true to the entries, so only the entry itself is wrong.
            state["parts_left"] = remaining.reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
        }
        let cases: [(String, (inout [String: Any]) -> Void, [String])] = [
            ("count.json", { entry0(&$0, "count", 999_999) }, ["remaining[0]", "999999", "more than the order asks for"]),
            ("panel.json", { entry0(&$0, "panel", "nonexistent") }, ["remaining[0]", "no panel \"nonexistent\""]),
            ("size.json", { entry0(&$0, "size", "99") }, ["remaining[0]", "no size \"99\""]),
            ("line.json", { entry0(&$0, "order_line", 7) }, ["remaining[0]", "no order line 7"]),
            ("parts-left.json", { $0["parts_left"] = ($0["parts_left"] as? Int ?? 0) + 1 }, ["parts_left", "disagrees"]),
        ]
        for (name, edit, words) in cases {
            let state = try Self.editedState(in: f, name: name, edit)
            let before = try Data(contentsOf: state)
            let out = f.appendingPathComponent("out-\(name)")
            let run = try Harness.nest([try Self.job(in: f, hide: "calf-01").path, "-o", out.path, "--remaining", state.path] + Self.options)
            #expect(run.status == 1, "\(name): \(run.stderr)")
            // One line, naming the state file as given (not just its base name) and the entry.
            #expect(run.stderr.hasPrefix("nest: error: \(state.path): "), "\(name): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(name): \(run.stderr)")
            for w in words { #expect(run.stderr.contains(w), "\(name): \(run.stderr)") }
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(name): nothing is written")
            #expect(try Data(contentsOf: state) == before, "\(name): the state is left as it was")
        }
    }

    /// True when process `pid` holds a `flock` lock on the file at `path` (Linux `/proc/locks`:
    /// `1: FLOCK  ADVISORY  WRITE PID MAJOR:MINOR:INODE 0 EOF`).
    static func holdsLock(pid: Int32, on path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return false }
        return locks.split(separator: "\n").contains { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            return f.count >= 6 && f[1] == "FLOCK" && f[4] == "\(pid)" && f[5].hasSuffix(":\(info.st_ino)")
        }
    }

    /// Two sessions on one state: while the first runs (it optimizes until Ctrl-C, and holds
    /// the state's lock, seen in `/proc/locks`: nothing depends on timing), a second is refused at once
    /// and writes nothing; the first then books its hide, and the lock file left behind
    /// does not stop the next session.
    @Test func aSecondSessionOnTheSameStateIsRefusedWhileOneRuns() throws {
        let f = try Harness.temporaryFolder()
        let state = f.appendingPathComponent("order-state.json")
        // The first session, until Ctrl-C (its progress, logged, says when it optimizes).
        let first = Process(), log = f.appendingPathComponent("first.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        first.executableURL = Harness.executable
        first.arguments = [try Self.job(in: f, hide: "cow-side-01").path, "-o", f.appendingPathComponent("first").path,
                           "--remaining", state.path, "--samples", "40", "--iterations", "100000000", "--toolpath", "none",
                           "--tickets", "none", "--threads", "1"]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = try FileHandle(forWritingTo: log)
        try first.run()
        defer { if first.isRunning { first.terminate() } }
        func logged() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        let end = Date().addingTimeInterval(300)
        while first.isRunning, !logged().contains("optimizing"), Date() < end { usleep(20_000) }
        try #require(first.isRunning && logged().contains("optimizing"), "\(logged())")
        let lock = state.path + ".lock"
        #expect(Self.holdsLock(pid: first.processIdentifier, on: lock), "the first session holds \(lock)")

        let second = f.appendingPathComponent("second")
        let refused = try Harness.nest([try Self.job(in: f, hide: "calf-01").path, "-o", second.path, "--remaining", state.path]
                                       + Self.options)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("nest: error: \(state.path): ") && refused.stderr.contains("another cutting session is running"),
                "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: second.path), "the refused session writes no nest")
        #expect(!FileManager.default.fileExists(atPath: state.path), "nor a state: the first has not booked yet")

        // Ctrl-C: the first stops, writes its best nest and books it.
        first.interrupt()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\(logged())")
        let booked = try Self.json(state)
        #expect((booked["cut"] as? [Any])?.count == 1, "\(booked)")
        let left = try #require(booked["parts_left"] as? Int)
        #expect(left < 320)

        // The lock file stays (removing it would race); the next session runs and books.
        #expect(FileManager.default.fileExists(atPath: lock))
        let next = try Harness.nest([try Self.job(in: f, hide: "calf-01").path, "-o", second.path, "--remaining", state.path]
                                    + Self.options)
        #expect(next.status == 0, "\(next.stderr)")
        #expect((try Self.json(state)["cut"] as? [Any])?.count == 2)
    }

    /// Rewrites the state file once the nest is being written, as a program that does not
    /// take the lock might.
    struct StateRewriter: NestListener {
        let path: String
        let text: String
        func progress(_ update: NestProgress) {}
        func step(_ name: String) {
            if name.hasPrefix("writing") { try? Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        }
    }

    /// The state is checked to be unchanged before booking: a state changed under the run
    /// is not overwritten; the run fails (exit 2) saying the nest was written but not booked.
    @Test func aStateChangedWhileTheSessionRanIsNotOverwritten() throws {
        let f = try Harness.temporaryFolder()
        let state = try Self.editedState(in: f, name: "state.json") { _ in }
        var changed = try Self.json(state)
        changed["cut"] = ((changed["cut"] as? [Any]) ?? []) + [["stock": "booked-meanwhile", "parts": 1]]
        let changedText = String(decoding: try JSONSerialization.data(withJSONObject: changed), as: UTF8.self)
        let out = f.appendingPathComponent("out")
        var options = RunOptions(jobPath: try Self.job(in: f, hide: "calf-01").path, outputDirectory: out.path,
                                 search: SearchOverrides(samples: 40, iterations: 0), threads: 1, toolpathFormats: [])
        options.remainingPath = state.path
        options.print.tickets = .none
        #expect {
            _ = try JobRun(options: options).run(listener: StateRewriter(path: state.path, text: changedText))
        } throws: { error in
            let failure = RunFailure(error, jobPath: options.jobPath)
            return failure.exitStatus == 2 && failure.message.hasPrefix("\(state.path): ")
                && failure.message.contains("the nest was written, but not booked")
        }
        #expect(String(decoding: try Data(contentsOf: state), as: UTF8.self) == changedText, "the change is kept")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
    }
}
