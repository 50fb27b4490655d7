import Foundation
import Testing

/// Real AccuMark, ASTM D6673 and CLO exports (Tests/NestIOTests/Files/cad-real, with their
/// provenance) read by `nest import` to the same pieces, sizes and areas as an independent
/// reader (Tests/CADReference/reference_areas.py: ezdxf and shapely, no code shared).
struct RealCADFilesTests {
    static let files = Harness.packageRoot.appendingPathComponent("Tests/NestIOTests/Files")
    static let folder = files.appendingPathComponent("cad-real")
    /// The real exports, and this project's own CR LF, BOM and fold-line style (paths under Files/).
    static let patternFiles = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("accumark-clo").path))?
        .filter { $0.lowercased().hasSuffix(".dxf") }.sorted().map { "cad-real/accumark-clo/\($0)" } ?? []) + ["fold-crlf-bom.dxf"]
    static let drawings = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("drawings").path))?
        .filter { $0.lowercased().hasSuffix(".dxf") }.sorted() ?? []

    /// The area of a ring of JSON points, and of an outline minus its holes.
    static func area(_ ring: Any?) -> Double {
        guard let points = ring as? [[Double]], points.count >= 3 else { return 0 }
        var s = 0.0
        for i in points.indices {
            let a = points[i], b = points[(i + 1) % points.count]
            s += a[0] * b[1] - b[0] * a[1]
        }
        return abs(s) / 2
    }

    static func area(outline: Any?, holes: Any?) -> Double {
        area(outline) - ((holes as? [Any]) ?? []).reduce(0) { $0 + area($1) }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theFolderHoldsTheRealExports() {
        #expect(Self.patternFiles.count == 18, "\(Self.patternFiles)")
        #expect(Self.drawings.count == 6, "\(Self.drawings)")
    }

    @Test(arguments: patternFiles)
    func everyPieceAndSizeHasTheIndependentReadersArea(_ name: String) throws {
        let path = Self.files.appendingPathComponent(name).path
        let imported = try Harness.nest(["import", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        guard imported.status == 0 else { return }
        let python = try #require(Harness.which("python3"), "python3 with ezdxf and shapely is needed")
        let script = Harness.packageRoot.appendingPathComponent("Tests/CADReference/reference_areas.py").path
        let reference = try Harness.run(python, [script, path])
        try #require(reference.status == 0, "the reference reader failed (pip install ezdxf shapely): \(reference.stderr)")

        let pattern = try Self.json(imported.stdout)
        let expected = try #require(try Self.json(reference.stdout)["pieces"] as? [String: [String: [String: Any]]])
        let leftOut = try Self.json(reference.stdout)["sizes_left_out"] as? [String] ?? []
        let base = try #require(pattern["base_size"] as? String)
        let sizes = try #require(pattern["sizes"] as? [String])
        var got: [String: [String: Double]] = [:]
        for panel in try #require(pattern["panels"] as? [[String: Any]]) {
            let piece = try #require(panel["name"] as? String)
            got[piece, default: [:]][base] = Self.area(outline: panel["outline"], holes: panel["holes"])
            for (size, entry) in (panel["graded"] as? [String: [String: Any]]) ?? [:] {
                got[piece, default: [:]][size] = Self.area(outline: entry["outline"], holes: entry["holes"])
            }
        }
        #expect(Set(got.keys) == Set(expected.keys), "\(name): pieces \(got.keys.sorted()) vs \(expected.keys.sorted())")
        var compared = 0
        for (piece, bySize) in expected {
            for (size, entry) in bySize {
                let want = try #require(entry["area"] as? Double)
                // A piece drawn at one size only carries no size label, and nest files it at the base.
                guard let have = got[piece]?[size] ?? (bySize.count == 1 ? got[piece]?.values.first : nil) else {
                    Issue.record("\(name): \(piece) size \(size) missing")
                    continue
                }
                #expect(abs(have - want) <= 1e-7 * want, "\(name): \(piece) size \(size): \(have) mm² vs \(want) mm²")
                compared += 1
            }
        }
        #expect(compared > 0)
        for size in leftOut {
            #expect(!sizes.contains(size), "\(name): size \(size) cannot be cut as drawn, yet it is in the run")
            #expect(imported.stderr.contains("size \(size) left out of the style"), "\(name): \(imported.stderr)")
        }
        let unfolded = expected.filter { $0.value.values.contains { ($0["unfolded"] as? Bool) == true } }.keys
        for piece in unfolded {
            #expect(imported.stderr.contains("piece \"\(piece)\" is drawn as half of itself with a fold (mirror) line: unfolded"),
                    "\(name): no note of unfolding \(piece)")
        }
    }

    /// `nest check` passes the real exports (exit 0): what the reader repairs on its own
    /// (repeated points at notches, spikes, grading loops, fold lines) is a note, not a problem.
    @Test func checkPassesTheRealExportsWithNotes() throws {
        let run = try Harness.nest(["check"] + Self.patternFiles.map { Self.files.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("all 18 file(s) OK"))
        #expect(run.stdout.contains("note: ") && run.stdout.contains("repeated point"))
        // Point numbers in notes count in the imported JSON's own list.
        let json = try Harness.nest(["check", Self.files.appendingPathComponent("fold-crlf-bom.dxf").path])
        #expect(json.stdout.contains("repeated points") && json.stdout.contains("read once"), "\(json.stdout)")
    }

    /// Plain drawings (no AAMA layers): closed contours are pieces, open lines are drawing
    /// (a note); a drawing that cannot be read is refused naming the entity and the reason.
    @Test(arguments: drawings)
    func everyDrawingImportsOrIsRefusedWithTheEntity(_ name: String) throws {
        let path = Self.folder.appendingPathComponent("drawings/\(name)").path
        let run = try Harness.nest(["import", path])
        if run.status == 0 {
            let pattern = try Self.json(run.stdout)
            let panels = try #require(pattern["panels"] as? [[String: Any]])
            #expect(!panels.isEmpty && panels.allSatisfy { Self.area(outline: $0["outline"], holes: $0["holes"]) > 0 }, "\(name)")
        } else {
            #expect(run.status == 1)
            let message = run.stderr.split(separator: "\n").last { $0.hasPrefix("nest: error:") }.map(String.init) ?? ""
            #expect(message.contains(path), "\(name): names the file: \(message)")
            #expect(message.range(of: #"line \d+ [A-Z]+"#, options: .regularExpression) != nil, "\(name): names the entity: \(message)")
        }
        // Which drawings import is fixed by what they are.
        let expected: [String: Bool] = ["dxf-parser-polylines.dxf": true, "dxf-parser-splines.dxf": false, "ezdxf-1_polylines.dxf": false,
                                        "ezdxf-forms.dxf": true, "ezdxf-insert_bricscad_level_1.dxf": true, "netDxf-sample-crlf.dxf": true]
        #expect((run.status == 0) == expected[name], "\(name): \(run.stderr)")
        if name == "netDxf-sample-crlf.dxf" {
            #expect(run.stderr.contains("drawing, not a piece"), "open lines are reported: \(run.stderr)")
        }
        if name == "ezdxf-1_polylines.dxf" {
            #expect(run.stderr.contains("$INSUNITS"), "drawn in metres: says where the unit came from")
            #expect(try Harness.nest(["import", path, "--units", "mm"]).status == 0, "read in mm when told")
        }
    }

    /// A job naming a real AccuMark file, on a roll of the material its annotations name
    /// (`1X FABRIC`): whole (unfolded) pieces nested, verified by the independent checker.
    @Test func aJobOfARealAccuMarkStyleNestsOnItsRoll() throws {
        let f = try Harness.temporaryFolder()
        let style = Self.folder.appendingPathComponent("accumark-clo/WM_SLIM_TANK.DXF").path
        try """
            {"format": "nest-roll/1", "name": "jersey", "material": "fabric", "units": "mm", "width": 1600, "max_length": 20000}
            """.write(to: f.appendingPathComponent("roll.json"), atomically: true, encoding: .utf8)
        try """
            {"format": "nest-job/1", "name": "tank tops", "stock": {"roll": "roll.json"},
             "order": [{"pattern": "\(style)", "sizes": {"36": 2, "44": 1}}],
             "spacing": 3, "margin": 5, "iterations": 200, "seed": 1}
            """.write(to: f.appendingPathComponent("job.json"), atomically: true, encoding: .utf8)
        let out = f.appendingPathComponent("out")
        let run = try Harness.nest([f.appendingPathComponent("job.json").path, "-o", out.path, "--toolpath", "none", "--tickets", "none"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let reportURL = out.appendingPathComponent("report.json")
        let report = try Self.json(try String(contentsOf: reportURL, encoding: .utf8))
        #expect(report["parts_ordered"] as? Int == 6 && report["parts_placed"] as? Int == 6, "\(report["parts_placed"] ?? "?")")
        let check = try Harness.verify(reportURL)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Whole pieces: the back at size 36 is cut at twice the half drawn (93 898 mm²).
        let sheets = try #require(report["sheets"] as? [[String: Any]])
        let areas = sheets.flatMap { ($0["placements"] as? [[String: Any]]) ?? [] }.map { Self.area(outline: $0["outline"], holes: $0["holes"]) }
        #expect(areas.contains { abs($0 - 187_796) < 2 }, "\(areas.map { Int($0) })")
        #expect(!areas.contains { abs($0 - 93_898) < 2 })
    }
}
