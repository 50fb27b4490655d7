import Foundation
import NestModel
import Testing

@testable import NestEngine

/// A roll shorter than its order (its `max_length` reached) is filled as one sheet of an
/// open order: the optimizer adds area to the first nest instead of leaving it as it is.
struct ShortRollTests {
    /// Pattern 61 of `Benchmarks/random_rolls.py` (drawn in inches: mirrored quads, a
    /// 16-point star held to its grain, a strip within ±45°, a large panel within ±90°),
    /// on its 23.8 in roll cut to 54.4 in — less than the 70 parts need.
    static let pattern61 = """
        {"format": "nest-pattern/1", "model": "random 61", "units": "in", "sizes": ["5", "6", "7", "8", "9"], "base_size": "7",
         "grading": {"length_percent_per_step": 1.5, "width_percent_per_step": 0},
         "panels": [
          {"name": "panel-0", "material": "mesh", "outline": [[0.1128, 0.9234], [-0.0812, 0.1411], [0.9619, -0.1175], [1.1558, 0.6648]],
           "quantity": 6, "mirrored_pairs": true, "grain": {"direction_deg": 0, "tolerance_deg": 180, "reversible": true}},
          {"name": "panel-1", "material": "mesh", "outline": [[1.487, 4.0486], [4.6343, 5.2373], [2.6969, 1.449], [6.865, 0.5934],
             [3.7865, -1.056], [5.1585, -4.2677], [1.9474, -3.5319], [0.5147, -6.4983], [-1.1271, -3.3982], [-4.3464, -4.7919],
             [-4.0594, -1.7964], [-6.577, -0.148], [-2.8774, 1.2833], [-4.8706, 4.713], [-1.8771, 4.4303], [-0.2267, 6.9437]],
           "quantity": 2, "grain": {"direction_deg": 33, "tolerance_deg": 0, "reversible": true}},
          {"name": "panel-2", "material": "mesh", "outline": [[0.1575, 0.4539], [0.0843, 0.3612], [0.9675, -0.3358], [1.0407, -0.243]],
           "quantity": 4, "mirrored_pairs": true, "grain": {"direction_deg": 90, "tolerance_deg": 45, "reversible": false}},
          {"name": "panel-3", "material": "mesh", "outline": [[13.5876, -1.8556], [16.6433, 9.1231], [1.8098, 13.2517], [-1.2459, 2.2729]],
           "quantity": 2, "grain": {"direction_deg": 0, "tolerance_deg": 90, "reversible": true}}]}
        """
    static let job61 = """
        {"format": "nest-job/1", "name": "random-roll-61", "units": "mm",
         "stock": {"roll": {"format": "nest-roll/1", "name": "roll-61", "material": "mesh", "units": "in", "width": 23.7923, "max_length": 54.4118}},
         "order": [{"pattern": "p.json", "sizes": {"6": 1, "5": 4}}], "spacing": 4, "margin": 5, "seed": 61}
        """

    static func config(iterations: Int, threads: Int = 1) -> NestConfiguration {
        var c = StripOptimizerTests.config(iterations: iterations, threads: threads)
        c.seed = 61
        return c
    }

    /// The first nest, then the same job with a budget: more area placed, feasible by GEOS,
    /// every part either placed once or waiting with the roll's reason.
    static func expectFilledBeyondTheFirstNest(_ job: Job, iterations: Int) throws -> NestResult {
        let first = try Nester(job: job, config: config(iterations: 0)).run()
        #expect(!first.unplaced.isEmpty, "the premise: the roll is too short for the order")
        let filled = try Nester(job: job, config: config(iterations: iterations)).run()
        #expect(filled.placedArea > first.placedArea * 1.02, "\(filled.placedArea) against the first nest's \(first.placedArea)")
        #expect(filled.placedCount + filled.unplaced.count == job.parts().count)
        #expect(filled.unplaced.allSatisfy { $0.reason == "no feasible position left on the roll within its maximum length" },
                "\(Set(filled.unplaced.map(\.reason)))")
        let problems = try TestJobs.problems(in: filled, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        guard case .roll(let roll) = job.stock else { throw NestError.inconsistent("expected a roll") }
        #expect(filled.sheets.count == 1 && filled.sheets[0].length <= roll.maxLength)
        return filled
    }

    @Test func aShortRollOfShirtsIsFilledBeyondItsFirstNest() throws {
        // shirts needs about 63 units of its 40-unit-wide strip; 30 hold about half.
        _ = try Self.expectFilledBeyondTheFirstNest(try RollLengthTests.shirts(maxLength: 30), iterations: 300)
    }

    @Test func aShortRollOfGrainedPanelsInInchesIsFilledAndThreadIndependent() throws {
        let job = try TestJobs.read(Self.job61, files: ["p.json": Self.pattern61])
        let one = try Self.expectFilledBeyondTheFirstNest(job, iterations: 200)
        let two = try Nester(job: job, config: Self.config(iterations: 200, threads: 2)).run()
        #expect(two.sheets == one.sheets && two.unplaced == one.unplaced)
    }
}
