import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// A wide grain band is a freedom the search uses: its turns (angles inside the band that
/// only the separator reaches) leave the first nest as it was, the nests they give are
/// feasible, and at equal budgets a wider tolerance nests at least as densely as 0°.
struct GrainToleranceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lining-tolerance.json")

    /// The fixture's lining job with every panel's grain tolerance set to `degrees`.
    static func job(tolerance degrees: Double) throws -> Job {
        var bundle = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        var order = try #require(bundle["order"] as? [[String: Any]])
        var pattern = try #require(order[0]["pattern"] as? [String: Any])
        var panels = try #require(pattern["panels"] as? [[String: Any]])
        for k in panels.indices {
            var grain = try #require(panels[k]["grain"] as? [String: Any])
            grain["tolerance_deg"] = degrees
            panels[k]["grain"] = grain
        }
        pattern["panels"] = panels
        order[0]["pattern"] = pattern
        bundle["order"] = order
        let data = try JSONSerialization.data(withJSONObject: bundle)
        return try JobReader.read(bundle: data, file: "lining-tolerance.json", kernel: try GeometryKernel())
    }

    static func config(seed: UInt64, iterations: Int, turnStep: Double = NestConfiguration().separator.turnStepDegrees)
        -> NestConfiguration {
        var c = NestConfiguration()
        c.seed = seed
        c.optimizerIterations = iterations
        c.threads = 2
        c.separator.turnStepDegrees = turnStep
        return c
    }

    @Test func aWideBandIsSplitIntoTurnsBetweenItsSampledAngles() {
        let wide = GrainRule(directionDegrees: 0, toleranceDegrees: 45, reversible: true)
        let turns = wide.refiningRotations(stockGrainDegrees: 0, mirrored: false, stepDegrees: 5)
        // 8 angles either side of each centre (5° … 40°), two centres; none of them a centre or an end.
        #expect(turns.count == 32)
        let sampled = Set(wide.allowedRotations(stockGrainDegrees: 0, mirrored: false))
        #expect(Set(turns).isDisjoint(with: sampled))
        #expect(Set(turns).contains(355) && Set(turns).contains(40) && Set(turns).contains(140) && Set(turns).contains(220))
        // A band no wider than one step, a free rotation or a zero step: no turns.
        #expect(GrainRule(toleranceDegrees: 5).refiningRotations(stockGrainDegrees: 0, mirrored: false, stepDegrees: 5).isEmpty)
        #expect(GrainRule(toleranceDegrees: 180).refiningRotations(stockGrainDegrees: 0, mirrored: false, stepDegrees: 5).isEmpty)
        #expect(wide.refiningRotations(stockGrainDegrees: 0, mirrored: false, stepDegrees: 0).isEmpty)
        // A band that the step does not divide is split evenly: ±12° in steps of 4°.
        let odd = GrainRule(toleranceDegrees: 12, reversible: false).refiningRotations(stockGrainDegrees: 90, mirrored: false,
                                                                                       stepDegrees: 5)
        #expect(odd.sorted() == [82, 86, 94, 98])
    }

    @Test func turnsComeAfterTheFirstNestsOrientationsAndLeaveItAsItWas() throws {
        let job = try Self.job(tolerance: 45)
        let part = try #require(job.parts().first)
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: 0, config: Self.config(seed: 1, iterations: 0))
        let shapes = try library.orientations(of: part, stockGrainDegrees: 0)
        let first = shapes.prefix { !$0.isTurn }
        // A band wider than ±20°: the first nest tries its centres alone (0° and the reverse);
        // its ends (±45° about each) are turns, with the 32 angles 5° apart between.
        #expect(first.map(\.rotationDegrees) == [0, 180] && shapes.count == 38)
        #expect(shapes.dropFirst(first.count).allSatisfy { $0.isTurn })
        #expect(Set(shapes.map(\.rotationDegrees)).isSuperset(of: [45, 135, 225, 315]))
        #expect(shapes.filter { $0.offGrainDegrees < 1e-9 }.count == 2)
        let with = try ConstructiveNester(job: job, config: Self.config(seed: 1, iterations: 0)).run()
        let without = try ConstructiveNester(job: job, config: Self.config(seed: 1, iterations: 0, turnStep: 0)).run()
        #expect(with.sheets == without.sheets, "the first nest moved")
        #expect(with.statistics.candidatesTested == without.statistics.candidatesTested)
        // ... so it is the first nest of the same panels at 0°: the optimizer starts where a
        // narrower band would, and the wider band can only add.
        let aligned = try ConstructiveNester(job: try Self.job(tolerance: 0), config: Self.config(seed: 1, iterations: 0)).run()
        #expect(with.sheets[0].placements.map(\.transform) == aligned.sheets[0].placements.map(\.transform))
        // A band of ±15° (leather) keeps its ends in the first nest.
        let leather = try library.orientations(of: try #require(try Self.job(tolerance: 15).parts().first), stockGrainDegrees: 0)
        #expect(leather.prefix { !$0.isTurn }.count == 6)
    }

    /// A strip of 1 000 × 60 mm drawn at 60° to its own grain, ±45° allowed, on a roll 600 mm
    /// wide: at the band's centre it stands 896 mm tall, turned 45° 317 mm. The first nest
    /// tries a wide band's centres alone; with none of them fitting it tries the turns too
    /// (found by `Benchmarks/random_rolls.py`, job 7: the job was refused as "larger than
    /// every piece of stock in every allowed orientation").
    @Test func aPartThatFitsOnlyTurnedIsNestedNotRefused() throws {
        let result = try Self.nestStrip(drawnAt: 60, tolerance: 45, quantity: 3, rollWidth: 600)
        for p in result.sheets.flatMap(\.placements) {
            let turn = GrainRule.normalized(p.transform.rotationDegrees)
            let off = min(turn, abs(turn - 180), 360 - turn)
            #expect(off <= 45 + 1e-9 && off >= 20, "part \(p.part.id) turned \(turn)°")
        }
    }

    /// Free rotation (a tolerance of 180°) samples the circle 22.5° apart, and adds the two
    /// angles that lay the part's narrowest extent across the stock: a 1 000 × 60 mm strip
    /// drawn at 37° on a roll 150 mm wide stands at least 198 mm tall at every sampled angle
    /// and 60 mm at those (found by `Benchmarks/random_rolls.py`, job 120: refused as too large).
    @Test func aFreelyTurningPartIsTriedAtItsNarrowest() throws {
        _ = try Self.nestStrip(drawnAt: 37, tolerance: 180, quantity: 2, rollWidth: 150)
    }

    /// A band's first nest tries its centre and the separator turns it 5° at a time: a
    /// 1 000 × 60 mm strip drawn at 37° with ±40° allowed stands 95 mm tall or more at each
    /// of those angles and fits a roll 70 mm wide inside its margins only within about half
    /// a degree of −37° (refused as too large before 2026-12-06). The band is searched finely
    /// for such an angle when no sampled one fits.
    @Test func aPartThatFitsOnlyBetweenTheBandsStepsIsNestedNotRefused() throws {
        let result = try Self.nestStrip(drawnAt: 37, tolerance: 40, quantity: 2, rollWidth: 80)
        for p in result.sheets.flatMap(\.placements) {
            let turn = GrainRule.normalized(p.transform.rotationDegrees)
            let fromExact = min(GrainRule.degreesApart(turn, -37), GrainRule.degreesApart(turn, 143))
            #expect(fromExact <= 1, "part \(p.part.id) turned \(turn)°")
        }
    }

    /// A 1 000 × 60 mm strip drawn `drawnAt` degrees off its grain, `quantity` per pair and
    /// two pairs, nested on an open roll `rollWidth` mm wide (spacing 2, margin 5, 100
    /// iterations); expects every part placed and the nest feasible by GEOS.
    static func nestStrip(drawnAt degrees: Double, tolerance: Double, quantity: Int, rollWidth: Double) throws -> NestResult {
        let job = try TestJobs.read("""
            {"format": "nest-job/1", "units": "mm",
             "stock": {"roll": {"format": "nest-roll/1", "name": "narrow", "material": "mesh", "width": \(rollWidth)}},
             "order": [{"pattern": {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
                "panels": [{"name": "strip", "material": "mesh", "quantity": \(quantity),
                            "outline": \(TestJobs.turnedStrip(length: 1000, width: 60, degrees: degrees)),
                            "grain": {"direction_deg": 0, "tolerance_deg": \(tolerance), "reversible": true}}]}, "sizes": {"9": 2}}],
             "spacing": 2, "margin": 5, "seed": 1, "samples": 40, "iterations": 100}
            """)
        let result = try Nester(job: job, config: NestConfiguration(search: job.search, threads: 1)).run()
        #expect(result.unplaced.isEmpty, "\(result.unplaced.map(\.reason))")
        #expect(result.sheets.flatMap(\.placements).count == 2 * quantity)
        let problems = try TestJobs.problems(in: result, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        return result
    }

    @Test func theOptimizerTurnsPartsWithinTheBandAndStaysFeasible() throws {
        let job = try Self.job(tolerance: 45)
        let result = try Nester(job: job, config: Self.config(seed: 1, iterations: 300)).run()
        #expect(result.unplaced.isEmpty)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems)")
        let sampled: Set<Double> = [0, 180]  // the first nest's
        let turned = result.sheets[0].placements.filter { !sampled.contains(GrainRule.normalized($0.transform.rotationDegrees)) }
        #expect(!turned.isEmpty, "no part was turned inside its ±45° band")
        for p in result.sheets[0].placements {
            let a = GrainRule.normalized(p.transform.rotationDegrees)
            let off = min(a, abs(a - 180), 360 - a)
            #expect(off <= 45 + 1e-9, "part \(p.part.id) lies \(off)° off the grain")
        }
    }

    /// Equal budgets, seeds 1–8: a wider tolerance gives at least the mean yield of 0°.
    /// Before turns ±15° fell short here (76.57 % against 77.07 % at 600 iterations, seeds
    /// 1–3). One run's yield moves by a point or more with the seed, so three seeds did not
    /// measure it: on 2026-12-07 seeds 1–3 at 600 iterations gave ±15° 77.56 % against
    /// 77.71 % at 0°, seeds 1–8 78.36 % against 77.19 %. At 300 iterations, seeds 1–8
    /// (`nest` on this fixture): 0° 76.07 %, ±15° 76.84 %, ±45° 77.59 %.
    @Test func aWiderToleranceNestsAtLeastAsDenselyAtEqualBudgets() throws {
        func meanYield(_ tolerance: Double) throws -> Double {
            let job = try Self.job(tolerance: tolerance)
            var sum = 0.0
            for seed in UInt64(1)...8 {
                let result = try Nester(job: job, config: Self.config(seed: seed, iterations: 300)).run()
                #expect(result.unplaced.isEmpty)
                sum += result.yieldPercent
            }
            return sum / 8
        }
        let aligned = try meanYield(0)
        let fifteen = try meanYield(15)
        let fortyFive = try meanYield(45)
        #expect(fifteen >= aligned, "±15°: \(fifteen) % against 0°: \(aligned) %")
        #expect(fortyFive >= aligned, "±45°: \(fortyFive) % against 0°: \(aligned) %")
    }
}
