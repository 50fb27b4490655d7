import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// The roll optimizer: its tracker stays equal to one rebuilt from scratch, it only ever
/// returns feasible nests no longer than its start, and it is reproducible.
struct StripOptimizerTests {
    static let esicup = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/datasets/esicup")

    static func job(_ name: String) throws -> Job {
        try JobReader.read(path: esicup.appendingPathComponent("\(name).json").path, kernel: try GeometryKernel())
    }

    static func config(iterations: Int, workers: Int = 1, threads: Int = 1) -> NestConfiguration {
        var c = NestConfiguration()
        c.samplesPerOrientation = 30
        c.optimizerIterations = iterations
        c.workers = workers
        c.threads = threads
        return c
    }

    @Test func incrementalTrackerEqualsARebuild() throws {
        let job = try Self.job("fu")
        let result = try ConstructiveNester(job: job, config: Self.config(iterations: 0)).run()
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: 0, config: NestConfiguration())
        var items: [SearchLayout.Item] = []
        for p in result.sheets[0].placements {
            items.append(SearchLayout.Item(part: p.part.id, grade: p.part.minGrade, shapes: try library.orientations(of: p.part, stockGrainDegrees: 0),
                                          orientation: 0, position: p.transform.translation))
        }
        guard case .roll(let roll) = job.stock else { Issue.record("expected a roll"); return }
        var layout = SearchLayout(items: items, width: roll.width, margin: 0, length: result.sheets[0].length * 0.8,
                                 maxLength: roll.maxLength)
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<300 {
            let i = Int(rng.next() % UInt64(layout.items.count))
            let o = Int(rng.next() % UInt64(layout.items[i].shapes.count))
            layout.move(i, orientation: o, to: Point(rng.nextUnit() * layout.length, rng.nextUnit() * roll.width))
        }
        var fresh = layout
        fresh.rebuild()
        #expect(Set(layout.pairLoss.keys) == Set(fresh.pairLoss.keys))
        for (k, v) in fresh.pairLoss { #expect(abs((layout.pairLoss[k] ?? -1) - v) < 1e-9 * max(1, v)) }
        #expect(layout.containerLoss == fresh.containerLoss)
        #expect(abs(layout.totalLoss - fresh.totalLoss) < 1e-9 * max(1, fresh.totalLoss))
        #expect(layout.totalLoss > 0)
    }

    @Test func optimizedNestIsFeasibleAndNoLonger() throws {
        let job = try Self.job("fu")
        let first = try ConstructiveNester(job: job, config: Self.config(iterations: 0)).run()
        let optimized = try Nester(job: job, config: Self.config(iterations: 60)).run()
        #expect(optimized.statistics.optimizerIterations == 60)
        #expect(optimized.sheets[0].length <= first.sheets[0].length)
        #expect(optimized.yieldPercent >= first.yieldPercent)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: optimized, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func resultDependsOnWorkersNotThreads() throws {
        let job = try Self.job("fu")
        let a = try Nester(job: job, config: Self.config(iterations: 25, workers: 2, threads: 1)).run()
        let b = try Nester(job: job, config: Self.config(iterations: 25, workers: 2, threads: 2)).run()
        #expect(a == b)
    }

    @Test func overlapPenaltyIsZeroOnlyWhenApart() throws {
        let square = Polygon([Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
        let part = Part(id: 0, panel: "s", size: "-", side: .none, material: "m", shape: square, grain: GrainRule(),
                        minGrade: .D, orderLine: 0)
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: 0, config: NestConfiguration())
        let s = try #require(try library.orientations(of: part, stockGrainDegrees: 0).first)
        let deep = OverlapPenalty.pair(s, at: .zero, s, at: Point(1, 0))
        let shallow = OverlapPenalty.pair(s, at: .zero, s, at: Point(8, 0))
        #expect(deep > shallow)
        #expect(shallow > 0)
        let c = Rect(minX: 0, minY: 0, maxX: 100, maxY: 100)
        #expect(OverlapPenalty.container(Rect(minX: 10, minY: 10, maxX: 20, maxY: 20), in: c, area: 100) == 0)
        #expect(OverlapPenalty.container(Rect(minX: 95, minY: 10, maxX: 105, maxY: 20), in: c, area: 100) > 0)
    }
}

/// Stops after a fixed number of polls: a run stopped part-way, without a clock.
final class StopAfter: Terminator, @unchecked Sendable {
    private var left: Int
    init(_ polls: Int) { left = polls }
    var shouldStop: Bool {
        left -= 1
        return left < 0
    }
}

struct StoppedRunTests {
    /// A roll run stopped in its first nest leaves some right-foot linings out while their
    /// left partners are placed: that is a valid nest (the pair rule is for hides).
    @Test func rollStoppedMidwayStillVerifies() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Patterns/mesh-roll.json").path
        let job = try JobReader.read(path: path, kernel: try GeometryKernel())
        var config = NestConfiguration()
        config.samplesPerOrientation = 5
        config.optimizerIterations = 0
        let result = try Nester(job: job, config: config).run(terminator: StopAfter(41))
        #expect(result.statistics.stoppedEarly)
        #expect(!result.unplaced.isEmpty && result.placedCount > 0)
        let unplacedIDs = Set(result.unplaced.map(\.part.id))
        let parts = job.parts()
        let lone = result.sheets[0].placements.filter { p in
            parts.contains { $0.hideGroup == p.part.hideGroup && $0.id != p.part.id && unplacedIDs.contains($0.id) }
        }
        #expect(!lone.isEmpty, "the stop should fall between the two parts of a pair")
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}

/// The engine's self-checks (`Invariants`) run in the test build, so every separator call
/// and every first nest in the suite compares its incremental state with a rebuild.
struct InvariantSwitchTests {
    @Test func invariantChecksAreOnInTestBuilds() {
        #expect(Invariants.enabled)
    }
}
