import Foundation
import NestGeometry
import NestModel

/// Shortens a feasible roll nest for as long as its budget lasts, in the manner of
/// sparrow's explore-and-compress (Gardeyn & Vanden Berghe 2025): shrink the strip, push
/// the items beyond a split line in, then remove the overlaps by guided local search; keep
/// every feasible result, shrink less after a failure.
///
/// Deterministic: the budget counts separator iterations and every random choice comes from
/// the seed, so the same job, seed and budget give the same nest. A terminator may stop it
/// earlier; the best feasible layout found so far is always what it returns.
struct StripOptimizer {
    let config: NestConfiguration

    struct Outcome {
        var layout: SearchLayout
        var iterations: Int
        var improvements: Int
        var stoppedEarly: Bool
    }

    func improve(_ start: SearchLayout, budget: Int, listener: some NestListener, terminator: some Terminator,
                 placedArea: Double, partsTotal: Int) -> Outcome {
        var rng = SeededGenerator(seed: config.seed, stream: [0x5_7219])
        var layout = start
        layout.setLength(start.usedLength, split: .infinity)
        var best = layout.snapshot
        var bestLength = layout.length
        var ratio = config.initialShrink
        var used = 0
        var improvements = 0
        var stopped = false
        func report() {
            listener.progress(NestProgress(partsTried: partsTotal, partsTotal: partsTotal, partsPlaced: partsTotal,
                                           sheetsUsed: 1, yieldPercent: 100 * placedArea / (bestLength * layout.width),
                                           optimizerIteration: used, optimizerBudget: budget, lengthMM: bestLength))
        }
        while used < budget {
            if terminator.shouldStop {
                stopped = true
                break
            }
            layout.restore(best)
            let target = bestLength * (1 - ratio)
            layout.setLength(target, split: rng.nextUnit() * target)
            let feasible = separate(&layout, budget: budget, used: &used, rng: &rng, terminator: terminator)
            if feasible {
                best = layout.snapshot
                bestLength = target
                improvements += 1
                report()
            } else {
                ratio = max(ratio * 0.5, config.finestShrink)
            }
        }
        layout.restore(best)
        report()
        return Outcome(layout: layout, iterations: used, improvements: improvements, stoppedEarly: stopped)
    }

    /// The box that carries one worker's state across threads; each worker writes only
    /// its own slot.
    private final class WorkerSlots: @unchecked Sendable {
        var layouts: [SearchLayout]
        init(_ layouts: [SearchLayout]) { self.layouts = layouts }
    }

    /// One separator iteration: `config.workers` independent passes from the same state,
    /// each with its own random stream, run on up to `config.threads` threads; the pass with
    /// the lowest weighted penalty wins (ties to the lower worker index), so the outcome
    /// depends on the number of workers but never on the number of threads.
    private func iterate(_ layout: inout SearchLayout, iteration: Int) {
        let workers = max(1, config.workers)
        let seed = config.seed
        let slots = WorkerSlots(Array(repeating: layout, count: workers))
        let work: @Sendable (Int) -> Void = { w in
            var rng = SeededGenerator(seed: seed, stream: [0x5E9A, UInt64(iteration), UInt64(w)])
            var l = slots.layouts[w]
            self.moveColliding(&l, rng: &rng)
            slots.layouts[w] = l
        }
        if workers > 1, config.threads > 1 {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        } else {
            for w in 0..<workers { work(w) }
        }
        var best = 0
        var bestLoss = slots.layouts[0].weightedTotalLoss
        for w in 1..<workers {
            let loss = slots.layouts[w].weightedTotalLoss
            if loss < bestLoss {
                best = w
                bestLoss = loss
            }
        }
        layout = slots.layouts[best]
    }

    /// Removes overlaps at the current length. True when it reached a feasible layout
    /// (left in `layout`); otherwise `layout` holds the least-penalised state found.
    private func separate(_ layout: inout SearchLayout, budget: Int, used: inout Int, rng: inout SeededGenerator,
                          terminator: some Terminator) -> Bool {
        if layout.isFeasible { return true }
        var best = layout.snapshot
        var bestLoss = layout.totalLoss
        var strikes = 0
        while strikes < config.separatorStrikes, used < budget {
            let roundStart = bestLoss
            var stale = 0
            while stale < config.separatorPatience, used < budget {
                if terminator.shouldStop { return false }
                iterate(&layout, iteration: used)
                used += 1
                let loss = layout.totalLoss
                if loss == 0 { return true }
                layout.updateWeights()
                if loss < bestLoss {
                    stale = loss < 0.98 * bestLoss ? 0 : stale + 1
                    bestLoss = loss
                    best = layout.snapshot
                } else {
                    stale += 1
                }
            }
            layout.restore(best)
            if bestLoss >= 0.98 * roundStart { strikes += 1 }
        }
        return false
    }

    /// One pass: every colliding item, in random order, moves to the best pose found.
    private func moveColliding(_ layout: inout SearchLayout, rng: inout SeededGenerator) {
        var order = layout.collidingItems
        // Fisher–Yates with the run's generator.
        if order.count > 1 {
            for k in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(k, Int(rng.next() % UInt64(k + 1)))
            }
        }
        for i in order where layout.containerLoss[i] > 0 || !layout.colliders[i].isEmpty {
            var search = PoseSearch(layout: layout, config: config)
            let pose = search.best(for: i, rng: &rng)
            if pose.orientation != layout.items[i].orientation || pose.position != layout.items[i].position {
                layout.move(i, orientation: pose.orientation, to: pose.position)
            }
        }
    }
}
