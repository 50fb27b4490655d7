import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NestRender
import Testing

/// Every job shipped in Patterns/ nests, passes the independent checker, and writes a PDF
/// with one page per sheet and one SVG per sheet. Small budgets keep the debug build quick.
@Suite(.serialized)
struct SampleJobTests {
    /// Every job file in Patterns/ (found by its format), so a new sample is tested too.
    static let jobs: [String] = {
        let folder = Harness.packageRoot.appendingPathComponent("Patterns")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().filter { name in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.contains("\"nest-job/1\"")
        }.map { "Patterns/\($0)" }
    }()

    @Test func theDefaultJobsAreFound() {
        #expect(Self.jobs.contains("Patterns/hide.json"))
        #expect(Self.jobs.contains("Patterns/mesh-roll.json"))
    }

    @Test(arguments: jobs)
    func sampleJobNestsAndVerifies(job: String) throws {
        let out = try Harness.temporaryFolder()
        let run = try Harness.nest([job, "--output", out.path, "--samples", "20", "--iterations", "5", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = out.appendingPathComponent("report.json")
        let check = try Harness.verify(report)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("OK:"))

        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let sheets = try #require(parsed["sheets"] as? [[String: Any]])
        #expect(!sheets.isEmpty)
        let placed = sheets.reduce(0) { $0 + (($1["placements"] as? [Any])?.count ?? 0) }
        #expect(placed > 0)
        let yield = try #require(parsed["yield_percent"] as? Double)
        #expect(yield > 30 && yield < 100)
        // What the order still lacks comes in the pattern's size order (7.5 before 10), as
        // a cutting room reads it, not sorted as text.
        let open = try #require(parsed["open_order_lines"] as? [[String: Any]])
        let sizes = open.compactMap { $0["size"] as? String }.compactMap(Double.init)
        var ascending = sizes
        ascending.sort()
        #expect(sizes == ascending, "open order sizes: \(sizes)")
        for i in 1...sheets.count {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(String(format: "sheet-%02d.svg", i)).path))
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(String(format: "sheet-%02d.svg", sheets.count + 1)).path))
        let pdf = out.appendingPathComponent("cut-sheets.pdf")
        let pdfinfo = try #require(Harness.which("pdfinfo"), "pdfinfo (poppler-utils) is needed")
        let info = try Harness.run(pdfinfo, [pdf.path])
        #expect(info.status == 0)
        // The cover, then per sheet its overview, toolpath page and parts list.
        // (The cover runs over a second page when many parts are left unplaced.)
        let sheetPages = sheets.reduce(0) { $0 + 2 + PartsListPages.pageCount(parts: (($1["placements"] as? [Any])?.count ?? 0), paper: .a4) }
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        let pages = Int(line?.split(separator: " ").last ?? "") ?? 0
        #expect(pages - sheetPages >= 1 && pages - sheetPages <= 3, "\(info.stdout)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("tickets.pdf").path))
        try checkToolpaths(out, sheets: sheets)
    }

    /// Every sheet's HPGL, G-code and DXF hold each contour of the report once, closed,
    /// cut-outs first, within resolution; the optimized order beats the report's order.
    func checkToolpaths(_ out: URL, sheets: [[String: Any]]) throws {
        for (i, sheet) in sheets.enumerated() {
            let name = String(format: "sheet-%02d", i + 1)
            let read = { (ext: String) in try String(contentsOf: out.appendingPathComponent("\(name).\(ext)"), encoding: .utf8) }
            ToolpathFiles.check(ToolpathFiles.hpgl(try read("plt")), sheet: sheet, tolerance: 0.0125 + 1e-6, format: "\(name).plt")
            ToolpathFiles.check(ToolpathFiles.gcode(try read("nc")), sheet: sheet, tolerance: 0.005 + 1e-6, format: "\(name).nc")
            let dxf = ToolpathFiles.dxf(try read("dxf"))
            #expect(dxf.closed.allSatisfy { $0 })
            #expect(Set(dxf.layers).count == ((sheet["placements"] as? [Any])?.count ?? -1))
            ToolpathFiles.check(dxf.paths, sheet: sheet, tolerance: 0.005 + 1e-6, format: "\(name).dxf")

            let toolpath = try #require(sheet["toolpath"] as? [String: Any])
            let placements = (sheet["placements"] as? [[String: Any]]) ?? []
            #expect((toolpath["order"] as? [Int])?.sorted() == Array(placements.indices))
            #expect((toolpath["knife_lifts"] as? Int) ?? 0 >= placements.count)
            #expect(((toolpath["estimated_seconds"] as? Double) ?? 0) > 0)
            // The report's order, each ring entered at its first point, from the origin and back.
            let outline = (sheet["outline"] as? [[Double]]) ?? []
            let origin = (outline.map { $0[0] }.min() ?? 0, outline.map { $0[1] }.min() ?? 0)
            var here = origin, reportOrder = 0.0
            for p in placements {
                for ring in ((p["holes"] as? [[[Double]]]) ?? []) + [(p["outline"] as? [[Double]]) ?? []] {
                    reportOrder += hypot(ring[0][0] - here.0, ring[0][1] - here.1)
                    here = (ring[0][0], ring[0][1])
                }
            }
            reportOrder += hypot(here.0 - origin.0, here.1 - origin.1)
            let air = try #require(toolpath["air_length_mm"] as? Double)
            #expect(air < 0.5 * reportOrder, "air \(air) mm against \(reportOrder) mm in report order")
        }
    }

    /// Same job, seed and budget: the same bytes in every file, whatever the thread count
    /// (the documents' date fixed by SOURCE_DATE_EPOCH, as for reproducible builds).
    @Test func sameSeedAndBudgetGiveTheSameBytes() throws {
        let a = try Harness.temporaryFolder(), b = try Harness.temporaryFolder(), c = try Harness.temporaryFolder()
        let date = ["SOURCE_DATE_EPOCH": "1700000000"]
        _ = try Harness.nest(["Patterns/hide.json", "-o", a.path, "--samples", "12", "--iterations", "12", "--seed", "3", "--quiet",
                              "--threads", "1"], environment: date)
        _ = try Harness.nest(["Patterns/hide.json", "-o", b.path, "--samples", "12", "--iterations", "12", "--seed", "3", "--quiet",
                              "--threads", "2"], environment: date)
        _ = try Harness.nest(["Patterns/hide.json", "-o", c.path, "--samples", "12", "--iterations", "12", "--seed", "4", "--quiet"],
                             environment: date)
        let ra = try Data(contentsOf: a.appendingPathComponent("report.json"))
        let rc = try Data(contentsOf: c.appendingPathComponent("report.json"))
        #expect(ra != rc)
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(files.contains("cut-sheets.pdf") && files.contains("tickets.pdf") && files.contains("sheet-01.svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: b.path).sorted() == files)
        for name in files where !name.hasPrefix(".") {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func benchmarkInstanceNestsAsARoll() throws {
        let out = try Harness.temporaryFolder()
        let instance = Harness.datasets.appendingPathComponent("esicup/fu.json").path
        let run = try Harness.nest([instance, "-o", out.path, "--samples", "20", "--iterations", "40", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try Harness.verify(out.appendingPathComponent("report.json"))
        #expect(check.status == 0, "\(check.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        #expect(report["parts_ordered"] as? Int == 12)
        #expect((report["unplaced"] as? [Any])?.isEmpty == true)
        #expect(((report["statistics"] as? [String: Any])?["optimizer_iterations"] as? Int) == 40)
    }

    @Test func svgPartsHaveIdsAndAttributes() throws {
        let out = try Harness.temporaryFolder()
        _ = try Harness.nest(["Patterns/mesh-roll.json", "-o", out.path, "--samples", "20", "--iterations", "0", "--quiet"])
        let svg = try String(contentsOf: out.appendingPathComponent("sheet-01.svg"), encoding: .utf8)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let placements = ((report["sheets"] as? [[String: Any]])?.first?["placements"] as? [Any])?.count ?? 0
        #expect(placements > 0)
        #expect(svg.components(separatedBy: "class=\"part\"").count - 1 == placements)
        #expect(svg.contains("id=\"part-1\""))
        #expect(svg.contains("data-panel=\"vamp_lining\""))
        #expect(svg.contains("width=\"") && svg.contains("mm\""))
    }

    /// Names with markup characters are written as entities in the SVG sheet and the HTML
    /// page, and other characters as they are; the sheet stays well-formed XML.
    @Test func svgEscapesMarkupInNames() throws {
        let f = try Harness.temporaryFolder()
        try #"""
            {"format": "nest-pattern/1", "model": "m&m <\"x\">", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "tongue & <liner> \"a\"", "material": "mesh", "outline": [[0,0],[120,0],[120,60],[0,60]], "quantity": 2},
                        {"name": "languette–éà", "material": "mesh", "outline": [[0,0],[80,0],[80,40],[0,40]], "quantity": 1}]}
            """#.write(to: f.appendingPathComponent("pattern.json"), atomically: true, encoding: .utf8)
        try #"""
            {"format": "nest-job/1", "stock": {"roll": {"name": "r", "material": "mesh", "width": 400, "max_length": 2000}},
             "order": [{"pattern": "pattern.json", "sizes": {"9": 1}}], "iterations": 10}
            """#.write(to: f.appendingPathComponent("job.json"), atomically: true, encoding: .utf8)
        let out = f.appendingPathComponent("out")
        let run = try Harness.nest([f.appendingPathComponent("job.json").path, "-o", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out.appendingPathComponent("sheet-01.svg"), encoding: .utf8)
        #expect(svg.contains("data-panel=\"tongue &amp; &lt;liner&gt; &quot;a&quot;\""))
        #expect(svg.contains("data-panel=\"languette–éà\""))
        #expect(!svg.contains("<liner>"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("tongue &amp; &lt;liner&gt;") && !html.contains("<liner>"))
        // Well-formed: an XML parser reads the whole sheet.
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }
}
