import Foundation
import Testing

/// Signals through the real command: Ctrl-C stops and writes the best nest so far, marked
/// as interrupted; a second Ctrl-C quits without writing; SIGKILL at any moment leaves the
/// output folder with the previous complete set of files or the new one, never a mix.
/// These tests need the clock (when to send a signal), never for the nest itself.
@Suite(.serialized)
struct InterruptAndKillTests {
    /// A started `nest` whose stderr is collected as it arrives.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var errorText = ""

        init(_ arguments: [String]) throws {
            process.executableURL = Harness.executable
            process.arguments = arguments
            process.currentDirectoryURL = Harness.packageRoot
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            err.fileHandleForReading.readabilityHandler = { [weak self] h in
                let d = h.availableData
                guard let self, !d.isEmpty else { return }
                self.lock.lock()
                self.errorText += String(decoding: d, as: UTF8.self)
                self.lock.unlock()
            }
            try process.run()
        }

        var stderr: String {
            lock.lock()
            defer { lock.unlock() }
            return errorText
        }

        /// Waits until stderr contains `text` (or the process ends, or `seconds` pass).
        func waitFor(_ text: String, seconds: Double) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end, process.isRunning {
                if stderr.contains(text) { return true }
                usleep(20_000)
            }
            return stderr.contains(text)
        }
    }

    static func report(_ folder: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as? [String: Any])
    }

    @Test func ctrlCStopsTheOptimizerAndWritesTheBestNestMarkedInterrupted() throws {
        let out = try Harness.temporaryFolder().appendingPathComponent("out")
        let run = try Running(["Patterns/mesh-roll.json", "-o", out.path, "--samples", "5", "--iterations", "100000000"])
        #expect(run.waitFor("optimizing", seconds: 300), "\(run.stderr)")
        let sent = Date()
        run.process.interrupt()
        run.process.waitUntilExit()
        let seconds = Date().timeIntervalSince(sent)
        #expect(run.process.terminationStatus == 0, "\(run.stderr)")
        #expect(run.stderr.contains("stopping"))
        // Stopping takes well under a second; verifying and writing take the rest (debug build).
        #expect(seconds < 30, "took \(seconds) s after Ctrl-C")
        let statistics = try #require(try Self.report(out)["statistics"] as? [String: Any])
        #expect(statistics["stopped_early"] as? Bool == true)
        #expect(statistics["interrupted"] as? Bool == true)
        let check = try Harness.verify(out.appendingPathComponent("report.json"))
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func aSecondCtrlCQuitsWithoutWriting() throws {
        let out = try Harness.temporaryFolder().appendingPathComponent("out")
        let run = try Running(["Patterns/mesh-roll.json", "-o", out.path, "--samples", "5", "--iterations", "100000000"])
        #expect(run.waitFor("parts tried", seconds: 300), "\(run.stderr)")
        run.process.interrupt()
        #expect(run.waitFor("stopping", seconds: 10))
        run.process.interrupt()
        run.process.waitUntilExit()
        #expect(run.process.terminationStatus == 130, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
    }

    /// A job of `pairs` pairs of a 100 × 50 mm panel on two 300 × 200 mm hides.
    static func smallJob(in folder: URL, name: String, pairs: Int) throws -> URL {
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "vamp", "material": "leather", "outline": [[0,0],[100,0],[100,50],[0,50]], "quantity": 2, "mirrored_pairs": true}]}
            """
        try pattern.write(to: folder.appendingPathComponent("pattern.json"), atomically: true, encoding: .utf8)
        let hide = "{\"material\": \"leather\", \"outline\": [[0,0],[300,0],[300,200],[0,200]]"
        let job = """
            {"format": "nest-job/1", "name": "\(name)",
             "stock": {"hides": [\(hide), "name": "h1"}, \(hide), "name": "h2"}]},
             "order": [{"pattern": "pattern.json", "sizes": {"9": \(pairs)}}], "spacing": 2, "margin": 2, "iterations": 0}
            """
        let url = folder.appendingPathComponent("\(name).json")
        try job.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// File name → bytes (the PDF only by completeness: it carries a creation date).
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            files[name] = name.hasSuffix(".pdf") ? Data() : data
        }
        return files
    }

    static func pdfIsComplete(_ folder: URL) -> Bool {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("cut-sheets.pdf")) else { return false }
        return String(decoding: data.suffix(16), as: UTF8.self).contains("%%EOF")
    }

    @Test func sigkillWhileWritingLeavesTheOldSetOrTheNewSet() throws {
        let root = try Harness.temporaryFolder()
        // Set A: two sheets; set B: one sheet, so a mix would show. Small jobs keep each run
        // short, so that much of it is spent writing.
        let jobA = try Self.smallJob(in: root, name: "a", pairs: 6), jobB = try Self.smallJob(in: root, name: "b", pairs: 2)
        let argsA = [jobA.path, "--samples", "30", "--quiet"]
        let argsB = [jobB.path, "--samples", "30", "--quiet"]
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        // The documents carry the date to the minute: fix it, or runs either side of a
        // minute's turn would differ.
        let env = ["SOURCE_DATE_EPOCH": "1764000000"]
        #expect(try Harness.nest(argsA + ["-o", a.path], environment: env).status == 0)
        let started = Date()
        #expect(try Harness.nest(argsB + ["-o", b.path], environment: env).status == 0)
        let duration = Date().timeIntervalSince(started)
        let setA = try Self.snapshot(a), setB = try Self.snapshot(b)
        #expect(setA.keys.sorted() != setB.keys.sorted())

        let target = root.appendingPathComponent("out")
        var outcomes: [String] = []
        // Kill moments spread over the run, most of them near its end, where it writes.
        for fraction in [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0] {
            try? FileManager.default.removeItem(at: target)
            #expect(try Harness.nest(argsA + ["-o", target.path], environment: env).status == 0)
            let victim = Process()
            victim.executableURL = Harness.executable
            victim.arguments = argsB + ["-o", target.path]
            victim.currentDirectoryURL = Harness.packageRoot
            victim.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            try victim.run()
            usleep(UInt32(duration * fraction * 1_000_000))
            kill(victim.processIdentifier, SIGKILL)
            victim.waitUntilExit()
            let now = try Self.snapshot(target)
            let isA = now == setA, isB = now == setB
            #expect(isA || isB, "after a kill at \(fraction) of the run the folder holds \(now.keys.sorted())")
            #expect(Self.pdfIsComplete(target))
            // A staging folder left behind means the kill came while the run was writing.
            let staged = try FileManager.default.contentsOfDirectory(atPath: root.path).contains { $0.hasPrefix(".out.nest-") }
            outcomes.append((isA ? "old" : isB ? "new" : "mixed") + (staged ? "(writing)" : ""))
        }
        // Staging folders of killed runs are cleaned up by the next run.
        #expect(try Harness.nest(argsB + ["-o", target.path]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".out.nest-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        print("SIGKILL outcomes: \(outcomes.joined(separator: " "))")
    }
}
