import Foundation
import NestModel
import Testing

@testable import NestEngine

/// Parts that fill the roll's width inside its margins exactly: a cutting room's full-width
/// band. Such a part touches both margins; it is placed, not left out.
struct ExactWidthTests {
    /// Four 990 × 120 mm bands on a 1 000 mm roll with 5 mm margins (spacing 2): before
    /// 2026-12-07 the first nest wanted every part strictly inside the margins, and all four
    /// were left out with "no feasible position left on the roll within its maximum length"
    /// on an open roll. Each band now spans the roll from margin to margin, and GEOS finds the
    /// nest feasible.
    @Test func bandsAsWideAsTheRollInsideItsMarginsArePlaced() throws {
        try Self.expectBandsPlaced(outline: "[[0, 0], [120, 0], [120, 990], [0, 990]]", units: "mm", length: 120,
                                   rollWidth: 1000, margin: 5)
    }

    /// The same, drawn off the origin in inches (the roll in millimetres): 884 mm across an
    /// 889 mm roll with 2.5 mm margins, which no sum of its converted corners gives to the
    /// last bit. Without `FreeRegion.sideSlack` all four are left out, rounding putting their
    /// box 10⁻¹³ mm past a margin (as in 10 of the 48 runs of `Benchmarks/exact_width.py`,
    /// and 10 more refused as "larger than every piece of stock").
    @Test func aBandDrawnOffTheOriginInInchesIsPlacedToo() throws {
        let (x0, y0, x1, y1) = (153.723 / 25.4, -230.622 / 25.4, (153.723 + 150) / 25.4, (-230.622 + 884) / 25.4)
        let outline = "[[\(x0), \(y0)], [\(x1), \(y0)], [\(x1), \(y1)], [\(x0), \(y1)]]"
        try Self.expectBandsPlaced(outline: outline, units: "in", length: 150, rollWidth: 889, margin: 2.5)
    }

    /// Four bands of `outline` (in `units`, `length` mm along the roll) on an open roll
    /// `rollWidth` mm wide with `margin`, spacing 2, 40 samples, 100 iterations: every band
    /// placed from margin to margin, side by side, and GEOS finds the nest feasible.
    static func expectBandsPlaced(outline: String, units: String, length: Double, rollWidth: Double, margin: Double) throws {
        let job = try TestJobs.read("""
            {"format": "nest-job/1", "units": "mm",
             "stock": {"roll": {"format": "nest-roll/1", "name": "r", "material": "textile", "width": \(rollWidth)}},
             "order": [{"pattern": {"format": "nest-pattern/1", "model": "band", "units": "\(units)", "sizes": ["1"], "base_size": "1",
                "panels": [{"name": "band", "material": "textile", "quantity": 4, "outline": \(outline),
                            "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": true}}]}, "sizes": {"1": 1}}],
             "spacing": 2, "margin": \(margin), "seed": 1, "samples": 40, "iterations": 100}
            """)
        let result = try Nester(job: job, config: NestConfiguration(search: job.search, threads: 1)).run()
        #expect(result.unplaced.isEmpty, "\(result.unplaced.map(\.reason))")
        let placements = result.sheets.flatMap(\.placements)
        #expect(placements.count == 4)
        for p in placements {
            let box = p.placedShape.bounds
            #expect(abs(box.minY - margin) < 1e-9 && abs(box.maxY - (rollWidth - margin)) < 1e-9, "band at \(box)")
        }
        // Side by side along the roll: four bands and three gaps of the spacing.
        let sideBySide: Double = 4 * length + 3 * 2.1 + 2 * margin + 1
        #expect(result.sheets.count == 1 && (result.sheets.first?.length ?? .infinity) <= sideBySide)
        let problems = try TestJobs.problems(in: result, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
