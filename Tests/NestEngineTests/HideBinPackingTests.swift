import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// Over many hides, as few hides as the parts allow: the hide improver re-packs the last
/// hides together when a first fit left them holding a part each.
struct HideBinPackingTests {
    /// Three square hides and two large panels (600 × 450 mm, no rotation), the second and
    /// third hide each holding one panel in its middle, so that neither has room for the
    /// other's panel as it lies.
    static func scatteredNest() throws -> (Job, NestResult) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-bins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let panel = { (name: String) in
            """
            {"name": "\(name)", "material": "leather", "outline": [[0,0],[600,0],[600,450],[0,450]], "quantity": 1,
             "grain": {"direction_deg": 0, "tolerance_deg": 0}, "min_grade": "D"}
            """
        }
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [\(panel("left")), \(panel("right"))]}
            """
        let hide = { (name: String) in
            "{\"name\": \"\(name)\", \"material\": \"leather\", \"outline\": [[0,0],[1000,0],[1000,1000],[0,1000]]}"
        }
        let job = """
            {"format": "nest-job/1", "units": "mm", "hide_order": "as_listed",
             "stock": {"hides": [\(hide("h1")), \(hide("h2")), \(hide("h3"))]},
             "order": [{"pattern": "p.json", "sizes": {"9": 1}}],
             "spacing": 2, "margin": 3, "seed": 1, "samples": 60, "iterations": 200}
            """
        try pattern.write(to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        try job.write(to: folder.appendingPathComponent("j.json"), atomically: true, encoding: .utf8)
        let parsed = try JobReader.read(path: folder.appendingPathComponent("j.json").path, kernel: try GeometryKernel())
        let parts = parsed.parts()
        try #require(parts.count == 2)
        guard case .hides(let hides) = parsed.stock else { throw NestError.inconsistent("not hides") }
        let sheets = zip(hides[1...], parts).map { hide, part in
            Sheet(stockName: hide.name, kind: .hide, shape: hide.shape, defects: [], zones: [], length: 0,
                  placements: [Placement(part: part, transform: Transform(translation: Point(200, 275)), orientation: 0)])
        }
        return (parsed, NestResult(sheets: sheets, unplaced: [], statistics: NestStatistics()))
    }

    @Test func lastHidesAreRepackedIntoOneFewer() throws {
        let (job, scattered) = try Self.scatteredNest()
        var config = NestConfiguration(search: job.search, threads: 1)
        config.optimizerIterations = 200
        let context = try RunContext(job: job, config: config)
        let first = try ConstructiveNester.Outcome(job: job, result: scattered, context: context)
        var session = try #require(try HideSession(job: job, first: first, context: context, budget: 200))
        try session.mergeLastHides()
        let used = session.states.filter { !$0.parts.isEmpty }
        #expect(used.count == 1, "\(used.count) hides in use after re-packing")
        #expect(used.first?.stockName == "h2", "the panels go onto the earlier of the two hides")
        let result = NestResult(sheets: session.sheets(), unplaced: session.unplaced, statistics: NestStatistics())
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
