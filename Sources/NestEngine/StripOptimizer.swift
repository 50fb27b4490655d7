import Foundation
import NestGeometry
import NestModel

/// Shortens a feasible roll nest for as long as its budget lasts, in the manner of
/// sparrow's explore-and-compress (Gardeyn & Vanden Berghe 2025): shrink the strip, push
/// the items beyond a split line in, then remove the overlaps by guided local search; keep
/// every feasible result, shrink less after a failure.
///
/// A long marker (at least two windows of `config.compression.windowParts` parts) is first
/// cut into sections (`MarkerSections`, about `config.compression.sectionParts` parts each),
/// shortened side by side on the threads as strips of their own with
/// `config.compression.sectionShare` of the budget, and joined again; then it is shrunk
/// window by window (`MarkerWindows`): each attempt takes a share of one window's length out at a
/// split inside it, so only the parts about the split collide and an attempt costs about
/// the same on a 60 m marker as on a 6 m one (a share of the whole marker would make every
/// iteration move a band of a hundred parts). The colliding parts still sample poses
/// across the whole strip: the holes a displaced part can take lie anywhere along it.
/// `config.workers` windows, never neighbours, are worked on side by side (on
/// `config.threads` threads), each from the same nest, and their gains joined.
///
/// Deterministic: the budget counts separator iterations and every random choice comes from
/// the seed, so the same job, seed and budget give the same nest, whatever the thread
/// count. A terminator may stop it earlier; the best feasible layout found so far is always
/// what it returns.
struct StripOptimizer {
    let config: NestConfiguration

    struct Outcome {
        var layout: SearchLayout
        var iterations: Int
        var improvements: Int
        var stoppedEarly: Bool
        /// Separations started from a failed state after a disruption (exploration).
        var disruptions = 0
        /// A long marker cut into sections: what became of them.
        var sections: MarkerSectionsSummary?
        /// Window attempts, and those whose successful lanes met (only the first kept).
        var windowAttempts: Int?
        var windowLanesMet: Int?
    }

    func improve(_ start: SearchLayout, budget: Int, listener: some NestListener, terminator: some Terminator,
                 placedArea: Double, partsTotal: Int, deadline: Date? = nil) -> Outcome {
        var rng = SeededGenerator(seed: config.seed, stream: [0x5_7219])
        var layout = start
        layout.setLength(start.usedLength, split: .infinity)
        var used = 0
        var improvements = 0
        var stopped = false
        var sectionsSummary: MarkerSectionsSummary?
        if let sections = MarkerSections(layout, parts: config.compression.sectionParts,
                                         minimumParts: 2 * config.compression.windowParts),
           Double(budget) * config.compression.sectionShare / Double(sections.members.count)
               >= Double(config.compression.sectionMinimumIterations) {
            let outcome = shortenSections(sections, of: layout, budget: budget, listener: listener, terminator: terminator,
                                          placedArea: placedArea, partsTotal: partsTotal, deadline: deadline)
            layout = outcome.layout
            used = outcome.iterations
            improvements = outcome.improvements
            sectionsSummary = outcome.sections
        }
        var best = layout.snapshot
        var bestLength = layout.length
        var ratio = config.compression.initialShrink
        func report() {
            listener.progress(NestProgress(partsTried: partsTotal, partsTotal: partsTotal, partsPlaced: partsTotal,
                                           sheetsUsed: 1, yieldPercent: 100 * placedArea / (bestLength * layout.width),
                                           optimizerIteration: used, optimizerBudget: budget, lengthMM: bestLength))
        }
        // Exploration first (`config.compression.exploration`), until this many iterations or
        // this time; then compression.
        var exploring = config.compression.exploration
        let explorationEnd = Int(Double(budget) * config.compression.explorationShare)
        let explorationDeadline = deadline.map { Date().addingTimeInterval(config.compression.explorationShare * $0.timeIntervalSinceNow) }
        var pool: [(loss: Double, state: SearchLayout.Snapshot)] = []
        var disruptions = 0
        lazy var largeItems = Self.largeItems(of: layout)
        var windows = MarkerWindows(layout, parts: config.compression.windowParts, initialShrink: config.compression.initialShrink,
                                    finestShrink: config.compression.finestShrink, seed: config.seed)
        var lanesMet = 0
        while used < budget {
            if terminator.shouldStop {
                stopped = true
                break
            }
            if windows != nil {
                let gained = compressInWindows(&layout, windows: &windows!, budget: budget, used: &used,
                                               lanesMet: &lanesMet, terminator: terminator)
                if gained {
                    bestLength = layout.length
                    improvements += 1
                }
                report()
                continue
            }
            if exploring, used >= explorationEnd || deadlinePassed(explorationDeadline) {
                // Compression: small steps from the best nest, smaller after each failure.
                exploring = false
                pool.removeAll()
                ratio = config.compression.finestShrink
            }
            if exploring, ratio <= config.compression.explorationShrink, !pool.isEmpty {
                // Exploration: the same length again from a failed state, disrupted.
                let k = min(pool.count - 1, Int(abs(rng.nextGaussian() * 0.25) * Double(pool.count)))
                layout.restore(pool[k].state)
                disrupt(&layout, among: largeItems, rng: &rng)
                disruptions += 1
            } else {
                layout.restore(best)
                let target = bestLength * (1 - ratio)
                layout.setLength(target, split: rng.nextUnit() * target)
            }
            let target = layout.length
            let feasible = Separator(config: config).separate(&layout, budget: budget, used: &used, rng: &rng, terminator: terminator)
            if feasible {
                best = layout.snapshot
                bestLength = target
                improvements += 1
                pool.removeAll()
            } else if exploring, ratio <= config.compression.explorationShrink {
                let entry = (loss: layout.totalLoss, state: layout.snapshot)
                pool.insert(entry, at: pool.firstIndex { $0.loss > entry.loss } ?? pool.count)
                if pool.count > config.compression.explorationPool { pool.removeLast() }
            } else if exploring {
                ratio = max(ratio * 0.5, config.compression.explorationShrink)
            } else if !config.compression.exploration {
                ratio = max(ratio * 0.5, config.compression.finestShrink)
            } else {
                ratio = max(ratio * 0.9, config.compression.compressionFinestShrink)
            }
            report()
        }
        if windows == nil { layout.restore(best) }
        report()
        return Outcome(layout: layout, iterations: used, improvements: improvements, stoppedEarly: stopped,
                       disruptions: disruptions, sections: sectionsSummary, windowAttempts: windows?.attempts,
                       windowLanesMet: windows == nil ? nil : lanesMet)
    }

    /// True once `deadline` has passed (never without one).
    private func deadlinePassed(_ deadline: Date?) -> Bool {
        deadline.map { Date() >= $0 } ?? false
    }

    /// The items making up the first three quarters of the parts' area, largest first
    /// (sparrow's "large" items; a strip's items never change, only their poses).
    private static func largeItems(of layout: SearchLayout) -> [Int] {
        let order = layout.items.indices.sorted { layout.items[$0].partArea != layout.items[$1].partArea
            ? layout.items[$0].partArea > layout.items[$1].partArea : $0 < $1 }
        let total = layout.items.reduce(0) { $0 + $1.partArea }
        var large: [Int] = []
        var sum = 0.0
        for i in order where sum < 0.75 * total {
            large.append(i)
            sum += layout.items[i].partArea
        }
        return large
    }

    /// sparrow's disruption: two of the `large` items, of different shapes, swap places,
    /// each keeping its orientation, centre to centre.
    private func disrupt(_ layout: inout SearchLayout, among large: [Int], rng: inout SeededGenerator) {
        guard large.count >= 2 else { return }
        for _ in 0..<8 {
            let a = large[Int(rng.next() % UInt64(large.count))], b = large[Int(rng.next() % UInt64(large.count))]
            let ia = layout.items[a], ib = layout.items[b]
            guard a != b, abs(ia.partArea - ib.partArea) > 1e-6 * ia.partArea || ia.part.panel != ib.part.panel else { continue }
            let ca = ia.shape.body.bounds.center + ia.position, cb = ib.shape.body.bounds.center + ib.position
            layout.move(a, orientation: ia.orientation, to: cb - ia.shape.body.bounds.center)
            layout.move(b, orientation: ib.orientation, to: ca - ib.shape.body.bounds.center)
            return
        }
    }

    /// The first phase on a long marker: every section shortened as a strip of its own, the
    /// sections side by side on the threads, each with an equal share of
    /// `config.compression.sectionShare` of the budget (or, when only a time limit ends the
    /// run, of the time left before `deadline`), then the strips joined again. Deterministic
    /// by budget: a section's search depends on its parts, its share and the seed, never on
    /// the thread that runs it or on the others.
    private func shortenSections(_ sections: MarkerSections, of layout: SearchLayout, budget: Int,
                                 listener: some NestListener, terminator: some Terminator, placedArea: Double,
                                 partsTotal: Int, deadline: Date?) -> Outcome {
        let count = sections.members.count
        let margin = layout.margin
        let starts = (0..<count).map { sections.section($0, of: layout, margin: margin) }
        let phaseBudget = Int(Double(budget) * config.compression.sectionShare)
        let shares = (0..<count).map { phaseBudget / count + ($0 < phaseBudget % count ? 1 : 0) }
        let threads = max(1, min(config.threads, count))
        // With only a time limit to end the run, each section gets an equal share of the
        // phase's time; a section starts when a thread is free, so the time per section is
        // the phase's time over the rounds the threads need.
        let secondsEach: Double? = budget >= IterationBudget.untilStopped.count / 2
            ? deadline.map { max(0, $0.timeIntervalSinceNow) * config.compression.sectionShare
                / Double((count + threads - 1) / threads) }
            : nil
        let sectionConfig = {
            var c = config
            c.threads = 1
            return c
        }()
        let progress = SectionProgress(markerLength: layout.length, lengths: starts.map(\.length), width: layout.width,
                                       placedArea: placedArea, partsTotal: partsTotal, budget: budget, listener: listener)
        let slots = starts.map { SectionSlot(layout: $0) }
        let seed = config.seed
        let work: @Sendable (Int) -> Void = { k in
            var c = sectionConfig
            c.seed = seed &+ UInt64(k + 1) &* 0x9E37_79B9_7F4A_7C15
            let stop = SectionStop(outer: terminator, end: secondsEach.map { Date().addingTimeInterval($0) })
            let outcome = StripOptimizer(config: c).improve(
                slots[k].layout, budget: shares[k], listener: progress.listener(for: k), terminator: stop,
                placedArea: 0, partsTotal: 0)
            slots[k].layout = outcome.layout
            slots[k].iterations = outcome.iterations
            slots[k].improvements = outcome.improvements
        }
        if threads > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: work)
        } else {
            for k in 0..<count { work(k) }
        }
        let joined = sections.join(slots.map(\.layout), onto: layout, margin: margin)
        let iterations = slots.reduce(0) { $0 + $1.iterations }
        // A section cut from a feasible marker starts feasible (its parts shifted exactly,
        // their pairs decided in their own frames) and keeps its best feasible strip.
        Invariants.require(slots.allSatisfy(\.layout.isFeasible),
                           "a section came back infeasible: " + slots.indices.filter { !slots[$0].layout.isFeasible }.map { k in
                               let l = slots[k].layout
                               return "section \(k) (length \(l.length), parts use \(l.usedLength)): pairs \(l.pairLoss.map { "\($0.key.a)-\($0.key.b) \($0.value)" }), "
                                   + "outside \(l.items.indices.filter { l.containerLoss[$0] > 0 }.map { "\($0) \(l.containerLoss[$0]) at \(l.items[$0].position)" })"
                           }.joined(separator: "; "))
        // `join` keeps feasible sections feasible; a refused join would silently throw the
        // sections' work away (as a length rounded short of the last part once did).
        Invariants.require(joined.isFeasible,
                           "feasible sections joined into an infeasible marker (length \(joined.length), parts use \(joined.usedLength))")
        // Cut from an interlocked nest, sections start longer than their share of the
        // marker; stopped before they won that back, the marker is kept as it was.
        guard joined.isFeasible, joined.length < layout.length else {
            let why = !joined.isFeasible ? "the joined marker overlapped"
                : "the joined marker (\(DecimalText.trimmed(joined.length, decimals: 1)) mm) was no shorter than the uncut one"
            return Outcome(layout: layout, iterations: iterations, improvements: 0, stoppedEarly: terminator.shouldStop,
                           sections: MarkerSectionsSummary(count: count, keptBecause: why,
                                                           lengthBefore: layout.length, lengthAfter: layout.length))
        }
        return Outcome(layout: joined, iterations: iterations, improvements: slots.reduce(0) { $0 + $1.improvements },
                       stoppedEarly: terminator.shouldStop,
                       sections: MarkerSectionsSummary(count: count, keptBecause: nil,
                                                       lengthBefore: layout.length, lengthAfter: joined.length))
    }

    /// One section's work, carried across threads; each section writes only its own.
    private final class SectionSlot: @unchecked Sendable {
        var layout: SearchLayout
        var iterations = 0
        var improvements = 0
        init(layout: SearchLayout) { self.layout = layout }
    }

    /// The box that carries one lane's work across threads; each lane writes only its own.
    private final class LaneSlot: @unchecked Sendable {
        let window: MarkerWindows.Window
        var layout: SearchLayout
        var used: Int
        var feasible = false
        var split = 0.0
        init(window: MarkerWindows.Window, layout: SearchLayout, used: Int) {
            self.window = window
            self.layout = layout
            self.used = used
        }
    }

    /// One attempt on a long marker: the lanes' windows compressed and separated side by
    /// side from the same feasible `layout`, the successful ones joined into it. True when
    /// the marker got shorter; `layout` is feasible either way.
    private func compressInWindows(_ layout: inout SearchLayout, windows: inout MarkerWindows, budget: Int,
                                   used: inout Int, lanesMet: inout Int, terminator: some Terminator) -> Bool {
        let attempt = windows.attempts
        let picked = windows.pick(lanes: max(1, config.workers), length: layout.length)
        let laneConfig = {
            var c = config
            if picked.count > 1 {
                // The lanes are the independent searches; each separator makes one pass.
                c.workers = 1
                c.threads = 1
            }
            return c
        }()
        // The budget left, shared out so that the lanes together never pass it.
        let left = budget - used
        let shares = picked.indices.map { left / picked.count + ($0 < left % picked.count ? 1 : 0) }
        let slots = picked.map { LaneSlot(window: $0, layout: layout, used: used) }
        let startUsed = used
        let work: @Sendable (Int) -> Void = { k in
            let slot = slots[k]
            var l = slot.layout
            var rng = SeededGenerator(seed: laneConfig.seed, stream: [0x1A4E, UInt64(attempt), UInt64(k)])
            let w = slot.window
            let split = w.range.lowerBound + (w.range.upperBound - w.range.lowerBound) * (0.25 + 0.5 * rng.nextUnit())
            l.setLength(l.length - w.shrink, split: split)
            var laneUsed = startUsed
            slot.feasible = shares[k] > 0 && Separator(config: laneConfig, lane: UInt64(k + 1)).separate(
                &l, budget: startUsed + shares[k], used: &laneUsed, rng: &rng, terminator: terminator)
            slot.layout = l
            slot.used = laneUsed
            slot.split = split
        }
        if slots.count > 1, config.threads > 1 {
            DispatchQueue.concurrentPerform(iterations: slots.count, execute: work)
        } else {
            for k in slots.indices { work(k) }
        }
        used = startUsed + slots.reduce(0) { $0 + ($1.used - startUsed) }
        for slot in slots { windows.record(slot.window, success: slot.feasible) }
        let winners = slots.filter(\.feasible)
        guard !winners.isEmpty else { return false }
        if let joined = join(winners, onto: layout), joined.isFeasible {
            layout = joined
        } else {
            // The windows met after all: keep the gain of the first alone.
            layout = winners[0].layout
            lanesMet += 1
        }
        return true
    }

    /// The lanes' results put together on `base`: every lane's shrink applied at its split
    /// (rightmost first), then the items a lane's separator moved set where that lane left
    /// them, shifted by the shrinks of the lanes to their left. Nil when two lanes moved
    /// the same item.
    private func join(_ lanes: [LaneSlot], onto base: SearchLayout) -> SearchLayout? {
        let lanes = lanes.sorted { $0.split < $1.split }
        if lanes.count == 1 { return lanes[0].layout }
        var joined = base
        for lane in lanes.reversed() { joined.setLength(joined.length - lane.window.shrink, split: lane.split) }
        var owner = [Int?](repeating: nil, count: base.items.count)
        for (k, lane) in lanes.enumerated() {
            for i in base.items.indices {
                let b = base.items[i]
                let shifted = b.shape.body.bounds.offsetBy(b.position).center.x > lane.split
                    ? Point(b.position.x - lane.window.shrink, b.position.y) : b.position
                let l = lane.layout.items[i]
                guard l.orientation != b.orientation || l.position != shifted else { continue }
                if owner[i] != nil { return nil }
                owner[i] = k
            }
        }
        for i in base.items.indices {
            guard let k = owner[i] else { continue }
            let left = lanes[..<k].reduce(0.0) { $0 + $1.window.shrink }
            let l = lanes[k].layout.items[i]
            joined.move(i, orientation: l.orientation, to: Point(l.position.x - left, l.position.y))
        }
        joined.resetWeights()
        return joined
    }
}
