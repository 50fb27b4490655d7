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
        c.firstNest.samplesPerOrientation = 30
        c.optimizerIterations = iterations
        c.workers = workers
        c.threads = threads
        return c
    }

    /// The search items of a first nest's roll, at their positions; in their orientations
    /// or all in the first.
    static func items(of result: NestResult, keepingOrientations: Bool) throws -> [SearchLayout.Item] {
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: 0, config: NestConfiguration())
        return try result.sheets[0].placements.map { p in
            SearchLayout.Item(part: p.part, shapes: try library.orientations(of: p.part, stockGrainDegrees: 0),
                              orientation: keepingOrientations ? p.orientation ?? 0 : 0, position: p.transform.translation)
        }
    }

    /// The first nest of an ESICUP instance as a roll layout (no margin) at `lengthShare` of
    /// its length, with the roll it lies on.
    static func firstNestLayout(_ name: String, keepingOrientations: Bool,
                                lengthShare: Double = 1) throws -> (layout: SearchLayout, roll: Roll) {
        let job = try Self.job(name)
        let result = try ConstructiveNester(job: job, config: Self.config(iterations: 0)).run()
        let items = try Self.items(of: result, keepingOrientations: keepingOrientations)
        guard case .roll(let roll) = job.stock else { throw NestError.inconsistent("expected a roll") }
        let layout = SearchLayout(items: items, width: roll.width, margin: 0, length: result.sheets[0].length * lengthShare,
                                  maxLength: roll.maxLength)
        return (layout, roll)
    }

    @Test func incrementalTrackerEqualsARebuild() throws {
        var (layout, roll) = try Self.firstNestLayout("fu", keepingOrientations: false, lengthShare: 0.8)
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<300 {
            let i = Int(rng.next() % UInt64(layout.items.count))
            let o = Int(rng.next() % UInt64(layout.items[i].shapes.count))
            layout.move(i, orientation: o, to: Point(rng.nextUnit() * layout.length, rng.nextUnit() * roll.width))
        }
        var fresh = layout
        fresh.rebuild()
        #expect(Set(layout.pairLoss.keys) == Set(fresh.pairLoss.keys))
        for (k, v) in fresh.pairLoss { #expect(abs((layout.pairLoss[k] ?? -1) - v) < OverlapPenalty.reproducibility * max(1, v)) }
        #expect(layout.containerLoss == fresh.containerLoss)
        #expect(abs(layout.totalLoss - fresh.totalLoss) < OverlapPenalty.reproducibility * max(1, fresh.totalLoss))
        #expect(layout.totalLoss > 0)
    }

    /// sparrow's exploration: once the step is down to `explorationShrink`, a length whose
    /// separation failed is tried again from a failed state with two large items swapped.
    /// The run stays feasible, no longer than its start, and reproducible; with exploration
    /// off it never disrupts.
    @Test func explorationRetriesFailedLengthsFromDisruptedStates() throws {
        let start = try Self.firstNestLayout("fu", keepingOrientations: true).layout
        let items = start.items
        #expect(start.isFeasible)
        func run(exploration: Bool) -> StripOptimizer.Outcome {
            var config = Self.config(iterations: 3_000)
            config.compression.exploration = exploration
            // Small steps from the start: the retries begin at the first failure.
            config.compression.initialShrink = config.compression.explorationShrink
            return StripOptimizer(config: config).improve(start, budget: 3_000, listener: SilentListener(), terminator: NeverStop(),
                                                         placedArea: 0, partsTotal: items.count)
        }
        let a = run(exploration: true), b = run(exploration: true)
        #expect(a.disruptions > 0, "the budget reaches the exploration's retries")
        #expect(a.layout.isFeasible && a.layout.length <= start.length)
        #expect(a.layout.snapshot.poses.map(\.position) == b.layout.snapshot.poses.map(\.position) && a.disruptions == b.disruptions)
        let off = run(exploration: false)
        #expect(off.disruptions == 0 && off.layout.isFeasible)
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

    /// The single-precision penalty equals the formula worked pole pair by pole pair in
    /// double precision, within `OverlapPenalty.reproducibility`, from either shape, far from
    /// the origin too; a bound it passes stops it with a value still over the bound.
    @Test func overlapPenaltyMatchesTheDoublePrecisionFormula() throws {
        let ell = Polygon([Point(0, 0), Point(120, 0), Point(120, 30), Point(35, 30), Point(35, 90), Point(0, 90)])
        let blob = Polygon((0..<24).map { k in
            let a = Double(k) / 24 * 2 * Double.pi
            return Point((60 + 18 * cos(3 * a)) * cos(a), (40 + 10 * sin(2 * a)) * sin(a))
        })
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: 2, config: NestConfiguration())
        func shape(_ p: Polygon, _ id: Int) throws -> OrientedShape {
            let part = Part(id: id, panel: "p\(id)", size: "-", side: .none, material: "m", shape: p, grain: GrainRule(),
                            minGrade: .D, orderLine: 0)
            return try #require(try library.orientations(of: part, stockGrainDegrees: 0).first)
        }
        let a = try shape(ell, 0), b = try shape(blob, 1)
        #expect(a.poles.count > 4 && b.poles.count > 8)
        func reference(_ a: OrientedShape, _ ta: Point, _ b: OrientedShape, _ tb: Point) -> Double {
            let eps = 0.01 * max(a.diameter, b.diameter)
            var overlap = 0.0
            for pa in a.poles {
                for pb in b.poles {
                    let d = pa.radius + pb.radius - (pa.center + ta).distance(to: pb.center + tb)
                    overlap += (d >= eps ? d : eps * eps / (2 * eps - d)) * min(pa.radius, pb.radius)
                }
            }
            return (overlap * Double.pi + eps * eps).squareRoot() * (a.area * b.area).squareRoot().squareRoot()
        }
        var rng = SeededGenerator(seed: 3)
        for origin in [Point(0, 0), Point(41_000, -7_500)] {
            for _ in 0..<50 {
                let ta = origin + Point(rng.nextUnit() * 40, rng.nextUnit() * 40)
                let tb = origin + Point(rng.nextUnit() * 80 - 20, rng.nextUnit() * 80 - 20)
                let exact = reference(a, ta, b, tb)
                for value in [OverlapPenalty.pair(a, at: ta, b, at: tb), OverlapPenalty.pair(b, at: tb, a, at: ta)] {
                    #expect(abs(value - exact) <= OverlapPenalty.reproducibility * max(1, exact), "\(value) against \(exact)")
                }
                let bound = 0.5 * exact
                #expect(OverlapPenalty.pair(a, at: ta, b, at: tb, addedTo: 0, weight: 1, bound: bound) > bound)
            }
        }
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
        config.firstNest.samplesPerOrientation = 5
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

/// Long markers: the incremental shift and restore keep the tracker equal to a rebuild,
/// windows are never neighbours, and a windowed run is feasible, no longer than its first
/// nest and the same on one thread as on two.
struct LongMarkerTests {
    /// ESICUP `name` with every demand `times` over: a marker `times` as long.
    static func job(_ name: String, times: Int) throws -> Job {
        var job = try StripOptimizerTests.job(name)
        for k in job.order[0].pattern.panels.indices { job.order[0].pattern.panels[k].quantityPerPair *= times }
        job.search = SearchSettings(parts: job.parts().count)
        return job
    }

    /// The first nest of `name` (ESICUP, demands `times` over) as an optimizer layout at its used length.
    static func layout(_ name: String, times: Int = 1) throws -> (SearchLayout, Job) {
        let job = try Self.job(name, times: times)
        let result = try ConstructiveNester(job: job, config: StripOptimizerTests.config(iterations: 0)).run()
        let library = ShapeLibrary(kernel: try GeometryKernel(), spacing: job.spacing, config: NestConfiguration())
        var items: [SearchLayout.Item] = []
        for p in result.sheets[0].placements {
            let shapes = try library.orientations(of: p.part, stockGrainDegrees: 0)
            items.append(SearchLayout.Item(part: p.part, shapes: shapes,
                                           orientation: try p.engineOrientation(among: shapes), position: p.transform.translation))
        }
        guard case .roll(let roll) = job.stock else { throw NestError.inconsistent("expected a roll") }
        let layout = SearchLayout(items: items, width: roll.width, margin: job.margin, length: result.sheets[0].length,
                                  maxLength: roll.maxLength)
        return (layout, job)
    }

    /// `near`'s items moved `offset` along x (added to their positions, not shifted
    /// exactly), on a strip 1 mm longer than `near` plus the offset, its maximum length
    /// `room` times that.
    static func moved(_ near: SearchLayout, by offset: Double, margin: Double, room: Double = 1) -> SearchLayout {
        let items = near.items.map { item in
            var far = item
            far.position.x += offset
            return far
        }
        let length = near.length + offset + 1
        return SearchLayout(items: items, width: near.width, margin: margin, length: length, maxLength: room * length)
    }

    static func expectEqualToRebuild(_ layout: SearchLayout, _ context: String) {
        var fresh = layout
        fresh.rebuild()
        #expect(Set(layout.pairLoss.keys) == Set(fresh.pairLoss.keys), "\(context): colliding pairs")
        for (k, v) in fresh.pairLoss { #expect(abs((layout.pairLoss[k] ?? -1) - v) <= OverlapPenalty.reproducibility * max(1, v), "\(context): pair penalty") }
        for i in layout.items.indices { #expect(Set(layout.colliders[i]) == Set(fresh.colliders[i]), "\(context): colliders of \(i)") }
        #expect(layout.containerLoss == fresh.containerLoss, "\(context): container penalties")
        #expect(layout.gridContents == fresh.gridContents, "\(context): broad-phase grid")
    }

    @Test func shiftAndRestoreEqualARebuild() throws {
        var (layout, _) = try Self.layout("shirts")
        #expect(layout.isFeasible)
        let start = layout.snapshot
        var rng = SeededGenerator(seed: 5)
        var overlapped = 0
        for round in 0..<12 {
            let length = layout.length
            let split = rng.nextUnit() * length
            layout.setLength(length * (1 - 0.05 * rng.nextUnit()), split: split)
            Self.expectEqualToRebuild(layout, "round \(round) after the shift")
            if !layout.isFeasible { overlapped += 1 }
            for _ in 0..<20 {
                let i = Int(rng.next() % UInt64(layout.items.count))
                layout.move(i, orientation: Int(rng.next() % UInt64(layout.items[i].shapes.count)),
                            to: Point(rng.nextUnit() * layout.length, rng.nextUnit() * layout.width))
            }
            // A second shift from an infeasible state: pairs among the moved items are kept.
            layout.setLength(layout.length - 10, split: rng.nextUnit() * layout.length)
            Self.expectEqualToRebuild(layout, "round \(round) after moves and a second shift")
            layout.restore(start)
            Self.expectEqualToRebuild(layout, "round \(round) after the restore")
            #expect(layout.isFeasible)
        }
        #expect(overlapped > 6, "the shifts should make parts collide (\(overlapped) of 12 did)")
    }

    /// Parts that a shift carries across a power of two (where the last place of a
    /// coordinate halves) keep every pair as it was, and the tracker equal to a rebuild: the
    /// exact predicates work in each pair's own frame. (In world coordinates the outlines'
    /// points rounded on another grid there: two parts laid edge to edge at 8 192 mm
    /// collided in a rebuild and not in the tracker — random roll 185, 9.8 m — and a long
    /// marker's sections, cut and joined by such shifts, were refused as overlapping.)
    @Test func aShiftAcrossAPowerOfTwoKeepsEveryPair() throws {
        let (near, job) = try Self.layout("shirts")
        var rng = SeededGenerator(seed: 11)
        var touching = 0
        for power in [128.0, 8_192.0, 65_536.0] {
            for round in 0..<12 {
                // The nest laid across `power`, then shifted left, all of it, to lie below it.
                let offset = power - near.length * rng.nextUnit()
                var layout = Self.moved(near, by: offset, margin: job.margin, room: 2)
                let pairsBefore = Set(layout.pairLoss.keys)
                layout.setLength(layout.length - (offset + near.length - power + 1), split: offset - 1)
                #expect(layout.items.allSatisfy { $0.shape.body.bounds.offsetBy($0.position).maxX < power })
                Self.expectEqualToRebuild(layout, "across \(power), round \(round)")
                #expect(Set(layout.pairLoss.keys) == pairsBefore, "across \(power), round \(round)")
                touching += layout.items.indices.filter { i in
                    layout.items.indices.contains { j in j != i && layout.items[i].shape.body.bounds.offsetBy(layout.items[i].position)
                        .intersects(layout.items[j].shape.body.bounds.offsetBy(layout.items[j].position)) }
                }.count
            }
        }
        #expect(touching > 0, "the first nest lays parts against each other")
    }

    @Test func windowsAreNeverNeighbours() throws {
        let (layout, _) = try Self.layout("shirts", times: 3)
        var windows = try #require(MarkerWindows(layout, parts: 40, initialShrink: 0.02, finestShrink: 0.0005, seed: 3))
        let tooFew = MarkerWindows(layout, parts: 150, initialShrink: 0.02, finestShrink: 0.0005, seed: 3) == nil
        #expect(tooFew, "297 parts hold fewer than two windows of 150")
        let unwindowed = MarkerWindows(try Self.layout("shirts").0, parts: 40, initialShrink: 0.02, finestShrink: 0.0005, seed: 3) == nil
        #expect(unwindowed, "99 parts on 72 units hold no two windows three times the longest part long")
        for attempt in 0..<40 {
            let picked = windows.pick(lanes: 2, length: layout.length)
            #expect(picked.count == 2)
            let count = Int((layout.length / windows.windowLength).rounded(.down))
            let gap = abs(picked[0].index - picked[1].index)
            #expect(gap >= 2 && count - gap >= 2, "attempt \(attempt): windows \(picked.map(\.index)) of \(count)")
            for w in picked {
                #expect(w.range.lowerBound >= 0 && w.range.upperBound <= layout.length + 1e-9)
                #expect(w.shrink > 0 && w.shrink <= 0.02 * (w.range.upperBound - w.range.lowerBound) + 1e-9)
            }
            windows.record(picked[0], success: false)
        }
    }

    @Test func windowedRunIsFeasibleShorterAndThreadIndependent() throws {
        let job = try Self.job("shirts", times: 3)
        var config = StripOptimizerTests.config(iterations: 400, workers: 2, threads: 1)
        config.compression.windowParts = 40  // 297 parts: six windows, two lanes
        config.compression.sectionParts = 0  // windows alone (MarkerSectionsTests has both)
        let windows = MarkerWindows(try Self.layout("shirts", times: 3).0, parts: 40, initialShrink: 0.02, finestShrink: 0.0005, seed: 1)
        let windowed = windows != nil
        #expect(windowed)
        let first = try ConstructiveNester(job: job, config: config).run()
        let one = try Nester(job: job, config: config).run()
        config.threads = 2
        let two = try Nester(job: job, config: config).run()
        #expect(one == two)
        #expect(one.statistics.optimizerIterations == 400)
        #expect(one.statistics.optimizerImprovements > 0, "400 iterations should shorten a first nest")
        #expect(one.sheets[0].length < first.sheets[0].length)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: one, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}

/// The first nest of a roll is laid on the length the order plans for (`Roll.planningLength`),
/// lengthened when the order needs more: a roll's declared length, or none, changes nothing.
struct RollLengthTests {
    static func shirts(maxLength: Double, open: Bool = false) throws -> Job {
        var job = try StripOptimizerTests.job("shirts")
        guard case .roll(var roll) = job.stock else { throw NestError.inconsistent("expected a roll") }
        roll.maxLength = maxLength
        roll.lengthIsOpen = open
        job.stock = .roll(roll)
        return job
    }

    @Test func theFirstNestDoesNotDependOnHowLongTheRollIs() throws {
        let config = StripOptimizerTests.config(iterations: 0)
        let near = try Nester(job: try Self.shirts(maxLength: 300), config: config).run()
        let far = try Nester(job: try Self.shirts(maxLength: 100_000), config: config).run()
        let open = try Nester(job: try Self.shirts(maxLength: Roll.longestLength, open: true), config: config).run()
        #expect(near.unplaced.isEmpty && near.sheets[0].length < 80)
        #expect(far == near && open == near)
    }

    @Test func aShortPlanIsLengthenedUntilEveryPartIsOn() throws {
        // Planned at 40 % density, shirts (85 % for sparrow) never needs the doubling; a
        // spacing of 3 on parts a few units across needs it.
        var job = try Self.shirts(maxLength: Roll.longestLength, open: true)
        job.spacing = 3
        let config = StripOptimizerTests.config(iterations: 0)
        let open = try Nester(job: job, config: config).run()
        #expect(open.unplaced.isEmpty && open.placedCount == job.parts().count)
        let parts = job.parts()
        guard case .roll(let roll) = job.stock else { return }
        let planned = roll.planningLength(for: parts, spacing: 3, margin: 0)
        #expect(open.sheets[0].length > planned, "\(open.sheets[0].length) against a plan of \(planned)")
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: open, expectedParts: parts)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        // A roll as long as that plan, declared, leaves parts out, each with its reason.
        let closed = try Nester(job: try { var j = job; j.stock = .roll(Roll(name: "r", material: roll.material, width: roll.width,
                                                                              maxLength: planned)); return j }(), config: config).run()
        #expect(!closed.unplaced.isEmpty && closed.unplaced.allSatisfy { $0.reason.contains("maximum length") })
    }
}

/// The default optimizer budget grows with the job's parts, within stated bounds.
struct DefaultBudgetTests {
    @Test func defaultBudgetIsDerivedFromTheParts() throws {
        #expect(SearchSettings.defaultIterations(parts: 12) == SearchSettings.defaultIterations)
        #expect(SearchSettings.defaultIterations(parts: 2048) == 2048 * SearchSettings.iterationsPerPart)
        #expect(SearchSettings.defaultIterations(parts: 19_000) == SearchSettings.maximumDefaultIterations)
        let job = try StripOptimizerTests.job("shirts")  // no budget in the instance
        #expect(job.search.iterations == .iterations(SearchSettings.defaultIterations(parts: job.parts().count)))
    }
}
