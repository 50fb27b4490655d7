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
            let feasible = Separator(config: config).separate(&layout, budget: budget, used: &used, rng: &rng, terminator: terminator)
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
}
