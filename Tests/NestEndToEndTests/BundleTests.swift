import Foundation
import NestGeometry
import NestIO
import Testing

/// `nest bundle`: a job with every file inlined nests exactly as the job does, needs
/// nothing beside it, and a bundle that names a file is refused when read on its own.
struct BundleTests {
    @Test(arguments: ["hide.json", "mesh-roll.json", "hide-open-order.json"])
    func aBundleNestsAsItsJobDoes(_ name: String) throws {
        let f = try Harness.temporaryFolder()
        let bundle = f.appendingPathComponent("bundle.json")
        let made = try Harness.nest(["bundle", "Patterns/\(name)", "-o", bundle.path])
        #expect(made.status == 0, "\(made.stderr)")
        // Alone in its folder, nothing beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.path) == ["bundle.json"])
        let options = ["--iterations", "60", "--toolpath", "none", "--tickets", "none", "--quiet"]
        let a = try Harness.nest(["Patterns/\(name)", "-o", f.appendingPathComponent("job").path] + options)
        let b = try Harness.nest([bundle.path, "-o", f.appendingPathComponent("bundled").path] + options)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        let reportA = try Data(contentsOf: f.appendingPathComponent("job/report.json"))
        let reportB = try Data(contentsOf: f.appendingPathComponent("bundled/report.json"))
        #expect(reportA == reportB, "the bundle's report differs from the job's")
        // The same job bundles to the same bytes.
        let again = try Harness.nest(["bundle", "Patterns/\(name)"])
        #expect(again.stdout == (try String(contentsOf: bundle, encoding: .utf8)))
    }

    @Test func aBundleOfADXFPatternCarriesTheImportedPieces() throws {
        let f = try Harness.temporaryFolder()
        let dxf = Harness.packageRoot.appendingPathComponent("Tests/NestIOTests/Files/cad-real/accumark-clo/WM_SLIM_TANK.DXF").path
        let job = f.appendingPathComponent("job.json")
        try """
            {"format": "nest-job/1", "name": "tanks", "stock": {"roll": {"name": "r", "material": "fabric", "units": "mm", "width": 1600, "max_length": 9000}},
             "order": [{"pattern": "\(dxf)", "sizes": {"36": 1}}], "iterations": 50}
            """.write(to: job, atomically: true, encoding: .utf8)
        let run = try Harness.nest(["bundle", job.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("unfolded"), "the readers' notes reach the user")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let order = try #require(document["order"] as? [[String: Any]])
        #expect(order[0]["source"] as? String == dxf)
        #expect((order[0]["pattern"] as? [String: Any])?["format"] as? String == "nest-pattern/1")

        // It nests as the job does, byte for byte: the imported curves' points written
        // exactly, the importer's notes carried along (`import_notes`).
        let bundle = f.appendingPathComponent("bundle.json")
        try run.stdout.write(to: bundle, atomically: true, encoding: .utf8)
        let options = ["--iterations", "30", "--toolpath", "none", "--tickets", "none", "--quiet"]
        let a = try Harness.nest([job.path, "-o", f.appendingPathComponent("job").path] + options)
        let b = try Harness.nest([bundle.path, "-o", f.appendingPathComponent("bundled").path] + options)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        let reportA = try String(contentsOf: f.appendingPathComponent("job/report.json"), encoding: .utf8)
        let reportB = try String(contentsOf: f.appendingPathComponent("bundled/report.json"), encoding: .utf8)
        #expect(reportA.contains("unfolded"), "the job's report keeps the importer's notes")
        #expect(reportA == reportB, "the bundle's report differs from the job's")
    }

    @Test func aJobReadOnItsOwnMayNameNoFile() throws {
        let data = Data(#"{"format": "nest-job/1", "stock": {"roll": "rolls/mesh-1400.json"}, "order": []}"#.utf8)
        do {
            _ = try JobReader.read(bundle: data, file: "request", kernel: try GeometryKernel())
            Issue.record("a job naming a file was read on its own")
        } catch let e as InputError {
            #expect(e.file == "request" && e.item == "stock.roll" && e.problem.contains("nest bundle"), "\(e)")
        }
        let bad = try Harness.nest(["bundle", "Patterns/no-such-job.json"])
        #expect(bad.status == 1 && bad.stdout.isEmpty && bad.stderr.contains("no-such-job.json"))
    }
}
