import Foundation
import NestIO
import Testing

/// `nest batch` through the real command, and the input caps and path rules: hostile
/// input ends in one clear line and exit status 1, never in hours of work.
struct BatchAndLimitsTests {
    @Test func batchNestsEveryJobAndReportsTheBadOne() throws {
        let folder = try Harness.temporaryFolder()
        let good = try BadInputTests.job(in: folder)
        let bad = folder.appendingPathComponent("broken.json")
        try "{\"format\": \"nest-job/1\", \"stock\": ".write(to: bad, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("batch")
        let run = try Harness.nest(["batch", good.path, bad.path, good.path, "--jobs", "2", "-o", out.path, "--samples", "10", "--quiet"])
        #expect(run.status == 1, "\(run.stderr)")  // one job failed
        #expect(run.stderr.contains("broken.json"))
        for name in ["job", "job-2"] {
            let check = try Harness.verify(out.appendingPathComponent(name).appendingPathComponent("report.json"))
            #expect(check.status == 0, "\(check.stdout)")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("batch.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "job,sheets,yield_percent,unplaced,seconds,status,error")
        #expect(csv.count == 4)
        #expect(csv[1].contains(",ok,") && csv[3].contains(",ok,"))
        #expect(csv[2].contains("input error") && csv[2].contains("broken.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("batch.json"))) as? [String: Any])
        let jobs = try #require(summary["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["status"] as? String } == ["ok", "input error", "ok"])
        #expect(jobs[0]["sheets"] as? Int == 1)
        // The same job twice gives the same report: the batch runs each job as `nest` would.
        #expect(try Data(contentsOf: out.appendingPathComponent("job/report.json"))
            == Data(contentsOf: out.appendingPathComponent("job-2/report.json")))
    }

    func expectRefused(_ arguments: [String], _ fragments: [String]) throws {
        let run = try Harness.nest(arguments + ["--quiet"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        for f in fragments { #expect(run.stderr.contains(f), "\(run.stderr) lacks \(f)") }
    }

    @Test func aMillionVertexOutlineIsRefusedAtOnce() throws {
        let folder = try Harness.temporaryFolder()
        let points = (0..<1_000_000).map { k -> String in
            let a = Double(k) / 1_000_000 * 2 * Double.pi
            return String(format: "[%.4f,%.4f]", 50 + 40 * cos(a), 50 + 40 * sin(a))
        }.joined(separator: ",")
        let job = try BadInputTests.job(in: folder, patternOutline: "[\(points)]")
        let started = Date()
        try expectRefused([job.path, "-o", folder.appendingPathComponent("out").path],
                          ["pattern.json", "1000000 points", "limit of 20000", "--max-vertices"])
        #expect(Date().timeIntervalSince(started) < 120)
    }

    @Test func capsOnPartsAndFileSizeAreConfigurable() throws {
        let folder = try Harness.temporaryFolder()
        let job = try BadInputTests.job(in: folder)
        let out = folder.appendingPathComponent("out").path
        try expectRefused([job.path, "-o", out, "--max-parts", "1"], ["order", "2 parts", "limit of 1", "--max-parts"])
        let big = folder.appendingPathComponent("big.json")
        try Data(repeating: 0x20, count: 2 << 20).write(to: big)
        try expectRefused([big.path, "-o", out, "--max-file-mb", "1"], ["big.json", "limit of 1048576", "--max-file-mb"])
        try expectRefused([job.path, "-o", out, "--max-vertices", "3"], ["4 points", "limit of 3", "--max-vertices"])
    }

    @Test func jobPathsMustBeRegularFilesAndNamesStayInTheOutputFolder() throws {
        let folder = try Harness.temporaryFolder()
        _ = try BadInputTests.job(in: folder, pattern: "/dev/zero")
        try expectRefused([folder.appendingPathComponent("job.json").path, "-o", folder.appendingPathComponent("out").path],
                          ["/dev/zero", "not a regular file"])
        _ = try BadInputTests.job(in: folder, pattern: ".")
        try expectRefused([folder.appendingPathComponent("job.json").path, "-o", folder.appendingPathComponent("out").path],
                          ["not a regular file"])
        // A job named to climb out of Output/ is refused before anything is written.
        let job = try BadInputTests.job(in: folder)
        var text = try String(contentsOf: job, encoding: .utf8)
        text = text.replacingOccurrences(of: "{\"format\": \"nest-job/1\",", with: "{\"format\": \"nest-job/1\", \"name\": \"../../escaped\",")
        try text.write(to: job, atomically: true, encoding: .utf8)
        try expectRefused([job.path], ["name", "cannot name an output folder"])
        #expect(!FileManager.default.fileExists(atPath: Harness.packageRoot.deletingLastPathComponent().appendingPathComponent("escaped").path))
    }

    /// One-character names, relative to the working folder: Foundation's
    /// `deletingLastPathComponent` trapped on them (`nest j -o o` crashed with SIGILL).
    @Test func oneCharacterJobAndOutputNamesWork() throws {
        let folder = try Harness.temporaryFolder()
        let job = try BadInputTests.job(in: folder)
        try FileManager.default.moveItem(at: job, to: folder.appendingPathComponent("j"))
        let run = try Harness.run(Harness.executable, ["j", "-o", "o", "--samples", "10", "--iterations", "0", "--quiet",
                                                       "--toolpath", "none", "--tickets", "none"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("o/report.json").path))
        #expect(PathParts.folder(of: "o") == "" && PathParts.name(of: "o") == "o")
        #expect(PathParts.folder(of: "/o") == "/" && PathParts.folder(of: "a/b/") == "a" && PathParts.name(of: "a/b/") == "b")
    }

    /// An output folder that cannot be made is not bad input: `nest` and `nest batch` both exit 2
    /// with one line naming the folder, and write nothing.
    @Test func anUnwritableOutputFolderExitsTwoInBothCommands() throws {
        let folder = try Harness.temporaryFolder()
        let job = try BadInputTests.job(in: folder)
        let blocker = folder.appendingPathComponent("a-file")
        try "not a folder".write(to: blocker, atomically: true, encoding: .utf8)
        let out = blocker.appendingPathComponent("out").path
        let single = try Harness.nest([job.path, "-o", out, "--samples", "10", "--quiet"])
        #expect(single.status == 2, "\(single.stderr)")
        #expect(single.stderr.split(separator: "\n").count == 1, "\(single.stderr)")
        #expect(single.stderr.hasPrefix("nest: error: ") && single.stderr.contains(out), "\(single.stderr)")
        let batch = try Harness.nest(["batch", job.path, "-o", out, "--samples", "10", "--quiet"])
        #expect(batch.status == 2, "\(batch.stderr)")
        #expect(batch.stderr.contains("a-file"), "\(batch.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a-file", "job.json", "pattern.json"])
    }
}
