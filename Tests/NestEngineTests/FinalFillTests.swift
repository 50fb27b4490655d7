import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// The hide improver's last step (`HideSession.fillEveryHide`): the units still waiting go
/// where the first nest's search, sampling `finalFillSampleFactor` times as many positions,
/// finds free room. Its case: room a part fits that few positions reach — here one long
/// slot among forty pockets that take the part's inscribed circle but not the part.
struct FinalFillTests {
    /// A comb of a hide: forty teeth of 36 × 36 mm on a spine too thin for anything once
    /// the 3 mm margin is taken, the twenty-first tooth 266 mm tall; a 20 × 200 mm strip
    /// that may not turn fits that tooth alone.
    static func combJob() throws -> Job {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-final-fill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let teeth = 40, slot = 20, pitch = 46.0, width = 36.0
        var outline = [[0.0, 0.0], [Double(teeth - 1) * pitch + width, 0]]
        for i in (0..<teeth).reversed() {
            let x0 = Double(i) * pitch, h = i == slot ? 266.0 : 36.0
            outline += [[x0 + width, h], [x0, h]]
            if i > 0 { outline += [[x0, 5], [x0 - pitch + width, 5]] }
        }
        let points = outline.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",")
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "strip", "material": "leather", "quantity": 1,
                         "outline": [[0,0],[20,0],[20,200],[0,200]],
                         "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": false}}]}
            """
        let job = """
            {"format": "nest-job/1", "units": "mm",
             "stock": {"hides": [{"name": "comb", "material": "leather", "outline": [\(points)]}]},
             "order": [{"pattern": "p.json", "sizes": {"9": 1}}],
             "spacing": 2, "margin": 3, "seed": 1, "samples": 8, "iterations": 0}
            """
        try pattern.write(to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        try job.write(to: folder.appendingPathComponent("j.json"), atomically: true, encoding: .utf8)
        return try JobReader.read(path: folder.appendingPathComponent("j.json").path, kernel: try GeometryKernel())
    }

    @Test func aPartWaitingForRoomFewPositionsReachGoesInAtTheEnd() throws {
        let job = try Self.combJob()
        let parts = job.parts()
        try #require(parts.count == 1)
        let config = NestConfiguration(search: job.search, threads: 1)
        let context = try RunContext(job: job, config: config)
        guard case .hides(let hides) = job.stock else { throw NestError.inconsistent("not hides") }
        let empty = NestResult(sheets: [Sheet(stockName: hides[0].name, kind: .hide, shape: hides[0].shape, defects: [], zones: [],
                                              length: 0, placements: [])],
                               unplaced: parts.map { UnplacedPart(part: $0, reason: HideImprover.noRoomReason) },
                               statistics: NestStatistics())
        let first = try ConstructiveNester.Outcome(job: job, result: empty, context: context)
        let session = try #require(try HideSession(job: job, first: first, context: context, budget: 100))

        // The premise: the first nest's own number of samples (8) misses the slot, which
        // the final fill's 64 reach (with this seed; 512 and 4 096 find it too).
        var narrow = session
        #expect(try !narrow.fill(0), "the first nest's samples found the slot")

        var wide = session
        try wide.fillEveryHide()
        #expect(wide.unplaced.isEmpty, "\(wide.unplaced.map(\.reason))")
        let result = NestResult(sheets: wide.sheets(), unplaced: wide.unplaced, statistics: NestStatistics())
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: parts)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
