import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// A long marker cut into sections: every part in exactly one section, each section a
/// feasible strip of its own, the sections joined again without a collision and no longer
/// than laid apart; a run with sections is feasible, shorter than its first nest, and the
/// same on one thread as on two.
struct MarkerSectionsTests {
    @Test func sectionsPartitionTheMarkerAndJoinFeasibly() throws {
        let (layout, job) = try LongMarkerTests.layout("shirts", times: 3)  // 297 parts
        let none = MarkerSections(layout, parts: 100, minimumParts: 300) == nil
        #expect(none, "297 parts are below the 300 a long marker needs")
        let sections = try #require(MarkerSections(layout, parts: 100, minimumParts: 80))
        #expect(sections.members.count == 2)
        let all = sections.members.flatMap { $0 }
        #expect(all.count == layout.items.count && Set(all).count == layout.items.count, "every part in one section")
        // In the order of the nest: every part of the first section starts left of the second's.
        let centre = { (i: Int) in layout.items[i].shape.body.bounds.offsetBy(layout.items[i].position).center.x }
        #expect(sections.members[0].map(centre).max()! <= sections.members[1].map(centre).min()!)
        var strips: [SearchLayout] = []
        for k in sections.members.indices {
            let strip = sections.section(k, of: layout, margin: job.margin)
            #expect(strip.isFeasible, "section \(k) as a strip of its own")
            let left = strip.items.map { $0.shape.body.bounds.offsetBy($0.position).minX }.min()!
            #expect(abs(left - job.margin) < 1e-9, "section \(k) starts at the margin")
            strips.append(strip)
        }
        let joined = sections.join(strips, onto: layout, margin: job.margin)
        #expect(joined.isFeasible)
        #expect(joined.items.count == layout.items.count)
        // Slid together: no longer than the two strips end to end (the 0.01 the boxes keep
        // apart before sliding).
        #expect(joined.length <= strips[0].length + strips[1].length + 0.02)
        for (k, members) in sections.members.enumerated() {
            for (m, i) in members.enumerated() {
                #expect(joined.items[i].part.id == strips[k].items[m].part.id)
                #expect(joined.items[i].orientation == strips[k].items[m].orientation)
            }
        }
    }

    @Test func runWithSectionsIsFeasibleShorterAndThreadIndependent() throws {
        let job = try LongMarkerTests.job("shirts", times: 3)
        var config = StripOptimizerTests.config(iterations: 400, workers: 2, threads: 1)
        config.compression.windowParts = 40  // a long marker: 297 parts, at least 80
        config.compression.sectionParts = 100  // two sections, 160 iterations each, then windows
        config.compression.sectionMinimumIterations = 100
        let first = try ConstructiveNester(job: job, config: config).run()
        let one = try Nester(job: job, config: config).run()
        config.threads = 2
        let two = try Nester(job: job, config: config).run()
        #expect(one == two)
        #expect(one.statistics.optimizerIterations == 400)
        #expect(one.sheets[0].length < first.sheets[0].length)
        #expect(one.placedCount == job.parts().count)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: one, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    /// Every section of a marker cut far along a roll starts inside its strip: the exact
    /// shift that brings its leftmost body to the margin rounds, and a hair of slack keeps
    /// that body from starting before it. (Shifted by `margin - left` alone, a section of
    /// the touching mesh ×16 began 10⁻¹² mm before its margin; no search made it feasible,
    /// and the join was refused.)
    @Test func sectionsCutFarAlongTheRollStartInsideTheirStrips() throws {
        let (near, job) = try LongMarkerTests.layout("shirts", times: 3)
        var rng = SeededGenerator(seed: 21)
        for round in 0..<16 {
            let offset = (round < 8 ? 8_000.0 : 60_000.0) + 1_000 * rng.nextUnit()
            let layout = LongMarkerTests.moved(near, by: offset, margin: job.margin)
            let sections = try #require(MarkerSections(layout, parts: 30, minimumParts: 60))
            for k in sections.members.indices {
                let strip = sections.section(k, of: layout, margin: job.margin)
                let left = strip.items.map { $0.shape.body.bounds.offsetBy($0.position).minX }.min()!
                #expect(left >= job.margin && left - job.margin < 1e-8 && strip.containerLoss.allSatisfy { $0 == 0 },
                        "offset \(offset), section \(k): starts at \(left)")
            }
        }
    }

    /// A strip set to the length its parts use holds them all, to the bit, however far
    /// along a roll they lie: the optimizer starts from it, and the sections' join ends on
    /// it. (Rounded like a shift, the length fell a few 10⁻¹² mm short of the last part on
    /// a 62 m marker; every join was then refused and the sections' work thrown away.)
    @Test func aStripSetToItsUsedLengthHoldsItsParts() throws {
        let (near, job) = try LongMarkerTests.layout("shirts")
        for offset in [0.0, 61_991.770_626_175_95, 149_823.456_789_012_3] {
            var layout = LongMarkerTests.moved(near, by: offset, margin: job.margin)
            let used = layout.usedLength
            layout.setLength(used, split: .infinity)
            #expect(layout.length == used, "offset \(offset): length \(layout.length), parts use \(used)")
            let inside = layout.items.allSatisfy { $0.shape.body.bounds.offsetBy($0.position).maxX <= layout.length - job.margin }
            #expect(inside, "offset \(offset): a part ends beyond the strip")
        }
    }

    /// Sections alone (the whole budget theirs) give a shorter marker than the first nest.
    /// 450 iterations a section: since parts may touch (2026-12-07) the first nest is tight
    /// enough that 150 did not win back what cutting it into sections costs.
    @Test func sectionsAloneShortenTheMarker() throws {
        let (layout, _) = try LongMarkerTests.layout("shirts", times: 3)
        var config = StripOptimizerTests.config(iterations: 900, workers: 1, threads: 2)
        config.compression.windowParts = 40
        config.compression.sectionParts = 100
        config.compression.sectionShare = 1  // the whole budget to the sections: no windows after
        config.compression.sectionMinimumIterations = 450
        let outcome = StripOptimizer(config: config).improve(layout, budget: 900, listener: SilentListener(),
                                                             terminator: NeverStop(), placedArea: 0, partsTotal: 0)
        #expect(outcome.iterations == 900)
        #expect(outcome.improvements > 0)
        #expect(outcome.layout.isFeasible)
        #expect(outcome.layout.length < layout.usedLength - 1, "\(outcome.layout.length) against \(layout.usedLength)")
        let sections = try #require(outcome.sections, "the report says what became of the sections")
        #expect(sections.joined && sections.keptBecause == nil && sections.count >= 2, "\(sections)")
        #expect(sections.lengthAfter == outcome.layout.length && sections.lengthBefore == layout.usedLength)
        // Below the sections' minimum the marker is not cut: windows only, and with the
        // whole budget given to sections, none is left for them.
        config.compression.sectionMinimumIterations = 451
        let uncut = StripOptimizer(config: config).improve(layout, budget: 900, listener: SilentListener(),
                                                           terminator: NeverStop(), placedArea: 0, partsTotal: 0)
        #expect(uncut.iterations == 900)
        #expect(uncut.layout.length != outcome.layout.length)
        #expect(uncut.sections == nil && uncut.windowAttempts != nil)
    }
}
