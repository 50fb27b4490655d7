import Foundation
import Testing

/// Bad input through the real command: a non-zero exit, one line naming file, item and
/// problem, and no report written.
struct BadInputTests {
    static func job(in folder: URL, hide: String = "[[0,0],[1000,0],[1000,800],[0,800]]", patternOutline: String = "[[0,0],[100,0],[100,50],[0,50]]",
                    pattern: String = "pattern.json") throws -> URL {
        let p = """
            {"format": "nest-pattern/1", "model": "t", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "vamp", "material": "leather", "outline": \(patternOutline), "quantity": 2, "mirrored_pairs": true}]}
            """
        try p.write(to: folder.appendingPathComponent("pattern.json"), atomically: true, encoding: .utf8)
        let j = """
            {"format": "nest-job/1", "stock": {"hides": [{"name": "h", "material": "leather", "outline": \(hide)}]},
             "order": [{"pattern": "\(pattern)", "sizes": {"9": 1}}], "spacing": 1, "margin": 1, "iterations": 20}
            """
        let url = folder.appendingPathComponent("job.json")
        try j.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func expectRefused(_ job: URL, _ fragments: [String]) throws {
        let out = job.deletingLastPathComponent().appendingPathComponent("out")
        let run = try Harness.nest([job.path, "-o", out.path, "--quiet"])
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        for f in fragments { #expect(run.stderr.contains(f), "\(run.stderr) lacks \(f)") }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
    }

    @Test func selfIntersectingPanel() throws {
        let f = try Harness.temporaryFolder()
        try expectRefused(try Self.job(in: f, patternOutline: "[[0,0],[100,50],[100,0],[0,50]]"),
                          ["pattern.json", "\"vamp\"", "self-intersection", "(50, 25)"])
    }

    @Test func panelLargerThanEveryHide() throws {
        let f = try Harness.temporaryFolder()
        try expectRefused(try Self.job(in: f, hide: "[[0,0],[80,0],[80,80],[0,80]]"),
                          ["job.json", "\"vamp\"", "larger than every piece of stock"])
    }

    @Test func missingPatternFile() throws {
        let f = try Harness.temporaryFolder()
        try expectRefused(try Self.job(in: f, pattern: "absent.json"), ["absent.json", "cannot read"])
    }

    @Test func malformedJob() throws {
        let f = try Harness.temporaryFolder()
        let url = f.appendingPathComponent("job.json")
        try "{ \"stock\": [".write(to: url, atomically: true, encoding: .utf8)
        try expectRefused(url, ["job.json", "JSON"])
    }

    @Test func missingJobFile() throws {
        let run = try Harness.nest(["/nonexistent/job.json", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/job.json"))
    }

    @Test func badOptionsAreRefusedByTheParser() throws {
        let run = try Harness.nest(["Patterns/hide.json", "--samples", "0"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--samples"))
    }
}
