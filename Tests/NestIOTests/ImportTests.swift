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
