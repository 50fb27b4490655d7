import Foundation
import Testing

/// `nest check` and `nest import` through the real command.
struct CheckAndImportTests {
    static let files = Harness.packageRoot.appendingPathComponent("Tests/NestIOTests/Files")

    @Test func shippedAndTestFilesAreClean() throws {
        let run = try Harness.nest(["check", "Patterns/hide.json", "Patterns/mesh-roll.json", "Patterns/runner.json",
                                    "Tests/NestIOTests/Files/aama-curves.dxf", "Tests/NestIOTests/Files/pieces.svg",
                                    "Tests/NestIOTests/Files/graded-vamp.dxf", "Tests/NestIOTests/Files/hide-cm.dxf"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("all 7 file(s) OK"))
    }

    /// A DXF hide with two outlines fails the check, naming both (it used to pass, the
    /// second outline silently dropped).
    @Test func hideWithTwoOutlinesFailsTheCheck() throws {
        let run = try Harness.nest(["check", "Tests/NestIOTests/Files/sweep/hide_two_outlines.dxf"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("hide_two_outlines.dxf: line 2085 LWPOLYLINE on layer \"OUTLINE\": a second hide outline"), "\(run.stdout)")
        #expect(run.stdout.contains("a hide has one outline"), "\(run.stdout)")
    }

    @Test func everyProblemIsListedWithFileItemAndPosition() throws {
        let f = try Harness.temporaryFolder()
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9", "colour": "red",
             "panels": [
               {"name": "bow", "material": "leather", "outline": [[0,0],[100,100],[100,0],[0,100]], "quantity": 2, "quantitiy": 3},
               {"name": "dup", "material": "leather", "outline": [[0,0],[100,0],[100,0],[100,50],[0,50]], "quantity": 2},
               {"name": "thin", "material": "leather", "outline": [[0,0],[100,0],[100,0.2],[0,0.2]], "quantity": 2},
               {"name": "open", "material": "leather", "outline": [[0,0],[100,0],[100,50],[0,50],[0.01,0]], "quantity": 2}
             ]}
            """
        try pattern.write(to: f.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let run = try Harness.nest(["check", f.appendingPathComponent("bad.json").path])
        #expect(run.status == 1)
        for fragment in ["bad.json: colour: unknown key", "panels[0].quantitiy: unknown key", "panels[0] \"bow\": invalid polygon: self-intersection at (50, 50)",
                         "note: \(f.path)/bad.json: panels[1] \"dup\" outline: repeated point (read once): point 2 at (100, 0)", "panels[2] \"thin\" outline: tiny sliver",
                         "panels[3] \"open\" outline: open ring"] {
            #expect(run.stdout.contains(fragment), "missing \(fragment) in\n\(run.stdout)")
        }
    }

    @Test func unitsThatLookWrongAndPartsLargerThanStock() throws {
        let f = try Harness.temporaryFolder()
        // A 25 mm "vamp": drawn in cm but declared mm.
        try """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "vamp", "material": "leather", "outline": [[0,0],[25,0],[25,10],[0,10]], "quantity": 2}]}
            """.write(to: f.appendingPathComponent("small.json"), atomically: true, encoding: .utf8)
        let small = try Harness.nest(["check", f.appendingPathComponent("small.json").path])
        #expect(small.status == 1)
        #expect(small.stdout.contains("units look wrong") && small.stdout.contains("in cm it would be 250 mm"), "\(small.stdout)")

        let job = try BadInputTests.job(in: f, hide: "[[0,0],[80,0],[80,80],[0,80]]")
        let big = try Harness.nest(["check", job.path])
        #expect(big.status == 1)
        #expect(big.stdout.contains("job.json: order[0] panel \"vamp\" size 9: the part (100 × 50 mm) is larger than every piece of stock"), "\(big.stdout)")
    }

    @Test func importWritesNormalizedJSONAndDXFRoundTrips() throws {
        let f = try Harness.temporaryFolder()
        let json = try Harness.nest(["import", "Tests/NestIOTests/Files/aama-curves.dxf", "--to", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"format\": \"nest-pattern/1\"") && json.stdout.contains("\"heel_counter\""))
        let dxf = f.appendingPathComponent("runner.dxf").path
        #expect(try Harness.nest(["import", "Patterns/runner.json", "--to", "dxf", "-o", dxf]).status == 0)
        let back = try Harness.nest(["import", dxf])
        let original = try Harness.nest(["import", "Patterns/runner.json"])
        #expect(back.stdout == original.stdout)
        let hide = try Harness.nest(["import", "Tests/NestIOTests/Files/hide-cm.dxf"])
        #expect(hide.stdout.contains("\"nest-hide/1\"") && hide.stdout.contains("\"scar\""))
        let bad = try Harness.nest(["import", "/nonexistent.dxf"])
        #expect(bad.status == 1 && bad.stderr.contains("/nonexistent.dxf: cannot read"))
    }

    @Test func aJobOfDXFAndSVGFilesNests() throws {
        let f = try Harness.temporaryFolder()
        let job = f.appendingPathComponent("job.json")
        try """
            {"format": "nest-job/1", "stock": {"hides": ["\(Self.files.appendingPathComponent("hide-cm.dxf").path)"]},
             "order": [{"pattern": "\(Self.files.appendingPathComponent("aama-curves.dxf").path)", "sizes": {"42": 1}},
                       {"pattern": "\(Self.files.appendingPathComponent("pieces.svg").path)", "sizes": {"9": 1}}],
             "spacing": 2, "margin": 3, "iterations": 20}
            """.write(to: job, atomically: true, encoding: .utf8)
        let out = f.appendingPathComponent("out")
        let run = try Harness.nest([job.path, "-o", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try Harness.verify(out.appendingPathComponent("report.json"))
        #expect(check.status == 0, "\(check.stdout)")
    }
}
