import Foundation
import NestGeometry
@testable import NestIO
import NestModel
import Testing

/// Files a black-box sweep of the importers found misread (Tests/NestIOTests/Files/sweep,
/// with their provenance): each reads as drawn, or is refused naming the file, the item
/// and the problem.
struct ImportSweepTests {
    static let files = ImportTests.files.appendingPathComponent("sweep")
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    func file(_ name: String) -> String { Self.files.appendingPathComponent(name).path }

    func pattern(_ name: String, options: ImportOptions = ImportOptions()) throws -> Pattern {
        try DXFImporter.readPattern(path: file(name), displayName: name, options: options, kernel: kernel)
    }

    /// The refusal `body` throws, or nil when it reads.
    func refusal(_ body: () throws -> Void) -> InputError? { Fixture.refusal(body) }

    /// A SPLINE that returns to its start up to float rounding (1e-14 mm) closes exactly,
    /// as a LINE chain closed within the join tolerance does; it was refused as "ring is
    /// not closed".
    @Test func splineClosedUpToRoundingIsOnePiece() throws {
        let circle = try pattern("spline_nurbs_circle.dxf")
        let piece = try #require(circle.panels.first)
        #expect(circle.panels.count == 1)
        let exact = Double.pi * 50 * 50
        #expect(abs(piece.shape.area - exact) <= piece.shape.exterior.perimeter * ImportOptions().chordTolerance,
                "\(piece.shape.area) vs \(exact)")
        let fit = try pattern("spline_fit.dxf")
        #expect(fit.panels.count == 1)
    }

    /// A hide drawing with two separate outlines is two hides, which a hide file cannot
    /// hold: refused naming both, where the second used to be dropped without a word.
    @Test func hideWithTwoOutlinesIsRefused() throws {
        let name = "hide_two_outlines.dxf"
        let e = try #require(refusal { _ = try DXFImporter.readHide(path: file(name), displayName: name, kernel: kernel) })
        #expect(e.file == name && e.item.contains("LWPOLYLINE") && e.item.contains("\"OUTLINE\""), "\(e)")
        #expect(e.problem.contains("a hide has one outline") && e.problem.contains("0.3 m²") && e.problem.contains("0.6 m²"), "\(e)")
    }

    /// A hole reaching outside the hide, or into another hole, is refused with the entities
    /// named (the hide's own check names only a point); a sound hide reads.
    @Test func badHolesAreNamedByTheirEntities() throws {
        for (name, what) in [("hide_hole_cross.dxf", "reaches outside the hide outline"), ("hide_hole_outside.dxf", "reaches outside the hide outline"),
                             ("hide_holes_overlap.dxf", "overlap at")] {
            let e = try #require(refusal { _ = try DXFImporter.readHide(path: file(name), displayName: name, kernel: kernel) })
            #expect(e.problem.contains(what) && e.item.contains("LWPOLYLINE on layer \"HOLE\""), "\(name): \(e)")
        }
        let square = Ring(points: [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
        func found(_ r: Ring, _ source: String) -> FoundRing { FoundRing(ring: r, layer: "HOLE", source: source) }
        let inside = found(Ring(points: [Point(2, 2), Point(4, 2), Point(4, 4)]), "a")
        let touching = found(Ring(points: [Point(4, 2), Point(6, 2), Point(6, 4)]), "b")  // shares a vertex with a
        #expect(HideAssembler.holeProblems([inside, touching], outline: found(square, "o"), file: "f").isEmpty)
    }

    /// A hide in the wrong units names where its unit came from ($INSUNITS), not the
    /// millimetres of the converted drawing.
    @Test func hideUnitsMessageNamesInsunits() throws {
        let name = "hide_noinsunits_in.dxf"
        let e = try #require(refusal { _ = try DXFImporter.readHide(path: file(name), displayName: name, kernel: kernel) })
        #expect(e.problem.contains("units look wrong") && e.problem.contains("1 unit = 1000 mm, from the header's $INSUNITS"), "\(e)")
        #expect(!e.problem.contains("the file says"), "\(e)")
    }

    /// A nested `<svg>` maps its viewBox into its viewport, as a browser draws it.
    @Test func nestedSVGViewportIsApplied() throws {
        let raw = try SVGImporter.patternFile(data: Data(contentsOf: Self.files.appendingPathComponent("t_nested_svg2.svg")),
                                              file: "t_nested_svg2.svg", options: ImportOptions(), kernel: kernel)
        #expect(raw.1.isEmpty, "\(raw.1)")
        let box = Ring(points: try #require(raw.0.panels.first).outline.map { Point($0[0], $0[1]) }).bounds
        // x 50 + 2 × [0, 100], y 50 + 2 × [0, 50] (y flipped: −150 … −50).
        #expect(abs(box.minX - 50) < 1e-9 && abs(box.maxX - 250) < 1e-9 && abs(box.minY + 150) < 1e-9 && abs(box.maxY + 50) < 1e-9, "\(box)")

        func read(_ nested: String, _ body: String) throws -> (PatternFile, [InputError]) {
            let text = #"<svg xmlns="http://www.w3.org/2000/svg" width="500mm" height="500mm" viewBox="0 0 500 500">"#
                + "<svg \(nested)>\(body)</svg></svg>"
            return try SVGImporter.patternFile(data: Data(text.utf8), file: "n.svg", options: ImportOptions(), kernel: kernel)
        }
        let square = #"<rect x="0" y="0" width="100" height="100"/>"#
        // meet, centred: a 100 × 100 viewBox in 400 × 200 scales by 2 and sits 100 in from the left.
        let meet = try read(#"x="0" y="0" width="400" height="200" viewBox="0 0 100 100""#, square)
        let xs = try #require(meet.0.panels.first).outline.map { $0[0] }
        #expect(meet.1.isEmpty && xs.min() == 100 && xs.max() == 300, "\(xs) \(meet.1)")
        // A size in percent of the parent, and a drawing a browser would clip: refused, with the reason.
        let percent = try read(#"width="50%" height="100" viewBox="0 0 10 10""#, square).1
        #expect(percent.first?.problem.contains("\"50%\", a share of the parent viewport") == true, "\(percent)")
        let clipped = try read(#"width="50" height="50""#, square).1
        #expect(clipped.first?.problem.contains("outside the viewport of the nested <svg>") == true, "\(clipped)")
        #expect(try read(#"width="50" height="50" overflow="visible""#, square).1.isEmpty)
    }

    /// `use` draws what it refers to, where a browser draws it: a path from `defs` moved by
    /// x and y, an Illustrator symbol through its viewBox, mirrored by the use's transform; each
    /// use's id names its piece. A reference to nothing, to another file or to itself is refused.
    @Test func useElementsDrawWhatTheyReferTo() throws {
        func read(_ body: String) throws -> (PatternFile, [InputError]) {
            let text = #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" "#
                + #"width="500mm" height="500mm" viewBox="0 0 500 500">"# + body + "</svg>"
            return try SVGImporter.patternFile(data: Data(text.utf8), file: "u.svg", options: ImportOptions(), kernel: kernel)
        }
        func box(_ p: PatternFile.PanelEntry) -> Rect { Ring(points: p.outline.map { Point($0[0], $0[1]) }).bounds }
        let defs = try read(#"<defs><path id="p" d="M0 0 H40 V20 H0 Z"/></defs>"#
            + ##"<use id="left" href="#p" x="10" y="10"/><use id="right" xlink:href="#p" transform="translate(200 0) scale(-1 1)" x="10" y="10"/>"##)
        #expect(defs.1.isEmpty, "\(defs.1)")
        #expect(defs.0.panels.map(\.name).sorted() == ["left", "right"], "\(defs.0.panels.map(\.name))")
        let left = try #require(defs.0.panels.first { $0.name == "left" }), right = try #require(defs.0.panels.first { $0.name == "right" })
        #expect(box(left) == Rect(minX: 10, minY: -30, maxX: 50, maxY: -10), "\(box(left))")
        #expect(box(right) == Rect(minX: 150, minY: -30, maxX: 190, maxY: -10), "\(box(right))")

        // Illustrator: a symbol with its own viewBox, placed by a use's width, height and matrix.
        let symbol = try read(#"<symbol id="Quarter" viewBox="-60 -30 120 60"><path d="M-60,-30h100l20,30l-20,30h-100z"/></symbol>"#
            + ##"<use xlink:href="#Quarter" width="240" height="120" x="-120" y="-60" transform="matrix(1 0 0 1 200 100)"/>"##)
        #expect(symbol.1.isEmpty, "\(symbol.1)")
        let quarter = try #require(symbol.0.panels.first)
        // Scaled by 2 about the symbol's centre, which the matrix puts at (200, 100).
        #expect(box(quarter) == Rect(minX: 80, minY: -160, maxX: 320, maxY: -40), "\(box(quarter))")
        #expect(abs(CADQuantityAndFoldTests.area(quarter.outline) - 4 * 6600) < 1e-6)

        // An id given twice: the first in the document is the one drawn, as in a browser.
        let twice = try read(##"<defs><path id="p" d="M0 0 H40 V20 H0 Z"/><path id="p" d="M0 0 H10 V10 H0 Z"/></defs><use href="#p"/>"##)
        #expect(twice.1.isEmpty && twice.0.panels.count == 1 && box(twice.0.panels[0]).maxX == 40, "\(twice)")

        // Uses of uses multiply: forty levels of two would draw 2⁴⁰ copies. Refused, at once.
        var laughs = ##"<defs><g id="a0"/>"##
        for k in 1...40 { laughs += ##"<g id="a\##(k)"><use href="#a\##(k - 1)"/><use href="#a\##(k - 1)"/></g>"## }
        let many = try read(laughs + ##"</defs><use href="#a40"/><rect width="10" height="10"/>"##).1
        #expect(many.contains { $0.problem.contains("more than 10000 elements drawn through <use>") }, "\(many)")
        var squares = ##"<defs><rect id="a0" width="1" height="1"/>"##
        for k in 1...40 { squares += ##"<g id="a\##(k)"><use href="#a\##(k - 1)"/><use href="#a\##(k - 1)" x="1"/></g>"## }
        #expect(try !read(squares + ##"</defs><use href="#a40"/>"##).1.isEmpty)

        for (body, words) in [(##"<use href="#nothing"/>"##, "no element of the drawing has that id"),
                              (##"<use href="parts.svg#a"/>"##, "outside this drawing"),
                              (##"<use x="3"/>"##, "no href"),
                              (##"<g id="a"><rect width="10" height="10"/><use href="#a" x="20"/></g>"##, "a cycle")] {
            let problems = try read(body).1
            #expect(problems.first?.problem.contains(words) == true && problems.first?.item.contains("<use>") == true, "\(body): \(problems)")
        }
    }

    /// A CSS transform in a style attribute is refused (it is not read), the attribute form
    /// applied.
    @Test func cssTransformIsRefusedNotIgnored() throws {
        func read(_ group: String) throws -> (PatternFile, [InputError]) {
            let text = #"<svg xmlns="http://www.w3.org/2000/svg" width="500mm" height="500mm" viewBox="0 0 500 500">"#
                + #"<g \#(group)><rect x="0" y="0" width="100" height="50"/></g></svg>"#
            return try SVGImporter.patternFile(data: Data(text.utf8), file: "s.svg", options: ImportOptions(), kernel: kernel)
        }
        let css = try read(#"style="fill:none; Transform : scale(2)""#).1
        #expect(css.first?.problem.contains("CSS transform") == true && css.first?.item == "line 1 <g>", "\(css)")
        let attribute = try read(#"transform="scale(2)" style="fill:none""#)
        #expect(attribute.1.isEmpty)
        let xs = try #require(attribute.0.panels.first).outline.map { $0[0] }
        #expect(xs.max() == 200)
    }

    /// Blocks inserted in blocks multiply: a file that would place a block half a million
    /// times, or nest blocks deeper than 16 levels, is refused at once with what it does.
    @Test func insertsOfInsertsAreBounded() throws {
        func read(_ blocks: String, _ insert: String) -> InputError? {
            let dxf = "0\nSECTION\n2\nBLOCKS\n" + blocks + "0\nENDSEC\n"
                + ImportTests.entities("0\nINSERT\n8\n0\n2\n\(insert)\n10\n0\n20\n0\n"
                    + "0\nLWPOLYLINE\n8\n1\n90\n4\n70\n1\n10\n0\n20\n0\n10\n200\n20\n0\n10\n200\n20\n100\n10\n0\n20\n100\n")
            do {
                _ = try DXFImporter.patternFile(data: Data(dxf.utf8), file: "b.dxf", options: ImportOptions(), kernel: kernel)
                return nil
            } catch let e as InputError {
                return e
            } catch {
                return nil
            }
        }
        func block(_ name: String, _ body: String) -> String { "0\nBLOCK\n2\n\(name)\n10\n0\n20\n0\n" + body + "0\nENDBLK\n" }
        func inserts(_ name: String, _ n: Int) -> String { String(repeating: "0\nINSERT\n8\n0\n2\n\(name)\n10\n0\n20\n0\n", count: n) }
        let point = "0\nPOINT\n8\n0\n10\n0\n20\n0\n"
        let wide = block("B0", point) + block("B1", inserts("B0", 700)) + block("B2", inserts("B1", 700))
        let many = try #require(read(wide, "B2"))
        #expect(many.problem.contains("more than 200000 block placements"), "\(many)")
        var deep = block("D0", point)
        for k in 1...20 { deep += block("D\(k)", inserts("D\(k - 1)", 1)) }
        let tooDeep = try #require(read(deep, "D20"))
        #expect(tooDeep.problem.contains("inserts deep") && !tooDeep.problem.contains("inserts itself"), "\(tooDeep)")
        #expect(read(wide, "B1") == nil, "700 placements are read")
    }

    /// MINSERT: an array of a piece block is refused (a pattern inserts each piece once);
    /// an array inside a piece (a grid of punch holes) is drawn, rows × columns.
    @Test func minsertArraysAreDrawnOrRefused() throws {
        let name = "minsert.dxf"
        let e = try #require(refusal { _ = try pattern(name) })
        #expect(e.item.contains("INSERT \"P\"") && e.problem.contains("2 rows × 2 columns"), "\(e)")

        let dxf = """
            0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nHOLE\n10\n0\n20\n0\n0\nCIRCLE\n8\n11\n10\n0\n20\n0\n40\n5\n0\nENDBLK\n\
            0\nBLOCK\n2\nPIECE\n10\n0\n20\n0\n0\nLWPOLYLINE\n8\n1\n90\n4\n70\n1\n10\n0\n20\n0\n10\n200\n20\n0\n10\n200\n20\n100\n10\n0\n20\n100\n\
            0\nINSERT\n8\n0\n2\nHOLE\n10\n20\n20\n20\n70\n3\n71\n2\n44\n30\n45\n40\n0\nENDBLK\n0\nENDSEC\n
            """ + ImportTests.entities("0\nINSERT\n8\n0\n2\nPIECE\n10\n0\n20\n0\n")
        let (raw, problems) = try DXFImporter.patternFile(data: Data(dxf.utf8), file: "m.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty, "\(problems)")
        let holes = try #require(raw.panels.first?.holes)
        #expect(holes.count == 6)
        let centres = Set(holes.map { h in
            let b = Ring(points: h.map { Point($0[0], $0[1]) }).bounds
            return "\(Int(((b.minX + b.maxX) / 2).rounded())),\(Int(((b.minY + b.maxY) / 2).rounded()))"
        })
        #expect(centres == ["20,20", "50,20", "80,20", "20,60", "50,60", "80,60"], "\(centres)")
    }

    /// An R12 file in Windows-1252 ($DWGCODEPAGE ANSI_1252) reads its accented letters.
    @Test func codePageOfR12TextIsRead() throws {
        #expect(try pattern("r12_cp1252.dxf").panels.map(\.name) == ["Zähne°"])
        #expect(try pattern("r12_cp1252_two.dxf").panels.map(\.name).sorted() == ["Kappe Ä", "Kappe Ö"])
        // A file that is valid UTF-8 stays UTF-8, whatever its header says.
        let utf8 = ImportTests.entities("0\nLWPOLYLINE\n8\n0\n70\n1\n10\n0\n20\n0\n10\n100\n20\n0\n10\n100\n20\n50\n10\n0\n20\n50\n"
            + "0\nTEXT\n8\n0\n10\n10\n20\n10\n40\n3\n1\nPiece Name: Zähne\n")
        let header = "0\nSECTION\n2\nHEADER\n9\n$DWGCODEPAGE\n3\nANSI_1252\n0\nENDSEC\n"
        let raw = try DXFImporter.patternFile(data: Data((header + utf8).utf8), file: "u.dxf", options: ImportOptions(), kernel: kernel).0
        #expect(raw.panels.map(\.name) == ["Zähne"])
    }

    /// A piece that cannot be cut as drawn is refused with that reason, not as "quantity 0";
    /// an outline drawn twice is read once, and the note says so.
    @Test func brokenAndDuplicateOutlinesSayWhatHappened() throws {
        for name in ["bowtie.dxf", "overlap.dxf"] {
            let e = try #require(refusal { _ = try pattern(name) })
            #expect(e.problem.contains("no piece can be cut as drawn") && !e.problem.contains("quantity 0"), "\(name): \(e)")
        }
        #expect(try #require(refusal { _ = try pattern("bowtie.dxf") }).problem.contains("the outline crosses itself"))
        // Two overlapping rectangles: the second is read as a cut-out reaching over the outline.
        let overlap = try #require(refusal { _ = try pattern("overlap.dxf") }).problem
        #expect(overlap.contains("a cut-out") && overlap.contains("crosses the outline") && !overlap.contains("crosses itself"), "\(overlap)")
        let (raw, problems) = try DXFImporter.patternFile(data: Data(contentsOf: Self.files.appendingPathComponent("duplicate.dxf")),
                                                          file: "duplicate.dxf", options: ImportOptions(), kernel: kernel)
        #expect(problems.isEmpty && raw.panels.count == 1)
        #expect(raw.notes.contains { $0.contains("drawn twice") && $0.contains("LWPOLYLINE") }, "\(raw.notes)")
        #expect(!raw.notes.contains { $0.contains("crosses itself") }, "\(raw.notes)")
        #expect(CADQuantityAndFoldTests.area(try #require(raw.panels.first).outline) == 5000)
    }

    /// One SVG path of two separate outlines is refused saying so, not as a piece that
    /// repeats itself.
    @Test func compoundPathOfSeparateShapesIsRefusedSayingSo() throws {
        let problems = try SVGImporter.patternFile(data: Data(contentsOf: Self.files.appendingPathComponent("t_compound.svg")),
                                                   file: "t_compound.svg", options: ImportOptions(), kernel: kernel).1
        let e = try #require(problems.first)
        #expect(e.item.contains("<path id=\"two\">") && !e.item.contains("subpath"), "\(e)")
        #expect(e.problem.contains("one element holds separate outlines (subpath 1 and subpath 2"), "\(e)")
        #expect(!e.problem.contains("a second piece"), "\(e)")
    }

    /// A SPLINE given by fit points only follows the curve through them, not straight
    /// chords between them (2.5 % of the area lost on this ellipse).
    @Test func fitPointSplineIsInterpolated() throws {
        let piece = try #require(try pattern("spline_fit_exact.dxf").panels.first)
        let exact = Double.pi * 100 * 60
        #expect(abs(piece.shape.area - exact) / exact < 0.005, "\(piece.shape.area) vs \(exact)")
        // It passes through the fit points, as drawn (the file's frame).
        let raw = try DXFImporter.patternFile(data: Data(contentsOf: Self.files.appendingPathComponent("spline_fit_exact.dxf")),
                                              file: "spline_fit_exact.dxf", options: ImportOptions(), kernel: kernel).0
        let outline = try #require(raw.panels.first).outline.map { Point($0[0], $0[1]) }
        #expect(outline.count > 17 * 2, "\(outline.count) points: not just the fit points")
        for a in stride(from: 0.0, to: 2 * Double.pi, by: Double.pi / 8) {
            let p = Point(100 * cos(a), 60 * sin(a))
            #expect(outline.contains { $0.distance(to: p) < 1e-6 }, "misses \(p)")
        }
    }
}
