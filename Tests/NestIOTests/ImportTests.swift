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
        // The kind keeps the layer's spelling, as the hide's JSON would name it; a layer
        // naming a severity alone is a defect of no kind.
        for (layer, kind, severity) in [("DEFECT-INSECT_BITE_MAJOR", "insect_bite", DefectSeverity.major),
                                        ("DEFECT-INSECT-BITE", "insect-bite", .critical), ("DEFECT-MINOR", "defect", .minor)] {
            try text.replacingOccurrences(of: "DEFECT-BITE-MINOR", with: layer).write(toFile: path, atomically: true, encoding: .utf8)
            let renamed = try DXFImporter.readHide(path: path, displayName: "hide.dxf", kernel: kernel)
            #expect(renamed.defects.last?.kind == kind && renamed.defects.last?.severity == severity, "\(layer)")
        }
    }

    /// A scanner's own layer names: a layer DEFECTS holds defects of no named kind (not of
    /// kind "s"); an outline on a layer the defaults do not name is read when it is the only
    /// layer with closed contours besides the holes and defects (with a note), else refused
    /// with the drawing's layers listed, and read once `--outline-layer` names it.
    @Test func dxfHideOnAScannersLayers() throws {
        let original = try String(contentsOfFile: file("hide-cm.dxf"), encoding: .utf8)
            .replacingOccurrences(of: "DEFECT-SCAR", with: "DEFECTS")
        // An outline layer of no known name, and no word that says what it holds, but the
        // only layer with closed contours that nothing else claims (a hide on layer 0).
        for name in ["SCAN_7", "0"] {
            let alone = Data(original.replacingOccurrences(of: "\nOUTLINE\n", with: "\n\(name)\n").utf8)
            let (read, found) = try DXFImporter.hideFile(data: alone, file: "scan.dxf", options: ImportOptions())
            #expect(found.isEmpty, "\(name): \(found)")
            #expect(read.readerNotes.count == 1 && read.readerNotes[0].contains("from layer \"\(name)\", the only layer with closed contours"),
                    "\(read.readerNotes)")
            #expect(read.holes?.count == 1 && read.defects?.count == 2, "\(name)")
        }
        // Two such layers, neither named: refused, with the drawing's layers listed and the
        // option that names the outline's.
        let unnamed = Data(original.replacingOccurrences(of: "\nOUTLINE\n", with: "\nSCAN_7\n").utf8)
        let twoUnnamed = Data(original.replacingOccurrences(of: "\nOUTLINE\n", with: "\nSCAN_7\n")
            .replacingOccurrences(of: "\nHOLES\n", with: "\nSCAN_8\n").utf8)
        let refused = try DXFImporter.hideFile(data: twoUnnamed, file: "scan.dxf", options: ImportOptions()).1
        let problem = try #require(refused.first).problem
        #expect(problem.contains("no closed hide outline") && problem.contains("\"SCAN_7\" (") && problem.contains("--outline-layer"), "\(problem)")
        var options = ImportOptions()
        options.hideLayers.outline = ["SCAN_7"]
        let (hide, problems) = try DXFImporter.hideFile(data: unnamed, file: "scan.dxf", options: options)
        #expect(problems.isEmpty && hide.readerNotes.isEmpty, "\(problems) \(hide.readerNotes)")
        #expect(hide.defects?.map(\.kind) == ["defect", "bite"], "\(String(describing: hide.defects?.map(\.kind)))")

        // A scanner's own name with the word in it: the one such layer is the outline, with a note.
        for name in ["Hide_Outline", "CONTOUR", "hide contour 1"] {
            let data = Data(original.replacingOccurrences(of: "\nOUTLINE\n", with: "\n\(name)\n").utf8)
            let (read, found) = try DXFImporter.hideFile(data: data, file: "scan.dxf", options: ImportOptions())
            #expect(found.isEmpty, "\(name): \(found)")
            #expect(read.outline.count == hide.outline.count, "\(name)")
            #expect(read.readerNotes.count == 1 && read.readerNotes[0].contains("from layer \"\(name)\""), "\(read.readerNotes)")
            let built = try StockReader.hide(read, file: "scan.dxf", item: "", kernel: kernel)
            #expect(built.notes == read.readerNotes)
        }
        // Two such layers: which one is the hide is not guessed.
        let two = original.replacingOccurrences(of: "\nOUTLINE\n", with: "\nHide_Outline\n")
            .replacingOccurrences(of: "\nHOLES\n", with: "\nOUTLINE_OLD\n")
        let twoRefused = try DXFImporter.hideFile(data: Data(two.utf8), file: "scan.dxf", options: ImportOptions()).1
        #expect(twoRefused.contains { $0.problem.contains("no closed hide outline") }, "\(twoRefused)")
    }

    /// Lines on a layer the hide does not read are named in a note (a scanner's own name
    /// for defects would otherwise drop them without a word); the option that reads the
    /// layer takes the note away. A ZONE-A layer is read as grade A.
    @Test func dxfHideLayersNotReadAreNoted() throws {
        let original = try String(contentsOfFile: file("hide-cm.dxf"), encoding: .utf8)
        let german = Data(original.replacingOccurrences(of: "\nDEFECT-SCAR\n", with: "\nFEHLER\n").utf8)
        let (hide, problems) = try DXFImporter.hideFile(data: german, file: "scan.dxf", options: ImportOptions())
        #expect(problems.isEmpty, "\(problems)")
        #expect(hide.defects?.map(\.kind) == ["bite"])
        #expect(hide.readerNotes.count == 1 && hide.readerNotes[0].contains("layer \"FEHLER\" (1 line) not read")
                && hide.readerNotes[0].contains("--defect-layer"), "\(hide.readerNotes)")
        var options = ImportOptions()
        options.hideLayers.defects = ["DEFECT*", "FEHLER"]
        let (read, _) = try DXFImporter.hideFile(data: german, file: "scan.dxf", options: options)
        #expect(read.readerNotes.isEmpty && read.defects?.count == 2, "\(read.readerNotes)")

        let gradeA = Data(original.replacingOccurrences(of: "\nZONE-C\n", with: "\nZONE-A\n").utf8)
        let (zoned, zoneProblems) = try DXFImporter.hideFile(data: gradeA, file: "scan.dxf", options: ImportOptions())
        #expect(zoneProblems.isEmpty && zoned.readerNotes.isEmpty, "\(zoneProblems) \(zoned.readerNotes)")
        #expect(zoned.zones?.map(\.grade) == ["A"])
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
            _ = try DXFImporter.patternFile(data: Data(dxf.utf8), file: "t.dxf", options: ImportOptions(), kernel: kernel).1.first.map { throw $0 }
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

    /// Lines that miss each other by a drafting slip (0.3 mm, over the 0.1 mm join
    /// tolerance) are refused with the tolerance that closes them, and read with it.
    @Test func aSmallGapSaysWhichToleranceClosesIt() throws {
        var body = ""
        let corners = [(0.0, 0.0), (100.0, 0.0), (100.0, 60.0), (0.0, 60.0), (0.0, 0.3)]
        for i in 0..<4 {
            body += "0\nLINE\n8\n1\n10\n\(corners[i].0)\n20\n\(corners[i].1)\n11\n\(corners[i + 1].0)\n21\n\(corners[i + 1].1)\n"
        }
        let e = try #require(refusal(Self.entities(body)))
        #expect(e.problem.contains("0.3 mm apart, more than the join tolerance of 0.1 mm: `nest import FILE --join-tolerance 0.32` closes it"),
                "\(e.problem)")
        var options = ImportOptions()
        options.joinTolerance = 0.32
        let (raw, problems) = try DXFImporter.patternFile(data: Data(Self.entities(body).utf8), file: "gap.dxf", options: options, kernel: kernel)
        #expect(problems.isEmpty && raw.panels.count == 1, "\(problems)")
        // A gap of centimetres is no slip: no tolerance is offered.
        let wide = body.replacingOccurrences(of: "\n0.3\n", with: "\n30\n")
        let w = try #require(refusal(Self.entities(wide)))
        #expect(w.problem.contains("open contour") && !w.problem.contains("--join-tolerance"), "\(w.problem)")
    }

    /// Files that are none of the inputs say what they are, whatever their name: a DWG
    /// named .dxf, a PDF, a scan, a ZIP, a plotter file named .json.
    @Test func foreignFilesSayWhatTheyAre() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-foreign-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, [UInt8], String)] = [
            ("piece.dxf", Array("AC1032".utf8) + [0, 0, 0, 0, 0x1F], "AutoCAD drawing (DWG"),
            ("piece.json", Array("%PDF-1.7\n".utf8), "a PDF document"),
            ("scan.svg", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], "an image"),
            ("style.json", [0x50, 0x4B, 0x03, 0x04, 0x14], "a ZIP archive"),
            ("cut.json", Array("IN;SP1;PU0,0;".utf8), "an HPGL plotter file"),
        ]
        for (name, bytes, what) in cases {
            let path = folder.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let e = Fixture.refusal { _ = try PatternFiles.readPattern(path: path, displayName: name, kernel: kernel) }
            #expect(e?.file == name && e?.problem.contains(what) == true && e?.problem.contains("not JSON, DXF or SVG") == true,
                    "\(name): \(String(describing: e))")
        }
    }

    /// Inkscape's compressed SVG (`Files/pieces.svgz`, `pieces.svg` gzipped by Python's gzip
    /// module) reads as the plain file; a truncated or damaged stream, or one that inflates
    /// beyond the file limit, is refused saying so.
    @Test func compressedSVGIsReadAsItsContent() throws {
        let plain = try PatternFiles.readPattern(path: Self.files.appendingPathComponent("pieces.svg").path, displayName: "pieces.svg",
                                                 kernel: kernel)
        let packed = try PatternFiles.readPattern(path: Self.files.appendingPathComponent("pieces.svgz").path, displayName: "pieces.svgz",
                                                  kernel: kernel)
        #expect(packed.panels.map(\.name) == plain.panels.map(\.name) && packed.panels.map(\.shape) == plain.panels.map(\.shape))
        let data = try Data(contentsOf: Self.files.appendingPathComponent("pieces.svgz"))
        let truncated = Fixture.refusal { _ = try Gzip.decompressed(data.prefix(data.count / 2), limit: 1 << 20, file: "t.svgz") }
        #expect(truncated?.problem.contains("ends early") == true, "\(String(describing: truncated))")
        var damaged = data
        damaged[20] ^= 0xFF
        damaged[21] ^= 0xFF
        let broken = Fixture.refusal { _ = try Gzip.decompressed(damaged, limit: 1 << 20, file: "t.svgz") }
        #expect(broken?.problem.contains("damaged") == true || broken?.problem.contains("ends early") == true, "\(String(describing: broken))")
        let bomb = Fixture.refusal { _ = try Gzip.decompressed(data, limit: 1000, file: "t.svgz") }
        #expect(bomb?.problem.contains("more than the limit of 1000 bytes") == true, "\(String(describing: bomb))")
    }

    /// Binary DXF as ezdxf writes it (`Files/make-binary.py`): R2010 with two-byte group
    /// codes and R12 with one-byte codes read as the same drawing saved as ASCII; cut short,
    /// it is refused naming the byte.
    @Test func binaryDXFReadsAsTheASCIIDrawing() throws {
        func read(_ name: String) throws -> Pattern {
            try PatternFiles.readPattern(path: Self.files.appendingPathComponent(name).path, displayName: name, kernel: kernel)
        }
        let ascii = try read("binary-ascii.dxf")
        #expect(ascii.panels.map(\.name).sorted() == ["Toe cap", "Vamp"] && ascii.panels.contains { $0.shape.holes.count == 1 })
        for name in ["binary-r2010.dxf", "binary-r12.dxf"] {
            let binary = try read(name)
            #expect(binary.panels.map(\.name) == ascii.panels.map(\.name), "\(name)")
            for (b, a) in zip(binary.panels, ascii.panels) {
                #expect(abs(b.shape.area - a.shape.area) < 1e-6 * a.shape.area && b.shape.vertexCount == a.shape.vertexCount, "\(name) \(b.name)")
            }
            #expect(binary.notes.contains { $0.contains("a binary DXF") }, "\(binary.notes)")
        }
        let data = try Data(contentsOf: Self.files.appendingPathComponent("binary-r2010.dxf"))
        let cut = Fixture.refusal { _ = try DXFDocument(data: data.prefix(data.count - 7), file: "cut.dxf") }
        #expect(cut?.item.hasPrefix("byte ") == true && cut?.problem.contains("binary DXF") == true, "\(String(describing: cut))")
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

    static func pattern(_ body: String, options: ImportOptions = ImportOptions()) throws -> (PatternFile, [InputError]) {
        try DXFImporter.patternFile(data: Data(ImportTests.entities(body).utf8), file: "style.dxf", options: options,
                                    kernel: try GeometryKernel())
    }

    /// The area of a ring given as JSON points (shoelace).
    static func area(_ points: [[Double]]) -> Double {
        var s = 0.0
        for i in points.indices {
            let a = points[i], b = points[(i + 1) % points.count]
            s += a[0] * b[1] - b[0] * a[1]
        }
        return abs(s) / 2
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
        // The drawing declares no units: millimetres are assumed, and said first.
        #expect(raw.notes.count == 3)
        #expect(raw.notes.first?.contains("the file declares no units") == true, "\(raw.notes)")
        #expect(raw.notes.dropFirst().allSatisfy { $0.contains("not cut in this model") })
        #expect(raw.notes.contains { $0.contains("\"pocket\"") } && raw.notes.contains { $0.contains("\"cuff\"") })
    }

    @Test func malformedQuantityIsRefusedWithTheText() throws {
        let (_, problems) = try Self.pattern(Self.square(0, ["Piece Name: front", "Quantity: 1,x"]))
        let e = try #require(problems.first)
        #expect(e.item.contains("quantity") && e.problem.contains("\"1,x\"") && e.problem.contains("ASTM"))
    }

    @Test func everyQuantityZeroMeansNoQuantitiesSet() throws {
        // AccuMark writes 0,0 on every piece when the style sets no quantities: read each once.
        let (raw, problems) = try Self.pattern(Self.square(0, ["Piece Name: front", "Quantity: 0,0"])
            + Self.square(200, ["Piece Name: back", "Quantity: 0"]))
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.quantity) == [1, 1] && raw.panels.allSatisfy { $0.mirrored_pairs == false })
        #expect(raw.notes.contains { $0.contains("every piece has quantity 0") && $0.contains("read once") }, "\(raw.notes)")
    }

    @Test func implausibleSizeNamesTheUnitsActuallyUsed() throws {
        // A 120 × 40 inch piece: 3048 mm, too long for leather, fine for a textile.
        let header = "0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n1\n0\nENDSEC\n"
        var body = ""
        let corners = [(0.0, 0.0), (120.0, 0.0), (120.0, 40.0), (0.0, 40.0)]
        for i in 0..<4 { body += Self.line("1", corners[i], corners[(i + 1) % 4]) }
        let dxf = Data((header + ImportTests.entities(body)).utf8)
        let kernel = try GeometryKernel()
        var leather = ImportOptions()
        leather.material = "leather"
        do {
            _ = try PatternFiles.readPattern(data: dxf, format: .dxf, displayName: "long.dxf", options: leather, kernel: kernel)
            Issue.record("a 3 m leather panel was accepted")
        } catch let e as InputError {
            #expect(e.problem.contains("3048 mm") && e.problem.contains("25.4 mm") && e.problem.contains("$INSUNITS"), "\(e)")
            #expect(e.problem.contains("--longest-piece"), "says how to allow it: \(e)")
            #expect(!e.problem.contains("says \"mm\""), "names the unit read, not the output's mm")
        }
        // A file that names no material: leather is only assumed, and the soft-goods window applies.
        let p = try PatternFiles.readPattern(data: dxf, format: .dxf, displayName: "long.dxf", kernel: kernel)
        #expect(abs(p.panels[0].shape.bounds.width - 3048) < 1e-6)
        #expect(p.notes.contains { $0.contains("3048 mm") && $0.contains("no material") }, "\(p.notes)")
        #expect(!p.notes.contains { $0.contains("declares no units") }, "$INSUNITS declared them: \(p.notes)")
        // Told the longest plausible piece, a longer one is refused whatever its material.
        var short = ImportOptions()
        short.longestPiece = 2000
        #expect(throws: InputError.self) { try PatternFiles.readPattern(data: dxf, format: .dxf, displayName: "long.dxf", options: short, kernel: kernel) }
        short.longestPiece = 4000
        leather.longestPiece = 4000
        #expect(try PatternFiles.readPattern(data: dxf, format: .dxf, displayName: "long.dxf", options: leather, kernel: kernel).panels.count == 1)
    }

    @Test func annotationNamesTheMaterial() throws {
        let (raw, _) = try Self.pattern(Self.square(0, ["Piece Name: front", "Quantity: 1", "ANNOTATION: 1XFABRIC"])
            + Self.square(200, ["Piece Name: facing", "Quantity: 1", "ANNOTATION: 2X INTERLINING"])
            + Self.square(400, ["Piece Name: back", "Quantity: 1", "ANNOTATION: SEE NOTES"]))
        #expect(raw.panels.map(\.material) == ["fabric", "interlining", "leather"])
        #expect(raw.panels.map(\.materialAssumed) == [false, false, true])
    }

    /// An L-shaped half with a cut-out, folded about its left edge: the piece cut is the
    /// half and its mirror image, cut-outs included, one polygon.
    @Test func foldLineUnfoldsTheHalfPiece() throws {
        let half = [(0.0, 0.0), (60.0, 0.0), (60.0, 40.0), (30.0, 40.0), (30.0, 100.0), (0.0, 100.0)]
        var body = ""
        for i in half.indices { body += Self.line("1", half[i], half[(i + 1) % half.count]) }
        body += "0\nCIRCLE\n8\n11\n10\n40\n20\n20\n40\n5\n"  // a cut-out away from the fold
        body += "0\nTEXT\n8\n1\n10\n10\n20\n50\n40\n3\n1\nPiece Name: back\n"
        body += Self.line("6", (0, 100), (0, 0))
        let (raw, problems) = try Self.pattern(body)
        #expect(problems.isEmpty, "\(problems)")
        let back = try #require(raw.panels.first)
        let outline = Self.area(back.outline), holes = (back.holes ?? []).map(Self.area)
        #expect(abs(outline - 2 * 4200) < 1e-9, "the outline is both halves: \(outline)")
        #expect(holes.count == 2, "the cut-out and its mirror image")
        let xs = back.outline.map { $0[0] }
        #expect(abs(xs.min()! + 60) < 1e-9 && abs(xs.max()! - 60) < 1e-9)
        #expect(raw.notes.contains { $0.contains("fold (mirror) line") && $0.contains("mm² drawn") && $0.contains("mm² cut") }, "\(raw.notes)")
        // The same line far from every piece is drawing, not a fold of any piece.
        let (apart, none) = try Self.pattern(Self.square(0, ["Piece Name: back", "Quantity: 1"]) + Self.line("6", (500, 500), (500, 600)))
        #expect(none.isEmpty && abs(Self.area(apart.panels[0].outline) - 10_000) < 1e-9)
    }

    @Test func foldLineThatIsNoFoldIsRefusedWithTheReason() throws {
        // Across the middle of the piece: the drawing lies on both sides.
        let (_, across) = try Self.pattern(Self.square(0, ["Piece Name: back"]) + Self.line("6", (50, 0), (50, 100)))
        #expect(across.first?.problem.contains("both sides of its fold line") == true, "\(across)")
        #expect(across.first?.item.contains("LINE") == true)
        // Inside, parallel to an edge but not on it.
        let (_, inside) = try Self.pattern(Self.square(0, ["Piece Name: back"]) + Self.line("6", (2, 10), (2, 90)))
        #expect(inside.first?.problem.contains("both sides") == true || inside.first?.problem.contains("runs along the piece's edge") == true, "\(inside)")
        // Along only a tenth of an edge.
        let (_, short) = try Self.pattern(Self.square(0, ["Piece Name: back"]) + Self.line("6", (0, 0), (0, -90)))
        #expect(short.first?.problem.contains("runs along the piece's edge for 0 of its 90 mm") == true, "\(short)")
    }

    /// One size of a graded piece has a grading loop at a corner (repaired, with a note), one
    /// a bow-tie that no repair makes whole (that size is left out, the rest goes through).
    @Test func brokenSizeIsRepairedOrLeftOutAlone() throws {
        func piece(_ x: Double, size: String, _ ring: [(Double, Double)]) -> String {
            var s = ""
            let moved = ring.map { ($0.0 + x, $0.1) }
            for i in moved.indices { s += Self.line("1", moved[i], moved[(i + 1) % moved.count]) }
            s += "0\nTEXT\n8\n1\n10\n\(x + 20)\n20\n50\n40\n3\n1\nPiece Name: vamp\n"
            s += "0\nTEXT\n8\n1\n10\n\(x + 20)\n20\n60\n40\n3\n1\nSize: \(size)\n"
            return s
        }
        let clean = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]
        // A 1 × 1 mm loop where the outline overshoots the corner (100, 100) and comes back.
        let loop = [(0.0, 0.0), (100.0, 0.0), (100.0, 101.0), (101.0, 100.0), (0.0, 100.0)]
        let bowTie = [(0.0, 0.0), (100.0, 100.0), (100.0, 0.0), (0.0, 100.0)]
        var body = "0\nTEXT\n8\n0\n10\n0\n20\n-50\n40\n3\n1\nSample Size: 41\n"
        body += piece(0, size: "40", clean) + piece(300, size: "41", loop) + piece(600, size: "42", bowTie) + piece(900, size: "43", clean)
        let (raw, problems) = try Self.pattern(body)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.sizes == ["40", "41", "43"] && raw.base_size == "41", "\(raw.sizes) \(raw.base_size)")
        let vamp = try #require(raw.panels.first)
        #expect(abs(Self.area(vamp.outline) - 10_000) < 1, "the loop cut away: \(Self.area(vamp.outline))")
        #expect(raw.notes.contains { $0.contains("size 41") && $0.contains("crosses itself") && $0.contains("repaired") }, "\(raw.notes)")
        #expect(raw.notes.contains { $0.contains("size 42 left out") && $0.contains("repair tolerance is 0.5 %") }, "\(raw.notes)")
        // With a wider tolerance the bow-tie is repaired too (its largest face kept).
        var loose = ImportOptions()
        loose.repairTolerancePercent = 100
        #expect(try Self.pattern(body, options: loose).0.sizes == ["40", "41", "42", "43"])
    }
}
