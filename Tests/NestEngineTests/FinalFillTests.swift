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
    /// the 3 mm margin is taken, the twenty-first tooth `slotWidth` × `slotHeight` mm (by
    /// default 36 × 266 mm, 10 and 60 mm more than the part needs); a 20 × 200 mm strip
    /// that may not turn fits that tooth alone.
    static func combJob(slotWidth: Double = 36, slotHeight: Double = 266) throws -> Job {
        let teeth = 40, slot = 20, pitch = 46.0
        var outline = [[0.0, 0.0], [Double(teeth - 1) * pitch + 36, 0]]
        for i in (0..<teeth).reversed() {
            let x0 = Double(i) * pitch, h = i == slot ? slotHeight : 36.0, width = i == slot ? slotWidth : 36.0
            outline += [[x0 + width, h], [x0, h]]
            if i > 0 { outline += [[x0, 5], [x0 - pitch + 36, 5]] }
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
        return try TestJobs.read(job, files: ["p.json": pattern])
    }

    @Test func aPartWaitingForRoomFewPositionsReachGoesInAtTheEnd() throws {
        let job = try Self.combJob()
        let parts = job.parts()
        try #require(parts.count == 1)
        let session = try TestJobs.emptyHideSession(job)

        // The premise: the first nest's own number of samples (8) misses the slot, which
        // the final fill's 64 reach (with this seed; 512 and 4 096 find it too).
        var narrow = session
        #expect(try !narrow.fill(0), "the first nest's samples found the slot")

        var wide = session
        try wide.fillEveryHide()
        #expect(wide.unplaced.isEmpty, "\(wide.unplaced.map(\.reason))")
        let problems = try TestJobs.problems(in: wide, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    /// A slot only 3 mm wider and longer than the part needs: the feasible offsets form a
    /// 3 × 3 mm square that even the final fill's 64 samples miss (with this seed); the
    /// raster-fine sweep, testing each free cell's centre and four points a quarter cell
    /// off it, finds it.
    @Test func aPartWaitingForABarelyLargerGapIsFoundByTheSweep() throws {
        // 20 + 2 × 3 (margin) + 3 = 29 mm by 200 + 6 + 3 = 209 mm.
        let job = try Self.combJob(slotWidth: 29, slotHeight: 209)
        let parts = job.parts()
        try #require(parts.count == 1)
        let session = try TestJobs.emptyHideSession(job)

        var sampled = session
        #expect(try !sampled.put(parts, into: 0, sampleFactor: 64), "the premise: 512 samples found the slot")

        var swept = session
        try swept.fillEveryHide()
        #expect(swept.unplaced.isEmpty, "\(swept.unplaced.map(\.reason))")
        let problems = try TestJobs.problems(in: swept, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        let placed = try #require(swept.sheets().first?.placements.first)
        let box = placed.part.shape.transformed(by: placed.transform).bounds
        #expect(box.minX >= 20 * 46 + 3 - 1e-9 && box.maxX <= 20 * 46 + 29 - 3 + 1e-9, "\(box)")
    }
}
