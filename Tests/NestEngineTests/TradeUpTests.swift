import Foundation
import NestGeometry
import NestModel
import Testing

@testable import NestEngine

/// Trading up in an open order: once compression has converged, a placed pair gives its
/// place to a larger waiting pair of the same panel, so the hide carries more leather.
struct TradeUpTests {
    /// An egg-shaped panel of about 110 × 70 mm, graded 7 % a size, in sizes 1–5.
    static let pattern: Pattern = {
        let outline = (0..<40).map { k -> Point in
            let a = 2 * Double.pi * Double(k) / 40
            let x = 55 * cos(a), y = 35 * sin(a) * (1 + 0.25 * cos(a))
            return Point(x + 55, y + 35)
        }
        let panel = Panel(name: "tab", material: "leather", shape: Polygon(outline), quantityPerPair: 2, mirroredPairs: true,
                          grain: GrainRule(directionDegrees: 0, toleranceDegrees: 15, reversible: true), minGrade: .C)
        return Pattern(model: "egg", sizeSystem: "", sizes: ["1", "2", "3", "4", "5"], baseSize: "3",
                       grading: Grading(lengthPercentPerStep: 7, widthPercentPerStep: 7), panels: [panel])
    }()

    /// A lopsided hide of about 0.3 m² with a C zone along one flank, and ten pairs of
    /// every size: three times what it holds.
    static func job(seed: UInt64) -> Job {
        let outline = (0..<64).map { k -> Point in
            let a = 2 * Double.pi * Double(k) / 64
            return Point(420 + 400 * cos(a) + 30 * cos(3 * a), 260 + 240 * sin(a) + 20 * sin(2 * a))
        }
        let flank = Polygon([Point(0, 0), Point(840, 0), Point(840, 90), Point(0, 130)])
        let hide = Hide(name: "egg-hide", material: "leather", shape: Polygon(outline),
                        zones: [QualityZone(grade: .C, shape: flank)])
        let line = OrderLine(patternSource: "egg.json", pattern: pattern, pairs: ["1", "2", "3", "4", "5"].map { ($0, 10) })
        return Job(name: "trade-up", stock: .hides([hide]), order: [line], spacing: 2, margin: 3,
                   search: SearchSettings().overridden(by: SearchOverrides(seed: seed, iterations: 2500)))
    }

    /// Trades from the first compression step on (on this small hide compression goes on
    /// paying at its first step for thousands of iterations), or never.
    static func run(_ job: Job, tradingUp: Bool) throws -> NestResult {
        var config = NestConfiguration(search: job.search, threads: 1)
        config.hides.tradingUp = tradingUp
        config.hides.tradeStep = config.compression.initialShrink
        return try Nester(job: job, config: config).run()
    }

    @Test func largerSizesTakeThePlaceOfSmallerOnes() throws {
        let job = Self.job(seed: 1)
        let without = try Self.run(job, tradingUp: false)
        let with = try Self.run(job, tradingUp: true)
        for result in [without, with] {
            let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
                .problems(in: result, expectedParts: job.parts())
            #expect(problems.isEmpty, "\(problems.prefix(3))")
            #expect(!result.unplaced.isEmpty, "the order is open")
        }
        func placedArea(_ r: NestResult) -> Double { r.sheets.flatMap(\.placements).reduce(0) { $0 + $1.part.shape.area } }
        func meanSize(_ r: NestResult) -> Double {
            let sizes = r.sheets.flatMap(\.placements).map { Double($0.part.size)! }
            return sizes.reduce(0, +) / Double(max(1, sizes.count))
        }
        #expect(placedArea(with) > placedArea(without), "placed \(placedArea(with)) against \(placedArea(without)) mm²")
        #expect(meanSize(with) > meanSize(without), "mean size \(meanSize(with)) against \(meanSize(without))")
    }
}
