import Foundation
import NestCollision
import NestGeometry
import NestModel

/// Improves a nest over hides after the first nest, with the separator's guided local
/// search. A *unit* is what must go onto one hide together: a part, a left/right pair, or
/// every panel of a pair of shoes (`Part.hideGroup`). In turn it
/// 1. completes units the first nest left split (or takes them out);
/// 2. while units wait (an open order), compresses each hide under a moving wall and fills
///    the leather freed with them;
/// 3. puts the units still left out in (a part goes in at its best pose, and the overlaps
///    it causes are removed by moving the parts around it), a quick round then a long one;
/// 4. pulls units from later hides into earlier ones, so the first hides fill up and the
///    last ones empty;
/// 5. when everything is placed, tries to empty the last hide into the others.
///
/// Every accepted state is feasible by the exact engine; a failed attempt is rolled back
/// whole. Finally no unit is left split over hides or placed in part. Deterministic for a
/// given seed and budget.
struct HideImprover {
    let job: Job
    let config: NestConfiguration
    let library: ShapeLibrary

    struct Outcome {
        var sheets: [Sheet]
        var unplaced: [UnplacedPart]
        var iterations: Int
        var improvements: Int
        var stoppedEarly: Bool
    }

    static let groupReason = "its pair partner could not be placed on the same hide"

    func improve(_ result: NestResult, budget: Int, listener: some NestListener, terminator: some Terminator) throws
        -> Outcome
    {
        guard case .hides(let hides) = job.stock else {
            return Outcome(sheets: result.sheets, unplaced: result.unplaced, iterations: 0, improvements: 0, stoppedEarly: false)
        }
        guard var session = try HideSession(job: job, hides: hides, result: result, config: config, library: library, budget: budget,
                                            listener: listener, terminator: terminator)
        else {
            // Never start from a state the engine calls infeasible: leave the nest as it is.
            return Outcome(sheets: result.sheets, unplaced: result.unplaced, iterations: 0, improvements: 0, stoppedEarly: false)
        }
        try session.completeSplitUnits()
        try session.compressAndFill()
        try session.insertWaitingUnits(budgets: [config.quickInsertionBudget])
        try session.insertWaitingUnits(budgets: [config.insertionBudget])
        try session.pullForward()
        try session.emptyLastHide()
        session.takeOutSplitUnits()
        return Outcome(sheets: session.sheets(margin: job.margin), unplaced: session.unplaced.sorted { $0.part.id < $1.part.id },
                       iterations: session.used, improvements: session.improvements,
                       stoppedEarly: terminator.shouldStop)
    }
}
