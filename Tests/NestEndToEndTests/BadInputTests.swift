import Foundation
import NestModel
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

    func expectRefused(_ job: URL, _ fragments: [String], extra: [String] = []) throws {
        let out = job.deletingLastPathComponent().appendingPathComponent("out")
        let run = try Harness.nest([job.path, "-o", out.path, "--quiet"] + extra)
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

    /// Sizes are given to a tenth of a millimetre: the usable square inside a 1 mm margin of
    /// a square sheet is exactly 78 mm (a sheet's rectangle shrinks exactly, since
    /// 2026-12-07; the conservative round offset made it 77.9 mm); a hide of another
    /// outline is shrunk conservatively, a little more than the margin.
    @Test func panelLargerThanEveryHide() throws {
        let f = try Harness.temporaryFolder()
        try expectRefused(try Self.job(in: f, hide: "[[0,0],[80,0],[80,80],[0,80]]"),
                          ["job.json", "\"vamp\"", "larger than every piece of stock", "h 80×80 mm, usable 78×78 mm"])
        let g = try Harness.temporaryFolder()
        try expectRefused(try Self.job(in: g, hide: "[[0,0],[80,0],[80,80],[40,81],[0,80]]"),
                          ["job.json", "\"vamp\"", "larger than every piece of stock", "usable 77.9×"])
    }

    /// A hide whose defect covers it all is not "too small": the message says what covers it.
    @Test func hideCoveredByItsDefects() throws {
        let f = try Harness.temporaryFolder()
        let covered = #"[[0,0],[1000,0],[1000,800],[0,800]], "defects": [{"kind": "scar", "outline": [[-10,-10],[1010,-10],[1010,810],[-10,810]]}]"#
        try expectRefused(try Self.job(in: f, hide: covered), ["job.json", "\"vamp\"", "no usable leather, its margin, holes and defects cover it"])
    }

    /// A roll with less left on it than a panel's length says so, not that it is too narrow
    /// (found by `Benchmarks/random_rolls.py`, job 42: "299 mm wide, 0 mm inside the margins").
    @Test func rollShorterThanAPanel() throws {
        let f = try Harness.temporaryFolder()
        _ = try Self.job(in: f, patternOutline: "[[0,0],[100,0],[100,50],[0,50]]")
        let roll = #"{"roll": {"name": "r", "material": "leather", "width": 300, "max_length": 60}}"#
        let url = f.appendingPathComponent("job.json")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: #"{"hides": [{"name": "h", "material": "leather", "outline": [[0,0],[1000,0],[1000,800],[0,800]]}]}"#, with: roll)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try expectRefused(url, ["job.json", "\"vamp\"", "r 300 mm wide, 60 mm long (its max_length), 298×58 mm inside the margins"])
        let shorter = text.replacingOccurrences(of: #""max_length": 60"#, with: #""max_length": 1.5"#)
        try shorter.write(to: url, atomically: true, encoding: .utf8)
        try expectRefused(url, ["r 300 mm wide, 1.5 mm long (its max_length): nothing left inside the margins"])
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

/// Machine profiles and toolpath options through the real command.
struct ToolpathOptionTests {
    @Test func badMachineProfileIsRefusedBeforeNesting() throws {
        let f = try Harness.temporaryFolder()
        let job = try BadInputTests.job(in: f)
        let machine = f.appendingPathComponent("machine.json")
        try #"{"format": "nest-machine/1", "name": "m", "cut_speed": 0, "travel_speed": 500, "acceleration": 2000}"#
            .write(to: machine, atomically: true, encoding: .utf8)
        try BadInputTests().expectRefused(job, ["machine.json", "cut_speed", "positive"], extra: ["--machine", machine.path])
    }

    @Test func unknownToolpathFormatIsRefused() throws {
        let run = try Harness.nest(["Patterns/hide.json", "--toolpath", "plt,svg", "--quiet"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("svg") && run.stderr.contains("plt, nc, dxf"))
    }

    /// Names reach the G-code only inside its title comment, on one line: a job or hide
    /// name holding line breaks cannot put a command of its own on the machine.
    @Test func namesWithLineBreaksNeverBecomeMachineCommands() throws {
        let folder = try Harness.temporaryFolder()
        let url = try BadInputTests.job(in: folder)
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: #"{"format": "nest-job/1","#, with: #"{"format": "nest-job/1", "name": "job)\nG0 X-500 Y-500\n(","#)
            .replacingOccurrences(of: #""name": "h""#, with: #""name": "h\r\nM5\u2028G0 X9""#)
        try text.write(to: url, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try Harness.nest([url.path, "-o", out.path, "--iterations", "0", "--quiet",
                                    "--machine", "Patterns/machines/knife-gcode.json", "--toolpath", "nc"])
        #expect(run.status == 0, "\(run.stderr)")
        let nc = try String(contentsOf: out.appendingPathComponent("sheet-01.nc"), encoding: .utf8)
        let lines = nc.split(separator: "\n", omittingEmptySubsequences: false)
        let title = String(lines[0])
        #expect(title.hasPrefix("(nest job] G0 X-500 Y-500 [ sheet 1 of 1: h  M5 G0 X9") && title.hasSuffix(")"), "\(title)")
        #expect(title.dropFirst().dropLast().allSatisfy { $0 != "(" && $0 != ")" && $0.isASCII && !$0.isNewline })
        #expect(!lines.dropFirst().contains { $0.hasPrefix("G0 X-500") || $0.hasPrefix("G0 X9") || $0 == "M5" }, "\(nc)")
        #expect(!nc.contains("\r") && !nc.contains("\u{2028}"))
    }

    @Test func rollWithTheGCodeKnifeIsCutInWindowsAndNoneWritesNoToolpath() throws {
        let out = try Harness.temporaryFolder()
        let run = try Harness.nest(["Patterns/mesh-roll.json", "-o", out.path, "--samples", "20", "--iterations", "0", "--quiet",
                                    "--machine", "Patterns/machines/knife-gcode.json", "--toolpath", "nc"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let sheet = try #require((report["sheets"] as? [[String: Any]])?.first)
        let toolpath = try #require(sheet["toolpath"] as? [String: Any])
        #expect((toolpath["windows"] as? Int ?? 0) > 1)
        #expect(toolpath["machine"] as? String == "conveyor knife cutter, ISO G-code")
        let nc = try String(contentsOf: out.appendingPathComponent("sheet-01.nc"), encoding: .utf8)
        #expect(nc.contains("M100 P") && nc.contains("G1 Z-0.5 F600"))
        // Each window on the 1 600 mm table after its advance; the whole roll cut once.
        var tableX = 0.0
        ToolpathFiles.check(ToolpathFiles.gcode(nc, table: &tableX), sheet: sheet, tolerance: 0.005 * 3 + 1e-6, format: "sheet-01.nc")
        #expect(tableX <= 1600 + 0.005 && tableX > 1000, "the table's x reaches \(tableX)")
        let rollLength = ((sheet["outline"] as? [[Double]]) ?? []).map { $0[0] }.max() ?? 0
        #expect(rollLength > 1600, "a roll longer than the table")
        #expect(nc.hasSuffix("G0 X0 Y0\nM30\n"), "home on the table as the last window left it")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sheet-01.plt").path))

        // --toolpath none: no toolpath files, no toolpath in the report, and stale ones removed.
        let again = try Harness.nest(["Patterns/mesh-roll.json", "-o", out.path, "--samples", "20", "--iterations", "0", "--quiet", "--toolpath", "none"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sheet-01.nc").path))
        let text = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(!text.contains("\"toolpath\""))
    }
}
