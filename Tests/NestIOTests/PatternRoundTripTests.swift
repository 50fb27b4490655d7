import Foundation
import NestGeometry
@testable import NestIO
import NestModel
import Testing

/// The shipped pattern written as DXF and SVG by this project's writers and read back:
/// the same pattern, every panel within the chord tolerance in area and Hausdorff distance.
struct PatternRoundTripTests {
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    static func runner(_ kernel: GeometryKernel) throws -> Pattern {
        let path = RoundTripTests.patterns.appendingPathComponent("runner.json").path
        return try PatternReader.read(path: path, displayName: path, kernel: kernel)
    }

    func compare(_ a: Pattern, _ b: Pattern, format: String) throws {
        #expect(b.model == a.model && b.sizes == a.sizes && b.baseSize == a.baseSize && b.grading == a.grading)
        #expect(b.panels.map(\.name) == a.panels.map(\.name))
        var worstArea = 0.0, worstHausdorff = 0.0
        for (p, q) in zip(a.panels, b.panels) {
            #expect(p.material == q.material && p.quantityPerPair == q.quantityPerPair && p.mirroredPairs == q.mirroredPairs)
            #expect(p.minGrade == q.minGrade && p.grain == q.grain && p.grading == q.grading)
            let da = abs(try kernel.area(p.shape) - kernel.area(q.shape))
            let dh = try kernel.hausdorffDistance([p.shape], [q.shape])
            worstArea = max(worstArea, da)
            worstHausdorff = max(worstHausdorff, dh)
            #expect(dh <= ImportOptions().chordTolerance, "\(format) \(p.name): Hausdorff \(dh)")
            #expect(da <= ImportOptions().chordTolerance * p.shape.exterior.perimeter, "\(format) \(p.name): area \(da)")
            #expect(q.shape.holes.count == p.shape.holes.count)
        }
        print("round trip \(format): largest area difference \(worstArea) mm², largest Hausdorff distance \(worstHausdorff) mm")
    }

    @Test func runnerThroughDXF() throws {
        let pattern = try Self.runner(kernel)
        let f = try Fixture()
        let path = try f.write("runner.dxf", PatternDXFWriter.document(pattern))
        let back = try DXFImporter.readPattern(path: path, displayName: path, kernel: kernel)
        try compare(pattern, back, format: "DXF")
        #expect(PatternDXFWriter.document(back) == PatternDXFWriter.document(pattern))
    }

    @Test func runnerThroughSVG() throws {
        let pattern = try Self.runner(kernel)
        let f = try Fixture()
        let path = try f.write("runner.svg", PatternSVGWriter.document(pattern))
        let back = try SVGImporter.readPattern(path: path, displayName: path, kernel: kernel)
        try compare(pattern, back, format: "SVG")
    }

    @Test func gradedSetThroughJSONAndDXF() throws {
        let path = ImportTests.files.appendingPathComponent("graded-vamp.dxf").path
        let pattern = try DXFImporter.readPattern(path: path, displayName: path, kernel: kernel)
        // Normalized JSON writes every number exactly: reading it back gives the same pattern,
        // bit for bit (and the importer's notes).
        func text(_ p: Pattern) -> String { NormalizedJSON.pattern(p).serialized() }
        let f = try Fixture()
        let json = try f.write("graded.json", text(pattern))
        let fromJSON = try PatternReader.read(path: json, displayName: json, kernel: kernel)
        #expect(fromJSON.panels == pattern.panels && fromJSON.notes == pattern.notes)
        #expect(text(fromJSON) == text(pattern))
        #expect(fromJSON.panels[0].gradedShapes.count == 2)
        // DXF keeps ten decimals: the same pattern within the chord tolerance.
        let dxf = try f.write("graded.dxf", PatternDXFWriter.document(pattern))
        let fromDXF = try DXFImporter.readPattern(path: dxf, displayName: dxf, kernel: kernel)
        try compare(pattern, fromDXF, format: "DXF")
        #expect(fromDXF.panels[0].gradedShapes.keys == pattern.panels[0].gradedShapes.keys)
    }
    /// A pattern drawn in metres (a clockwise outline, a grain at 33°) and the same pattern
    /// as this project's writers put it in millimetres: read back from DXF and SVG, every
    /// coordinate and the grain are the JSON's to the bit, so the three files give one nest.
    /// (Before coordinates were read to 10⁻⁶ mm, 0.2242 m read as 224.20000000000002 mm;
    /// and a closed SVG path dropped its last point when it lay within the join tolerance
    /// of its first, as on a dense outline.)
    @Test func aPatternInMetresReadsTheSameFromEveryFormat() throws {
        let f = try Fixture()
        // A dense outline: 600 points 0.094 mm apart, its last as close to its first.
        let dense = (0..<600).map { k -> String in
            let t = Double(k) * 2 * Double.pi / 600
            return String(format: "[%.6f, %.6f]", 0.009 * cos(t), 0.02 + 0.009 * sin(t))
        }.joined(separator: ", ")
        let json = try f.write("metres.json", """
            {"format": "nest-pattern/1", "model": "metres", "units": "m", "sizes": ["6", "7", "8"], "base_size": "7",
             "grading": {"length_percent_per_step": 1.5},
             "panels": [{"name": "star", "material": "textile", "quantity": 2, "mirrored_pairs": true,
                         "outline": [[-0.1846, -0.3137], [-0.5974, -0.3469], [-0.2626, -0.0192], [-0.5819, 0.3236],
                                     [-0.2342, 0.3868], [0.0066, 0.6454], [0.1316, 0.2059], [0.5795, 0.2967],
                                     [0.3212, -0.0328], [0.564, -0.3738], [0.1482, -0.3125], [-0.0245, -0.6956]],
                         "grain": {"direction_deg": 33, "tolerance_deg": 45}},
                        {"name": "tab", "material": "textile", "quantity": 1,
                         "outline": [[0.0354, -0.0205], [0.0381, -0.019], [0.0137, 0.0452], [0.0011, 0.0429]],
                         "holes": [[[0.0201, 0.0102], [0.0199, 0.0151], [0.0223, 0.0117]]]},
                        {"name": "eyelet", "material": "textile", "quantity": 1, "outline": [\(dense)]}]}
            """)
        let pattern = try PatternReader.read(path: json, displayName: json, kernel: kernel)
        // The metres came in as the millimetres a person would write.
        #expect(pattern.panels[0].shape.exterior.points.contains(Point(-597.4, -346.9)))
        let dxf = try f.write("metres.dxf", PatternDXFWriter.document(pattern))
        let svg = try f.write("metres.svg", PatternSVGWriter.document(pattern))
        for back in [try DXFImporter.readPattern(path: dxf, displayName: dxf, kernel: kernel),
                     try SVGImporter.readPattern(path: svg, displayName: svg, kernel: kernel)] {
            #expect(back.panels.map(\.shape) == pattern.panels.map(\.shape))
            #expect(back.panels.map(\.grain) == pattern.panels.map(\.grain))
        }
    }

    /// A grain drawn as a line reads back as the whole degree it was written at, at every
    /// angle: the direction of two drawn points is taken to a millionth of a degree.
    @Test func aGrainLineReadsBackAsItsDegree() throws {
        let f = try Fixture()
        var wrong: [String] = []
        for degrees in stride(from: 0, to: 180, by: 7) {
            let json = try f.write("grain-\(degrees).json", """
                {"format": "nest-pattern/1", "model": "grain", "units": "cm", "sizes": ["7"], "base_size": "7",
                 "panels": [{"name": "tab", "material": "textile", "quantity": 1,
                             "outline": [[3.54, -2.05], [13.81, -1.9], [11.37, 4.52], [0.11, 4.29]],
                             "grain": {"direction_deg": \(degrees), "tolerance_deg": 0}}]}
                """)
            let pattern = try PatternReader.read(path: json, displayName: json, kernel: kernel)
            let dxf = try f.write("grain-\(degrees).dxf", PatternDXFWriter.document(pattern))
            let svg = try f.write("grain-\(degrees).svg", PatternSVGWriter.document(pattern))
            for (format, back) in [("DXF", try DXFImporter.readPattern(path: dxf, displayName: dxf, kernel: kernel)),
                                   ("SVG", try SVGImporter.readPattern(path: svg, displayName: svg, kernel: kernel))]
            where back.panels[0].grain != pattern.panels[0].grain {
                wrong.append("\(format) \(degrees)°: \(back.panels[0].grain.directionDegrees)°")
            }
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }
}
