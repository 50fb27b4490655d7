import Foundation
import NestGeometry
@testable import NestIO
import NestModel
import Testing

/// What real drawing programs write beside the pieces, and how the scale of an SVG is
/// known: the readers take each as its exporter meant it, or refuse it with the reason.
struct DrawingConventionTests {
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    func svg(_ root: String, body: String = #"<rect x="0" y="0" width="100" height="50"/>"#, prolog: String = "",
             options: ImportOptions = ImportOptions()) throws -> (PatternFile, [InputError]) {
        let text = prolog + #"<svg xmlns="http://www.w3.org/2000/svg" "# + root + ">" + body + "</svg>"
        return try SVGImporter.patternFile(data: Data(text.utf8), file: "d.svg", options: options, kernel: kernel)
    }

    func width(_ raw: PatternFile) -> Double {
        let xs = raw.panels[0].outline.map { $0[0] }
        return xs.max()! - xs.min()!
    }

    func refusal(_ body: () throws -> Void) -> InputError? { Fixture.refusal(body) }

    @Test func svgInAbsoluteUnitsSaysTheScaleItUsed() throws {
        let (raw, problems) = try svg(#"width="200mm" height="100mm" viewBox="0 0 2000 1000""#)
        #expect(problems.isEmpty)
        #expect(abs(width(raw) - 10) < 1e-9, "100 user units of 0.1 mm")
        #expect(raw.notes.first?.contains("read at 1 user unit = 0.1 mm, from width=\"200mm\" over the viewBox's 2000 units") == true, "\(raw.notes)")
    }

    /// Pixels have no fixed length: Inkscape's are 96 per inch, Illustrator's 72, Affinity's
    /// the document's DPI. Known when the file says which program wrote it, or `--dpi` says.
    @Test func svgInPixelsUsesTheExportersDPIOrIsRefused() throws {
        let root = #"width="960px" height="480px" viewBox="0 0 960 480""#
        let unknown = refusal { _ = try svg(root) }
        #expect(unknown?.problem.contains("in pixels") == true && unknown?.problem.contains("--dpi") == true, "\(String(describing: unknown))")

        let inkscape = try svg(root + #" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3""#).0
        #expect(abs(width(inkscape) - 100 * 25.4 / 96) <= 1e-6, "to the 10⁻⁶ mm coordinates are read to")
        #expect(inkscape.notes.first?.contains("Inkscape's 96 px per inch") == true)

        let illustrator = try svg(root, prolog: "<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In -->").0
        #expect(abs(width(illustrator) - 100 * 25.4 / 72) <= 1e-6, "to the 10⁻⁶ mm coordinates are read to")
        #expect(illustrator.notes.first?.contains("Illustrator's 72 px per inch") == true)

        var affinity = ImportOptions()
        affinity.dpi = 300
        let told = try svg(#"width="100%" height="100%" viewBox="0 0 960 480" xmlns:serif="http://www.serif.com/""#, options: affinity).0
        #expect(abs(width(told) - 100 * 25.4 / 300) <= 1e-6, "to the 10⁻⁶ mm coordinates are read to")
        #expect(told.notes.first?.contains("--dpi 300") == true, "\(told.notes)")
    }

    @Test func svgWithoutAUsableSizeIsRefusedUnlessTold() throws {
        let e = refusal { _ = try svg(#"width="100%" height="100%" viewBox="0 0 960 480""#) }
        #expect(e?.problem.contains("no usable size") == true && e?.problem.contains("width=\"100%\"") == true, "\(String(describing: e))")
        #expect(refusal { _ = try svg("") }?.problem.contains("no viewBox") == true)
        var mm = ImportOptions()
        mm.units = .mm
        #expect(abs(width(try svg(#"width="100%""#, options: mm).0) - 100) < 1e-9)
    }

    /// Illustrator writes each layer as a top-level group named by its id (spaces as
    /// `data-name`); Inkscape as a group with `inkscape:groupmode="layer"`.
    @Test func svgLayersOfIllustratorAndInkscapeCount() throws {
        let body = """
            <g id="Layer_1" data-name="CUT"><rect x="0" y="0" width="100" height="50"/></g>
            <g id="GRAIN"><line x1="10" y1="25" x2="90" y2="25"/></g>
            <g id="Layer_2" data-name="Notes"><rect x="200" y="0" width="40" height="40"/></g>
            """
        let (raw, problems) = try svg(#"width="300mm" height="100mm" viewBox="0 0 300 100""#, body: body,
                                      prolog: "<!-- Generator: Adobe Illustrator 27.0.0 -->")
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.count == 1, "only the CUT layer holds pieces: \(raw.panels.map(\.name))")
        let inkscape = """
            <g inkscape:groupmode="layer" inkscape:label="boundary"><rect x="0" y="0" width="100" height="50"/></g>
            <g inkscape:groupmode="layer" inkscape:label="title block"><rect x="200" y="0" width="40" height="40"/></g>
            """
        let (ink, _) = try svg(#"width="300mm" height="100mm" viewBox="0 0 300 100" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape""#,
                               body: inkscape)
        #expect(ink.panels.count == 1)
    }

    /// A plain drawing: closed contours are pieces, open lines (a grain arrow, a title
    /// block's rules) are drawing, noted and not fatal. `--boundary-layer` names the
    /// layers that hold pieces.
    @Test func openLinesOfAPlainDrawingAreNotesAndBoundaryLayersChoose() throws {
        func line(_ layer: String, _ a: (Double, Double), _ b: (Double, Double)) -> String {
            "0\nLINE\n8\n\(layer)\n10\n\(a.0)\n20\n\(a.1)\n11\n\(b.0)\n21\n\(b.1)\n"
        }
        var body = "0\nLWPOLYLINE\n8\nPIECES\n90\n4\n70\n1\n10\n0\n20\n0\n10\n200\n20\n0\n10\n200\n20\n100\n10\n0\n20\n100\n"
        body += "0\nLWPOLYLINE\n8\nFRAME\n90\n4\n70\n1\n10\n-50\n20\n-50\n10\n900\n20\n-50\n10\n900\n20\n500\n10\n-50\n20\n500\n"
        body += line("ARROWS", (20, 50), (180, 50)) + line("TITLE", (600, 0), (880, 0))
        let dxf = Data(ImportTests.entities(body).utf8)
        let (raw, problems) = try DXFImporter.patternFile(data: dxf, file: "plain.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.notes.filter { $0.contains("drawing, not a piece") }.count == 2, "\(raw.notes)")
        #expect(raw.panels.count == 1, "the frame is the only outermost contour: \(raw.panels.count)")
        var pieces = ImportOptions()
        pieces.patternLayers.boundary = ["PIECES"]
        let (chosen, none) = try DXFImporter.patternFile(data: dxf, file: "plain.dxf", options: pieces, kernel: kernel)
        #expect(none.isEmpty && chosen.panels.count == 1)
        #expect(abs(ImportTestsArea.of(chosen.panels[0].outline) - 20_000) < 1e-9, "the piece, not the frame")
    }

    /// A drawing in cm that says METRIC (mm): its pieces are ten times too small for the
    /// style's size. Compared with the sample size, it is caught and the right unit named.
    @Test func unitsOffByTenAreCaughtFromTheStylesSize() throws {
        func pattern(_ sizeSystem: String?, sample: String, longest: Double, material: String = "leather") -> Pattern {
            let r = Ring(points: [Point(0, 0), Point(longest, 0), Point(longest, longest / 3), Point(0, longest / 3)])
            let panel = Panel(name: "front", material: material, shape: Polygon(exterior: r), quantityPerPair: 1, mirroredPairs: false,
                              grain: GrainRule(directionDegrees: 0, toleranceDegrees: 0, reversible: true), minGrade: .D,
                              grading: nil, gradedShapes: [:])
            return Pattern(model: "m", sizeSystem: sizeSystem ?? "", sizes: [sample], baseSize: sample, grading: Grading(), panels: [panel])
        }
        func raw(_ p: Pattern, assumed: Bool = true) -> PatternFile {
            var entry = PatternFile.PanelEntry(name: "front", material: p.panels[0].material, outline: [], holes: nil, quantity: 1,
                                               mirrored_pairs: nil, grain: nil, min_grade: nil, grading: nil, graded: nil)
            entry.materialAssumed = assumed
            var f = PatternFile(format: nil, model: "m", units: "mm", size_system: nil, sizes: [p.baseSize], base_size: p.baseSize,
                                grading: nil, panels: [entry])
            f.sourceUnits = "1 unit = 1 mm, from the text \"Units: METRIC\""
            f.sourceMillimetresPerUnit = 1
            return f
        }
        // A tee front at size 50 drawn in cm: 72 "mm" long.
        let tee = pattern(nil, sample: "50", longest: 72)
        let found = PlausibilityCheck.units(of: tee, raw: raw(tee), file: "tee.dxf")
        #expect(found.first?.problem.contains("garment's girth is about 1000 mm") == true, "\(found)")
        #expect(found.first?.problem.contains("drawn in cm it would be 720 mm") == true, "\(found)")
        #expect(found.first?.problem.contains("Units: METRIC") == true)
        #expect(PlausibilityCheck.units(of: pattern(nil, sample: "50", longest: 720), raw: raw(tee), file: "tee.dxf").isEmpty)
        // A shoe vamp at EU 42 (a 280 mm last) drawn in cm.
        let vamp = pattern("EU", sample: "42", longest: 26)
        let shoe = PlausibilityCheck.units(of: vamp, raw: raw(vamp, assumed: false), file: "vamp.dxf")
        #expect(shoe.first?.problem.contains("the last is about 280 mm") == true && shoe.first?.problem.contains("in cm it would be 260 mm") == true, "\(shoe)")
        // Without a size to compare with, only a gross error is caught for soft goods.
        #expect(PlausibilityCheck.units(of: pattern(nil, sample: "base", longest: 3000), raw: raw(tee), file: "box.dxf").isEmpty)
    }

    /// An imported drawing whose units look wrong says so on import too (a note), not only
    /// in `nest check`.
    @Test func importNotesUnitsThatLookWrong() throws {
        var body = ""
        let corners = [(0.0, 0.0), (72.0, 0.0), (72.0, 30.0), (0.0, 30.0)]
        for i in 0..<4 {
            body += "0\nLINE\n8\n1\n10\n\(corners[i].0)\n20\n\(corners[i].1)\n11\n\(corners[(i + 1) % 4].0)\n21\n\(corners[(i + 1) % 4].1)\n"
        }
        body += "0\nTEXT\n8\n0\n10\n0\n20\n-20\n40\n3\n1\nSample Size: 50\n0\nTEXT\n8\n0\n10\n0\n20\n-30\n40\n3\n1\nUnits: METRIC\n"
        let p = try PatternFiles.readPattern(data: Data(ImportTests.entities(body).utf8), format: .dxf, displayName: "tee.dxf", kernel: kernel)
        #expect(p.notes.contains { $0.contains("the units look wrong") && $0.contains("drawn in cm it would be 720 mm") }, "\(p.notes)")
    }

    /// Hidden content, as Inkscape and Illustrator write it, is not read, with a note: a
    /// hidden layer holding the traced scan's frame once made every piece a hole of it.
    @Test func hiddenLayersAreNotRead() throws {
        let inkscape = #"""
        <g inkscape:groupmode="layer" inkscape:label="Scan" id="layer2" style="display:none">
          <rect id="rect300" x="0" y="0" width="300" height="200"/></g>
        <g inkscape:groupmode="layer" inkscape:label="Pattern" id="layer1">
          <path id="path111" d="m 20,20 h 100 v 60 h -100 z"/>
          <path id="path222" style="visibility:hidden" d="m 150,20 h 100 v 60 h -100 z"/>
          <g visibility="hidden"><path id="path223" visibility="visible" d="m 150,100 h 40 v 40 h -40 z"/>
            <circle cx="250" cy="150" r="10"/></g>
          <path id="path224" display="none" d="m 20,100 h 40 v 40 h -40 z"/></g>
        """#
        let (raw, problems) = try svg(#"width="300mm" height="200mm" viewBox="0 0 300 200" inkscape:version="1.2""#, body: inkscape)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.name).sorted() == ["path111", "path223"], "\(raw.panels.map(\.name))")
        #expect(raw.panels.allSatisfy { ($0.holes ?? []).isEmpty })
        #expect(raw.notes.contains { $0.contains(#"<g id="layer2"> "Scan" is hidden (display: none), so not read: 1 element"#) }, "\(raw.notes)")
        #expect(raw.notes.contains { $0.contains(#"<path id="path222"> is hidden (visibility: hidden), so not read: 1 contour"#) }, "\(raw.notes)")
        #expect(raw.notes.contains { $0.contains(#"<g> is hidden (visibility: hidden), so not read: 1 contour"#) }, "\(raw.notes)")
        #expect(raw.notes.contains { $0.contains(#"<path id="path224"> is hidden (display: none)"#) }, "\(raw.notes)")

        // Illustrator: a hidden layer by a class of its style sheet; the layer's other
        // classes and a second sheet rule for the same class.
        let illustrator = #"""
        <style type="text/css"><![CDATA[ .st0{fill:none;stroke:#000000;} /* hidden layers */
          .st1{display:none;} .st2 , .st3{stroke:#FF0000} ]]></style>
        <g id="Old_x5F_version" class="st1 st0"><rect x="0" y="0" width="300" height="200"/></g>
        <g id="Vamp"><path class="st0" d="M20,20h100v60h-100z"/></g>
        """#
        let (ai, aiProblems) = try svg(#"width="300mm" height="200mm" viewBox="0 0 300 200""#, body: illustrator)
        #expect(aiProblems.isEmpty, "\(aiProblems)")
        #expect(ai.panels.map(\.name) == ["Vamp"])
        #expect(ai.notes.contains { $0.contains(#"<g id="Old_x5F_version"> is hidden (display: none)"#) }, "\(ai.notes)")
    }

    /// A file as Illustrator writes it (`Files/illustrator-layers.svg`, made by hand after
    /// Illustrator 27's SVG export: its generator comment, a style sheet of classes, a layer
    /// hidden by one, a clip group, text in a piece, a dashed line): the pieces take their
    /// layers' names, the hidden layer is not read.
    @Test func illustratorExportReadsAsItShows() throws {
        let data = try Data(contentsOf: ImportTests.files.appendingPathComponent("illustrator-layers.svg"))
        let (raw, problems) = try SVGImporter.patternFile(data: data, file: "illustrator-layers.svg", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.name).sorted() == ["Quarter", "Vamp", "piece-3"], "\(raw.panels.map(\.name))")
        #expect(raw.panels.first { $0.name == "Quarter" }?.holes?.count == 1)
        #expect(raw.notes.contains { $0.contains(#"<g id="Hidden"> is hidden (display: none), so not read: 1 element"#) }, "\(raw.notes)")
        #expect(raw.notes.first?.contains("1 user unit = 0.352777 mm") == true, "\(raw.notes)")
    }

    /// Pieces take the names given in the drawing program's layers panel: an element's
    /// label, or the one group around it; a group around several pieces names none, and
    /// the ids programs number by themselves name nothing when a given name is there.
    @Test func piecesTakeTheNamesGivenInTheLayersPanel() throws {
        let body = #"""
        <g id="layer1" inkscape:groupmode="layer" inkscape:label="Layer 1">
          <path id="path111" inkscape:label="Toe cap" d="m 20,20 h 100 v 60 h -100 z"/>
          <g id="g400" inkscape:label="Heel counter"><path id="path333" d="m 20,100 h 100 v 60 h -100 z"/>
            <circle id="path334" cx="70" cy="130" r="5"/></g>
          <g id="Toe_x5F_cap_x0020_lining"><path d="m 150,20 h 100 v 60 h -100 z"/></g>
          <g id="Linings"><path d="m 150,100 h 40 v 40 h -40 z"/><path d="m 200,100 h 40 v 40 h -40 z"/></g>
          <g id="XMLID_12_"><path d="m 260,20 h 30 v 30 h -30 z"/></g>
        </g>
        """#
        let (raw, problems) = try svg(#"width="300mm" height="200mm" viewBox="0 0 300 200" inkscape:version="1.2""#, body: body)
        #expect(problems.isEmpty, "\(problems)")
        let names = raw.panels.map(\.name)
        #expect(names.count == 6, "\(names)")
        #expect(names.contains("Toe cap") && names.contains("Heel counter") && names.contains("Toe_cap lining"), "\(names)")
        #expect(!names.contains("Linings") && !names.contains("XMLID_12_") && !names.contains("Layer 1"), "\(names)")
        #expect(raw.panels.first { $0.name == "Heel counter" }?.holes?.count == 1)
        #expect(SVGElementName.isGenerated("path1234-5") && SVGElementName.isGenerated("XMLID_12_") && SVGElementName.isGenerated("_123456"))
        #expect(SVGElementName.isGenerated(SVGElementName.decoded("_x3C_Group_x3E_")) && !SVGElementName.isGenerated("Vamp 7"))
    }

    /// Filled shapes as drawing programs export them (`Files/hatches.dxf`, written by ezdxf
    /// with `make-hatches.py`): a HATCH alone is a piece, its boundary read from lines,
    /// clockwise arcs, ellipses and splines; a HATCH filling a drawn outline is that outline,
    /// read once. The areas are those ezdxf gives the same boundaries.
    @Test func hatchesAreReadAsOutlines() throws {
        let data = try Data(contentsOf: ImportTests.files.appendingPathComponent("hatches.dxf"))
        let (raw, problems) = try DXFImporter.patternFile(data: data, file: "hatches.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        let areas = raw.panels.map { ImportTestsArea.of($0.outline) }.sorted()
        #expect(areas.count == 3, "\(areas)")
        for (area, ezdxf) in zip(areas, [4586.4, 6628.8, 10467.4]) {
            #expect(abs(area - ezdxf) < 0.005 * ezdxf, "\(area) against ezdxf's \(ezdxf)")
        }
        #expect(raw.panels.allSatisfy { ($0.holes ?? []).isEmpty })
        #expect(!raw.notes.contains { $0.contains("not read") }, "\(raw.notes)")
    }

    /// Entities the reader does not read are named with their counts; a hatch whose
    /// boundary cannot be read is passed over with a note (the outline it fills is drawn).
    @Test func entitiesNotReadAreNoted() throws {
        func g(_ pairs: [(Int, String)]) -> String { pairs.map { "\($0.0)\n\($0.1)\n" }.joined() }
        let square = g([(0, "LWPOLYLINE"), (8, "1"), (90, "4"), (70, "1"), (10, "0"), (20, "0"), (10, "100"), (20, "0"),
                        (10, "100"), (20, "60"), (10, "0"), (20, "60")])
        let badHatch = g([(0, "HATCH"), (8, "1"), (10, "0"), (20, "0"), (2, "SOLID"), (70, "1"), (71, "0"), (91, "1"),
                          (92, "1"), (93, "1"), (72, "9"), (10, "0"), (20, "0")])
        let others = g([(0, "REGION"), (8, "1"), (0, "POINT"), (8, "13"), (10, "5"), (20, "5"), (0, "POINT"), (8, "13"), (10, "6"), (20, "6")])
        let dxf = ImportTests.entities(square + badHatch + others)
        let (raw, problems) = try DXFImporter.patternFile(data: Data(dxf.utf8), file: "w.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.count == 1)
        #expect(raw.notes.contains { $0.contains("HATCH: the hatch's boundary is not read (an edge of type 9") }, "\(raw.notes)")
        #expect(raw.notes.contains {
            $0.contains("entities not read: 2 POINT (drill holes and marks: not cut), 1 REGION") && $0.contains("explode a REGION or solid into polylines")
        }, "\(raw.notes)")
    }

    /// A layout's title block and frame in paper space (group 67 = 1, as AutoCAD and
    /// BricsCAD write the active layout into ENTITIES) are not read: taken with the model,
    /// the frame made every piece a cut-out of it.
    @Test func paperSpaceIsNotRead() throws {
        func g(_ pairs: [(Int, String)]) -> String { pairs.map { "\($0.0)\n\($0.1)\n" }.joined() }
        func square(_ x: Double, _ y: Double, _ w: Double, _ h: Double, paper: Bool) -> String {
            g([(0, "LWPOLYLINE")] + (paper ? [(67, "1")] : []) + [(8, "0"), (90, "4"), (70, "1"), (10, "\(x)"), (20, "\(y)"),
              (10, "\(x + w)"), (20, "\(y)"), (10, "\(x + w)"), (20, "\(y + h)"), (10, "\(x)"), (20, "\(y + h)")])
        }
        let body = square(10, 10, 100, 60, paper: false) + square(150, 10, 50, 50, paper: false) + square(0, 0, 420, 297, paper: true)
            + g([(0, "TEXT"), (67, "1"), (8, "0"), (10, "300"), (20, "10"), (40, "5"), (1, "Title: upper")])
            + g([(0, "VIEWPORT"), (67, "1"), (8, "0"), (10, "200"), (20, "150")])
        let (raw, problems) = try DXFImporter.patternFile(data: Data(ImportTests.entities(body).utf8), file: "p.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.count == 2 && raw.panels.allSatisfy { ($0.holes ?? []).isEmpty }, "\(raw.panels.map(\.name))")
        #expect(raw.notes.contains { $0.contains("p.dxf: 2 entities in paper space not read") }, "\(raw.notes)")
    }

    /// What a layer turned off or frozen holds does not show in the CAD program and is not
    /// read, with a note per layer: an old version kept on a frozen layer, a reference
    /// circle on a layer turned off (a negative colour). A block inserted on such a layer
    /// goes with it; the other layers read as before.
    @Test func layersTurnedOffOrFrozenAreNotRead() throws {
        func g(_ pairs: [(Int, String)]) -> String { pairs.map { "\($0.0)\n\($0.1)\n" }.joined() }
        let tables = g([(0, "SECTION"), (2, "TABLES"), (0, "TABLE"), (2, "LAYER"), (0, "LAYER"), (2, "Old"), (70, "1"), (62, "7"),
                        (0, "LAYER"), (2, "REF"), (70, "0"), (62, "-5"), (0, "LAYER"), (2, "0"), (70, "0"), (62, "7"), (0, "ENDTAB"), (0, "ENDSEC")])
        let blocks = g([(0, "SECTION"), (2, "BLOCKS"), (0, "BLOCK"), (2, "P2"), (10, "0"), (20, "0"), (0, "CIRCLE"), (8, "0"), (10, "0"), (20, "0"),
                        (40, "20"), (0, "ENDBLK"), (0, "ENDSEC")])
        let entities = g([(0, "LWPOLYLINE"), (8, "0"), (90, "4"), (70, "1"), (10, "10"), (20, "10"), (10, "110"), (20, "10"), (10, "110"), (20, "70"),
                          (10, "10"), (20, "70"),
                          (0, "LWPOLYLINE"), (8, "OLD"), (90, "4"), (70, "1"), (10, "0"), (20, "0"), (10, "300"), (20, "0"), (10, "300"), (20, "200"),
                          (10, "0"), (20, "200"),
                          (0, "CIRCLE"), (8, "REF"), (10, "50"), (20, "40"), (40, "10"),
                          (0, "INSERT"), (8, "OLD"), (2, "P2"), (10, "200"), (20, "50")])
        let dxf = tables + blocks + "0\nSECTION\n2\nENTITIES\n" + entities + "0\nENDSEC\n0\nEOF\n"
        let (raw, problems) = try DXFImporter.patternFile(data: Data(dxf.utf8), file: "f.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.count == 1 && (raw.panels[0].holes ?? []).isEmpty, "\(raw.panels.map(\.name))")
        #expect(raw.notes.contains { $0.contains(#"f.dxf: layer "OLD" is frozen in the drawing, so its 2 entities are not read"#) }, "\(raw.notes)")
        #expect(raw.notes.contains { $0.contains(#"layer "REF" is off in the drawing, so its 1 entity is not read"#) }, "\(raw.notes)")
    }

    /// A scan placed in the drawing is not traced: alone it is refused with what to do, beside
    /// drawn outlines it is named in a note (a hidden one, the traced-over scan, in none).
    @Test func imagesAreNotTracedAndSaySo() throws {
        let root = #"width="300mm" height="200mm" viewBox="0 0 300 200""#
        let image = #"<image x="0" y="0" width="300" height="200" href="data:image/png;base64,iVBORw0KGgo="/>"#
        let alone = refusal { _ = try svg(root, body: image) }
        #expect(alone?.item.contains("<image>") == true && alone?.problem.contains("does not trace images") == true, "\(String(describing: alone))")
        let (raw, problems) = try svg(root, body: image + #"<rect x="20" y="20" width="50" height="40"/>"#)
        #expect(problems.isEmpty && raw.panels.count == 1)
        #expect(raw.notes.contains { $0.contains("an embedded image (a scan or photo) not read") }, "\(raw.notes)")
        let (hidden, _) = try svg(root, body: #"<g style="display:none">"# + image + #"</g><rect x="20" y="20" width="50" height="40"/>"#)
        #expect(!hidden.notes.contains { $0.contains("embedded image") }, "\(hidden.notes)")
    }

    /// Text as AutoCAD writes characters beyond the code page (`\U+00E9`) and TEXT's control
    /// codes (`%%d`, `%%p`, `%%c`): a piece named "Gelenkstück" is not "Gelenkst+00FCck".
    @Test func dxfTextEscapesAreRead() throws {
        #expect(DXFDrawingBuilder.decodedText(#"Gelenkst\U+00FCck %%p0.5%%d %%c3 100%%% %%uA%%u %%065"#) == "Gelenkstück ±0.5° Ø3 100% A A")
        #expect(DXFDrawingBuilder.plainMText(#"{\fArial|b1;Size: 7\S1/2;}\PQty"#) == "Size: 7 1/2\nQty")
        func g(_ pairs: [(Int, String)]) -> String { pairs.map { "\($0.0)\n\($0.1)\n" }.joined() }
        let body = g([(0, "LWPOLYLINE"), (8, "1"), (90, "4"), (70, "1"), (10, "0"), (20, "0"), (10, "100"), (20, "0"), (10, "100"), (20, "60"),
                      (10, "0"), (20, "60"),
                      (0, "MTEXT"), (8, "1"), (10, "10"), (20, "30"), (1, #"{\fArial|b1;Piece Name: Gelenkst\U+00FCck}\PQuantity: 2"#)])
        let (raw, problems) = try DXFImporter.patternFile(data: Data(ImportTests.entities(body).utf8), file: "t.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.name) == ["Gelenkstück"] && raw.panels.first?.quantity == 2, "\(raw.panels.map(\.name))")
    }

    /// A piece's one plain text names it ("Toe cap" written inside the outline), unless
    /// another piece has the same text (two "Lining") or it is a bare number (a size).
    @Test func plainTextInsideAPieceNamesIt() throws {
        let body = #"""
        <rect x="0" y="0" width="100" height="60"/><text x="10" y="30">Toe cap</text>
        <rect x="120" y="0" width="100" height="60"/><text x="130" y="30">Lining</text>
        <rect x="240" y="0" width="50" height="60"/><text x="250" y="30">Lining</text>
        <rect x="0" y="100" width="100" height="60"/><text x="10" y="130">7</text>
        <rect x="120" y="100" width="100" height="60"/><text x="130" y="130">Heel counter</text><text x="130" y="140">Quantity: 2</text>
        """#
        let (raw, problems) = try svg(#"width="300mm" height="200mm" viewBox="0 0 300 200""#, body: body)
        #expect(problems.isEmpty, "\(problems)")
        let names = raw.panels.map(\.name)
        #expect(names.contains("Toe cap") && names.contains("Heel counter") && !names.contains("Lining") && !names.contains("7"), "\(names)")
        #expect(raw.panels.first { $0.name == "Heel counter" }?.quantity == 2)

        // Two sizes of one piece drawn loose, each with its size: one graded piece.
        let graded = #"""
        <rect x="0" y="0" width="100" height="60"/><text x="10" y="30">Vamp</text><text x="10" y="40">Size: 8</text>
        <rect x="120" y="0" width="104" height="62"/><text x="130" y="30">Vamp</text><text x="130" y="40">Size: 9</text>
        """#
        let (g, gProblems) = try svg(#"width="300mm" height="200mm" viewBox="0 0 300 200""#, body: graded)
        #expect(gProblems.isEmpty, "\(gProblems)")
        #expect(g.panels.map(\.name) == ["Vamp"] && g.sizes == ["8", "9"], "\(g.panels.map(\.name)) \(g.sizes)")
    }

    /// A piece drawn for either foot — the second outline the mirror image of the first,
    /// turned anyhow — is one piece cut as a mirrored pair; a plain copy is refused saying so.
    @Test func aPieceDrawnWithItsMirrorImageIsAMirroredPair() throws {
        let root = #"width="1000mm" height="600mm" viewBox="0 0 1000 600""#
        let quarter = #"<path d="M0,0 L120,0 L110,30 Q60,95 0,40 Z"/><text x="30" y="20">Quarter</text>"#
        // A square with one notch off its middle: principal axes undetermined, turned 23°.
        let patch = #"<path d="M0,0 L100,0 L100,100 L70,100 L70,90 L60,90 L60,100 L0,100 Z"/><text x="20" y="40">Patch</text>"#
        let body = quarter + #"<g transform="translate(400,0) scale(-1,1)">\#(quarter)</g>"#
            + #"<g transform="translate(0,200)">\#(patch)</g><g transform="translate(400,300) rotate(23) scale(-1,1)">\#(patch)</g>"#
        let (raw, problems) = try svg(root, body: body)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.name).sorted() == ["Patch", "Quarter"], "\(raw.panels.map(\.name))")
        for panel in raw.panels {
            #expect(panel.quantity == 2 && panel.mirrored_pairs == true, "\(panel.name)")
        }
        #expect(raw.notes.filter { $0.contains("is the mirror image of") }.count == 2, "\(raw.notes)")

        // The same outline again, only turned: refused, saying it is the same outline.
        let named = quarter.replacingOccurrences(of: ">Quarter<", with: ">Piece Name: Quarter<")
        let (_, copyProblems) = try svg(root, body: named + #"<g transform="translate(400,300) rotate(90)">\#(named)</g>"#)
        #expect(copyProblems.contains { $0.problem.contains("is drawn again, the same outline") }, "\(copyProblems)")
        // A different outline under the same name is still a second piece.
        let other = #"<path d="M0,0 L120,0 L110,30 Q60,95 0,40 Z"/><text x="30" y="20">Piece Name: Quarter</text>"#
            + #"<g transform="translate(400,0) scale(-1.2,1)"><path d="M0,0 L120,0 L110,30 Q60,95 0,40 Z"/><text x="30" y="20">Piece Name: Quarter</text></g>"#
        let (_, otherProblems) = try svg(root, body: other)
        #expect(otherProblems.contains { $0.problem.contains("a second piece \"Quarter\"") }, "\(otherProblems)")

        // Quantities: each side drawn with its own; unequal ones are refused.
        func sides(_ left: String, _ right: String) throws -> (PatternFile, [InputError]) {
            func piece(_ q: String) -> String { #"<path d="M0,0 L120,0 L110,30 Q60,95 0,40 Z"/><text x="30" y="20">Piece Name: Vamp</text><text x="30" y="30">Quantity: \#(q)</text>"# }
            return try svg(root, body: piece(left) + #"<g transform="translate(400,0) scale(-1,1)">\#(piece(right))</g>"#)
        }
        let (two, twoProblems) = try sides("2", "2")
        #expect(twoProblems.isEmpty && two.panels.first?.quantity == 4 && two.panels.first?.mirrored_pairs == true, "\(twoProblems)")
        let (_, unequal) = try sides("1", "2")
        #expect(unequal.contains { $0.problem.contains("quantities \"1\" and \"2\"") }, "\(unequal)")

        // In DXF: an outline with an arc (a bulge), its mirror image turned a quarter.
        func g(_ pairs: [(Int, String)]) -> String { pairs.map { "\($0.0)\n\($0.1)\n" }.joined() }
        func lwpolyline(_ points: [(Double, Double, Double)]) -> String {
            g([(0, "LWPOLYLINE"), (8, "1"), (90, "\(points.count)"), (70, "1")]
                + points.flatMap { [(10, "\($0.0)"), (20, "\($0.1)"), (42, "\($0.2)")] })
        }
        func text(_ x: Double, _ y: Double) -> String { g([(0, "TEXT"), (8, "1"), (10, "\(x)"), (20, "\(y)"), (40, "3"), (1, "Piece Name: Tongue")]) }
        let left: [(Double, Double, Double)] = [(0, 0, 0), (80, 0, 0.4), (80, 150, 0), (10, 120, 0)]
        // Mirror x → −x, then turn 90° (x, y) → (−y, x), then shift; a mirror reverses every bulge.
        let right = left.map { (x: Double, y: Double, b: Double) in (-y + 500, -x + 300, -b) }
        let dxf = lwpolyline(left) + text(30, 40) + lwpolyline(right) + text(460, 270)
        let (tongue, tongueProblems) = try DXFImporter.patternFile(data: Data(ImportTests.entities(dxf).utf8), file: "t.dxf",
                                                                   options: ImportOptions(), kernel: kernel)
        #expect(tongueProblems.isEmpty, "\(tongueProblems)")
        #expect(tongue.panels.map(\.name) == ["Tongue"] && tongue.panels.first?.mirrored_pairs == true && tongue.panels.first?.quantity == 2)
    }

    /// Illustrator's "preserve editing capabilities" wraps the drawing in a `switch`: its
    /// own data in a `foreignObject` that asks for an extension, then the drawing.
    @Test func illustratorSwitchDrawsTheDrawing() throws {
        let body = #"""
        <switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" x="0" y="0" width="1" height="1">
          <i:pgfRef xlink:href="#adobe_illustrator_pgf"/></foreignObject>
          <g i:extraneous="self"><g id="Quarter"><polygon points="0,0 100,0 100,50 0,50"/></g></g>
          <g><rect x="0" y="0" width="10" height="10"/></g></switch>
        """#
        let (raw, problems) = try svg(#"width="300mm" height="200mm" viewBox="0 0 300 200""#, body: body)
        #expect(problems.isEmpty, "\(problems)")
        #expect(raw.panels.map(\.name) == ["Quarter"], "\(raw.panels.map(\.name))")
    }
}

enum ImportTestsArea {
    static func of(_ points: [[Double]]) -> Double { CADQuantityAndFoldTests.area(points) }
}
