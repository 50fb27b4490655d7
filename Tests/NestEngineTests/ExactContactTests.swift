import Foundation
import NestGeometry
import NestModel
import Testing

@testable import NestEngine

/// Parts without spacing that fill their stock exactly: each must lie against its
/// neighbours, edge on edge. Before 2026-12-07 two parts never touched (touching counted as
/// a collision, and the search closed gaps to a tenth of a millimetre at best), so such a
/// row or grid always went one part short.
struct ExactContactTests {
    /// Eight 400 × 700 mm panels across a 1 400 mm roll, spacing and margin 0: two rows of
    /// four, 1 600 mm of roll. Before: one panel per row, 3 200 mm (50.00 %).
    @Test func twoRowsFillTheRollsWidthExactly() throws {
        let result = try Self.nest(panel: (400, 700), quantity: 8, stock: #"{"roll": {"name": "r", "material": "textile", "width": 1400}}"#)
        #expect(result.unplaced.isEmpty)
        let length = try #require(result.sheets.first?.length)
        #expect(abs(length - 1600) < 1e-6, "marker \(length) mm")
    }

    /// With spacing 2: eight 400 × 699 mm panels across the 1 400 mm roll, two rows of four
    /// with the spacing between them (699 + 2 + 699 = 1 400), 1 606 mm of roll. Before
    /// 2026-12-07 the spacing shapes were kept 2 % over half the spacing, and each row held
    /// one panel (49.71 %).
    @Test func twoRowsWithTheSpacingBetweenThemFillTheWidth() throws {
        let result = try Self.nest(panel: (400, 699), quantity: 8, spacing: 2,
                                   stock: #"{"roll": {"name": "r", "material": "textile", "width": 1400}}"#)
        #expect(result.unplaced.isEmpty)
        let length = try #require(result.sheets.first?.length)
        #expect(abs(length - 1606) < 1e-3, "marker \(length) mm")
    }

    /// Sixteen 50 × 50 mm squares on a 200 × 200 mm sheet (a rectangular hide): all sixteen
    /// on it, a four-by-four grid. Before: nine (three by three, each a hair apart).
    @Test func aGridFillsItsSheet() throws {
        let result = try Self.nest(panel: (50, 50), quantity: 16,
                                   stock: #"{"hides": [{"name": "sheet", "material": "textile", "outline": [[0,0],[200,0],[200,200],[0,200]]}]}"#)
        #expect(result.unplaced.isEmpty, "\(result.unplaced.count) left out: \(result.unplaced.first?.reason ?? "")")
        #expect(result.sheets.count == 1 && result.sheets.first?.placements.count == 16)
    }

    /// With spacing 2: sixteen 48.5 mm squares on the 200 × 200 mm sheet, four by four with
    /// the spacing between them (4 × 48.5 + 3 × 2 = 200). Before 2026-12-07 the spacing
    /// shapes were kept 2 % over half the spacing: nine (three by three).
    @Test func aGridWithTheSpacingBetweenItsSquaresFillsItsSheet() throws {
        let result = try Self.nest(panel: (48.5, 48.5), quantity: 16, spacing: 2,
                                   stock: #"{"hides": [{"name": "sheet", "material": "textile", "outline": [[0,0],[200,0],[200,200],[0,200]]}]}"#)
        #expect(result.unplaced.isEmpty, "\(result.unplaced.count) left out: \(result.unplaced.first?.reason ?? "")")
        #expect(result.sheets.count == 1 && result.sheets.first?.placements.count == 16)
    }

    /// Forty 100 × 140 mm panels on a 1 400 mm roll: ten rows of four, 400 mm. The first
    /// nest fills the top of a column before it starts the next (a millimetre more of roll
    /// costs as much as the whole width across), and the column's last panel has only the
    /// one position against the roll's side and the panel below.
    @Test func aGridFillsTheRollToItsLength() throws {
        let result = try Self.nest(panel: (100, 140), quantity: 40, stock: #"{"roll": {"name": "r", "material": "textile", "width": 1400}}"#)
        #expect(result.unplaced.isEmpty)
        let length = try #require(result.sheets.first?.length)
        #expect(abs(length - 400) < 1e-6, "marker \(length) mm")
    }

    /// `quantity` rectangles `panel` mm (along, across) on `stock`, margin 0, 40 iterations,
    /// one thread; GEOS must find the nest feasible.
    static func nest(panel: (Double, Double), quantity: Int, spacing: Double = 0, stock: String) throws -> NestResult {
        let (w, h) = panel
        let job = try TestJobs.read("""
            {"format": "nest-job/1", "units": "mm", "stock": \(stock),
             "order": [{"pattern": {"format": "nest-pattern/1", "model": "tiles", "units": "mm", "sizes": ["1"], "base_size": "1",
                "panels": [{"name": "tile", "material": "textile", "quantity": \(quantity), "outline": [[0, 0], [\(w), 0], [\(w), \(h)], [0, \(h)]],
                            "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": true}}]}, "sizes": {"1": 1}}],
             "spacing": \(spacing), "margin": 0, "seed": 1, "iterations": 40}
            """)
        let result = try Nester(job: job, config: NestConfiguration(search: job.search, threads: 1)).run()
        let problems = try TestJobs.problems(in: result, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        return result
    }
}

/// The moves that lay a part's box against what it overlaps (`FlushShifts`), and the
/// room left between parts laid in contact.
struct FlushShiftsTests {
    /// A 10 × 10 box overlapping a neighbour on its left by 0.3 and the container's top by
    /// 0.2: the shortest moves are right by the overlap plus the contact gap, and down by
    /// 0.2; with every move kept, the far sides too, within the box's size.
    @Test func movesLayTheBoxAgainstItsNeighbourAndTheSide() {
        let box = Rect(minX: 9.7, minY: 90.2, maxX: 19.7, maxY: 100.2)
        let container = Rect(minX: 0, minY: 0, maxX: 200, maxY: 100)
        let neighbour = Rect(minX: 0, minY: 85, maxX: 10, maxY: 100)
        let gap = 2e-12
        let nearest = FlushShifts(body: box, spaced: box, container: container, others: [neighbour], gap: gap, nearestOnly: true)
        #expect(nearest.x.count == 2 && abs(nearest.x[1] - (0.3 + gap)) < 1e-12, "\(nearest.x)")
        #expect(nearest.y.contains { abs($0 + 0.2) < 1e-12 }, "\(nearest.y)")
        #expect(nearest.moves.count == nearest.x.count + nearest.y.count + nearest.x.count * nearest.y.count)
        let all = FlushShifts(body: box, spaced: box, container: container, others: [neighbour], gap: gap, nearestOnly: false)
        #expect(all.x.allSatisfy { $0 != 0 && abs($0) <= box.width } && all.y.allSatisfy { $0 != 0 && abs($0) <= box.height })
        #expect(all.x == all.x.sorted() && all.x.count >= nearest.x.count)
    }

    /// The contact band grows with the stock: a few units in the last place of its largest
    /// extent, never under 10⁻¹² mm — at 30 m, positions are rounded to 7·10⁻¹² mm, and a
    /// band of 10⁻¹² mm let parts shifted together along the marker start to meet.
    @Test func theContactBandExceedsTheRoundingOfTheStocksCoordinates() {
        for extent in [0.0, 200, 1_400, 32_000, 1_000_000] {
            let inset = ShapeLibrary.touchingInset(forExtent: extent)
            #expect(inset >= 1e-12 && inset >= 4 * max(1, extent).ulp, "\(extent) mm: \(inset)")
            #expect(inset <= 1e-9, "\(extent) mm: \(inset)")
        }
    }
}
