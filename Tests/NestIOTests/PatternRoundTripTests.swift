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
}
