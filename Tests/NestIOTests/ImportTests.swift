import Foundation
import NestGeometry
@testable import NestIO
import NestModel
import Testing

/// DXF and SVG files drawn to the published conventions (Tests/NestIOTests/Files) read to
/// the shapes they describe, within the chord tolerance.
struct ImportTests {
    static let files = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Files")
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }
    let tolerance = ImportOptions().chordTolerance

    func file(_ name: String) -> String { Self.files.appendingPathComponent(name).path }

    /// Flattening loses at most perimeter × tolerance of area (chords lie inside arcs).
    func expectArea(_ shape: Polygon, _ exact: Double, _ label: String) {
        let perimeter = ([shape.exterior] + shape.holes).reduce(0) { $0 + $1.perimeter }
        #expect(abs(shape.area - exact) <= perimeter * tolerance, "\(label): \(shape.area) vs \(exact)")
    }

    @Test func aamaBlocksWithCurvesInsertsAndAttributes() throws {
        let p = try DXFImporter.readPattern(path: file("aama-curves.dxf"), displayName: "aama-curves.dxf", kernel: kernel)
        #expect(p.model == "Test Boot TB-2" && p.sizeSystem == "EU" && p.baseSize == "42")
        #expect(p.panels.map(\.name) == ["toe_cap", "quarter", "heel_counter"])
        let toe = p.panels[0], quarter = p.panels[1], heel = p.panels[2]
        // LWPOLYLINE with bulges: 100 × 60 with r = 10 corners, minus a CIRCLE r = 8 on layer 11.
        expectArea(toe.shape, 6000 - (4 - Double.pi) * 100 - Double.pi * 64, "toe")
        #expect(toe.shape.holes.count == 1 && toe.quantityPerPair == 2 && toe.mirroredPairs && toe.material == "leather")
        // LINE and ARC chain (one line backwards, 0.02 mm short), ELLIPSE cut-out; inserted rotated 30°.
        expectArea(quarter.shape, 9600 + Double.pi * 800 - Double.pi * 15 * 7.5, "quarter")
        #expect(quarter.shape.holes.count == 1)
        #expect(abs(quarter.grain.directionDegrees - 120) < 1e-6)  // 90° in the block + 30° insert
        #expect(abs(quarter.shape.bounds.center.x - 300) < 150)
        // Rational quadratic SPLINE (an exact circle r = 30), inserted at scale 2: r = 60.
        expectArea(heel.shape, Double.pi * 3600, "heel")
        let circle = Polygon((0..<2000).map { k in
            let t = Double(k) / 2000 * 2 * Double.pi
            return Point(500 + 60 * cos(t), 100 + 60 * sin(t))
        })
        #expect(try kernel.hausdorffDistance([heel.shape], [circle]) <= tolerance + 1e-3)
    }

    @Test func gradedSetOneBlockPerSize() throws {
        let p = try DXFImporter.readPattern(path: file("graded-vamp.dxf"), displayName: "graded-vamp.dxf", kernel: kernel)
        #expect(p.sizes == ["41", "42", "43"] && p.baseSize == "42")
        let vamp = try #require(p.panels.first)
        #expect(Set(vamp.gradedShapes.keys) == ["41", "43"])
        let s43 = try #require(p.shape(of: vamp, size: "43"))
        #expect(abs(s43.bounds.width - (240 + 20.0 / 3)) < 1e-6)
        #expect(abs(try #require(p.shape(of: vamp, size: "41")).bounds.width - (240 - 20.0 / 3)) < 1e-6)
    }

    @Test func hideFromDXFInCentimetres() throws {
        let h = try DXFImporter.readHide(path: file("hide-cm.dxf"), displayName: "hide-cm.dxf", kernel: kernel)
        #expect(h.name == "cow-dxf-01" && h.material == "leather" && h.grainDegrees == 0)
        #expect(abs(h.shape.bounds.width - 2050) < 1e-6)  // −5 … 200 cm
        #expect(h.shape.holes.count == 1)
        #expect(h.defects.map(\.kind) == ["scar", "bite"])
        #expect(h.zones.map(\.grade) == [.C])
    }

    @Test func dxfDefectLayerNamesTheSeverity() throws {
        let text = try String(contentsOfFile: file("hide-cm.dxf"), encoding: .utf8)
            .replacingOccurrences(of: "DEFECT-BITE", with: "DEFECT-BITE-MINOR")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hide-\(UUID().uuidString).dxf").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let h = try DXFImporter.readHide(path: path, displayName: "hide.dxf", kernel: kernel)
        #expect(h.defects.map(\.kind) == ["scar", "bite"])
        #expect(h.defects.map(\.severity) == [.critical, .minor])
    }

    @Test func svgEveryCommandTransformsAndUnits() throws {
        let p = try SVGImporter.readPattern(path: file("pieces.svg"), displayName: "pieces.svg", kernel: kernel)
        #expect(p.model == "SVG Test" && p.sizeSystem == "US" && p.baseSize == "9")
        let byName = Dictionary(uniqueKeysWithValues: p.panels.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["plate", "disc", "kite", "patch", "oval", "tab"])
        let plate = try #require(byName["plate"])
        expectArea(plate.shape, 4000 - (4 - Double.pi) * 25 - Double.pi * 100, "plate")  // 0.1 mm user units
        #expect(plate.shape.holes.count == 1 && plate.quantityPerPair == 2)
        // C and S circle of 100 user units, scaled ×2 → r = 20 mm (the cubic is 0.03 % off a circle).
        #expect(abs(try #require(byName["disc"]).shape.area - Double.pi * 400) < 0.01 * Double.pi * 400)
        #expect(byName["disc"]!.quantityPerPair == 1 && !byName["disc"]!.mirroredPairs)
        expectArea(try #require(byName["patch"]).shape, 2400 - (4 - Double.pi) * 16, "patch")
        expectArea(try #require(byName["oval"]).shape, Double.pi * 30 * 15, "oval")
        expectArea(try #require(byName["tab"]).shape, 2000 - Double.pi * 25, "tab")
        let kite = try #require(byName["kite"]).shape.bounds
        #expect(abs(kite.minX - 220) < 1e-9 && abs(kite.height - 60) < 1e-9)  // y flipped: 0…600 units → −80…−20 mm
    }

    @Test func jobNamesDXFPatternAndDXFHide() throws {
        let f = try Fixture()
        let job = try f.write("job.json", """
            {"format": "nest-job/1", "stock": {"hides": ["\(file("hide-cm.dxf"))"]},
             "order": [{"pattern": "\(file("aama-curves.dxf"))", "sizes": {"42": 1}}], "spacing": 2, "margin": 3}
            """)
        let j = try JobReader.read(path: job, kernel: kernel)
        #expect(j.parts().count == 6)
    }

    func refusal(_ dxf: String) -> InputError? {
        do {
            _ = try DXFImporter.patternFile(data: Data(dxf.utf8), file: "t.dxf", options: ImportOptions()).1.first.map { throw $0 }
            return nil
        } catch let e as InputError {
            return e
        } catch {
            return nil
        }
    }

    static func entities(_ body: String) -> String { "0\nSECTION\n2\nENTITIES\n\(body)0\nENDSEC\n0\nEOF\n" }

    @Test func openContourNamesLineAndPoints() throws {
        let e = try #require(refusal(Self.entities("0\nLINE\n8\n1\n10\n0\n20\n0\n11\n100\n21\n0\n0\nLINE\n8\n1\n10\n100\n20\n0\n11\n100\n21\n50\n")))
        #expect(e.item.contains("line 5 LINE"))
        #expect(e.problem.contains("open contour") && e.problem.contains("(0, 0)") && e.problem.contains("(100, 50)"))
    }

    @Test func badDXFIsRefusedWithTheLine() throws {
        let truncated = try #require(refusal("0\nSECTION\n2\nENTITIES\n0\nLINE\n8\n1\n"))
        #expect(truncated.problem.contains("ENDSEC") || truncated.problem.contains("truncated"))
        let missing = try #require(refusal(Self.entities("0\nINSERT\n8\n1\n2\nNOPE\n")))
        #expect(missing.item.contains("line 5 INSERT") && missing.problem.contains("NOPE"))
        let cyclic = "0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nA\n0\nINSERT\n2\nA\n0\nENDBLK\n0\nENDSEC\n" + Self.entities("0\nINSERT\n2\nA\n")
            .dropFirst(0)
        #expect(try #require(refusal(String(cyclic))).problem.contains("inserts itself"))
        let nan = try #require(refusal(Self.entities("0\nCIRCLE\n8\n1\n10\nnan\n20\n0\n40\n5\n")))
        #expect(nan.item == "line 10" && nan.problem.contains("finite"))
    }
}

/// Line ends as real CAD systems write them: a DXF saved on Windows (CR LF), by an old Mac
/// exporter (CR alone) or with a UTF-8 byte-order mark reads exactly as the LF file.
struct DXFLineEndTests {
    @Test(arguments: ["aama-curves.dxf", "graded-vamp.dxf"])
    func crlfCrAndBomReadAsLF(file: String) throws {
        let kernel = try GeometryKernel()
        let lf = try Data(contentsOf: ImportTests.files.appendingPathComponent(file))
        let text = String(decoding: lf, as: UTF8.self)
        #expect(!text.contains("\r"), "the fixture is an LF file")
        let variants: [(String, Data)] = [
            ("CR LF", Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            ("CR", Data(text.replacingOccurrences(of: "\n", with: "\r").utf8)),
            ("BOM + CR LF", Data([0xEF, 0xBB, 0xBF]) + Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-eol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try DXFImporter.readPattern(path: ImportTests.files.appendingPathComponent(file).path, displayName: file,
                                                    kernel: kernel)
        for (name, data) in variants {
            let path = folder.appendingPathComponent(file).path
            try data.write(to: URL(fileURLWithPath: path))
            let read = try DXFImporter.readPattern(path: path, displayName: "\(file) (\(name))", kernel: kernel)
            #expect(read.panels.map(\.name) == reference.panels.map(\.name), "\(name)")
            #expect(read.sizes == reference.sizes && read.model == reference.model, "\(name)")
            for (a, b) in zip(read.panels, reference.panels) {
                #expect(a.shape == b.shape && a.gradedShapes == b.gradedShapes, "\(name): \(a.name) differs")
            }
        }
    }
}

/// AccuMark and ASTM D6673 quantities, and fold lines, as those systems write them.
struct CADQuantityAndFoldTests {
    static func line(_ layer: String, _ a: (Double, Double), _ b: (Double, Double)) -> String {
        "0\nLINE\n8\n\(layer)\n10\n\(a.0)\n20\n\(a.1)\n11\n\(b.0)\n21\n\(b.1)\n"
    }

    static func square(_ x: Double, _ labels: [String]) -> String {
        let corners = [(x, 0.0), (x + 100, 0.0), (x + 100, 100.0), (x, 100.0)]
        var s = ""
        for i in 0..<4 { s += line("1", corners[i], corners[(i + 1) % 4]) }
        for (k, text) in labels.enumerated() { s += "0\nTEXT\n8\n1\n10\n\(x + 10)\n20\n\(20 + 10 * Double(k))\n40\n3\n1\n\(text)\n" }
        return s
    }

    static func pattern(_ body: String) throws -> (PatternFile, [InputError]) {
        try DXFImporter.patternFile(data: Data(ImportTests.entities(body).utf8), file: "style.dxf", options: ImportOptions())
    }

    @Test func astmPairsAndZeroQuantities() throws {
        let (raw, problems) = try Self.pattern(
            Self.square(0, ["Piece Name: front", "Quantity: 1,1"]) + Self.square(200, ["Piece Name: pocket", "Quantity: 0"])
                + Self.square(400, ["Piece Name: back", "Quantity: 1,0"]) + Self.square(600, ["Piece Name: cuff", "Quantity: 0,0"])
                + Self.square(800, ["Piece Name: strap", "Quantity: 4"]))
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.name) == ["front", "back", "strap"])
        let front = try #require(raw.panels.first { $0.name == "front" })
        #expect(front.quantity == 2 && front.mirrored_pairs == true, "1,1: one as drawn, one flipped")
        let back = try #require(raw.panels.first { $0.name == "back" })
        #expect(back.quantity == 1 && back.mirrored_pairs == false, "1,0: one as drawn, none flipped")
        let strap = try #require(raw.panels.first { $0.name == "strap" })
        #expect(strap.quantity == 4 && strap.mirrored_pairs == true)
        #expect(raw.notes.count == 2)
        #expect(raw.notes.allSatisfy { $0.contains("not cut in this model") })
        #expect(raw.notes.contains { $0.contains("\"pocket\"") } && raw.notes.contains { $0.contains("\"cuff\"") })
    }

    @Test func malformedQuantityIsRefusedWithTheText() throws {
        let (_, problems) = try Self.pattern(Self.square(0, ["Piece Name: front", "Quantity: 1,x"]))
        let e = try #require(problems.first)
        #expect(e.item.contains("quantity") && e.problem.contains("\"1,x\"") && e.problem.contains("ASTM"))
    }

    @Test func onlyZeroQuantitiesIsRefused() throws {
        let (_, problems) = try Self.pattern(Self.square(0, ["Piece Name: front", "Quantity: 0"]))
        #expect(problems.first?.problem.contains("every piece has quantity 0") == true)
    }

    @Test func implausibleSizeNamesTheUnitsActuallyUsed() throws {
        // A 120 × 40 inch piece: 3048 mm, too long for leather, fine for a textile.
        let header = "0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n1\n0\nENDSEC\n"
        var body = ""
        let corners = [(0.0, 0.0), (120.0, 0.0), (120.0, 40.0), (0.0, 40.0)]
        for i in 0..<4 { body += Self.line("1", corners[i], corners[(i + 1) % 4]) }
        let dxf = Data((header + ImportTests.entities(body)).utf8)
        let kernel = try GeometryKernel()
        do {
            _ = try PatternFiles.readPattern(data: dxf, format: .dxf, displayName: "long.dxf", kernel: kernel)
            Issue.record("a 3 m leather panel was accepted")
        } catch let e as InputError {
            #expect(e.problem.contains("3048 mm") && e.problem.contains("25.4 mm") && e.problem.contains("$INSUNITS"), "\(e)")
            #expect(!e.problem.contains("says \"mm\""), "names the unit read, not the output's mm")
        }
        var options = ImportOptions()
        options.material = "textile"
        let p = try PatternFiles.readPattern(data: dxf, format: .dxf, displayName: "long.dxf", options: options, kernel: kernel)
        #expect(abs(p.panels[0].shape.bounds.width - 3048) < 1e-6)
    }

    @Test func foldLineRefusesTheHalfPiece() throws {
        // A mirror line (AAMA layer 6) along the left edge: the drawing is half a piece.
        let body = Self.square(0, ["Piece Name: back", "Quantity: 1"]) + Self.line("6", (0, 0), (0, 100))
        let (_, problems) = try Self.pattern(body)
        let e = try #require(problems.first)
        #expect(e.problem.contains("fold (mirror) line") && e.problem.contains("half of the piece"), "\(e)")
        // The same line far from every piece is drawing, not a fold of any piece.
        let (_, apart) = try Self.pattern(Self.square(0, ["Piece Name: back", "Quantity: 1"]) + Self.line("6", (500, 500), (500, 600)))
        #expect(apart.isEmpty, "\(apart)")
    }
}
