import Foundation
import NestCollision
import NestGeometry
import NestModel

/// Improves a nest over hides after the first nest, with the separator's guided local
/// search. A *unit* is what must go onto one hide together: a part, a left/right pair, or
/// every panel of a pair of shoes (`Part.hideGroup`). In turn it
/// 1. completes units the first nest left split (or takes them out);
/// 2. when the order fits the leather, gives better leather back: the parts lying on
///    better leather than they need are moved to their own, and the waiting units go into
///    the leather freed (`giveBackBetterLeather`); then repairs: a waiting unit that needs
///    scarce leather takes a spot from the units in its way, which go elsewhere (ruin and
///    recreate);
/// 3. while units wait (an open order), compresses each hide under a moving wall (from
///    every side in turn in an open order with a long enough budget, else from the top)
///    and fills the leather freed with them; in such an open order, once compression has
///    come down to small steps (or late in the budget), placed units are also traded for
///    larger waiting ones — the next size of the same panels, else a unit of other panels
///    a little larger (`HideSession.tradeUp(on:)`);
/// 4. puts the units still left out in (a part goes in at its best pose, and the overlaps
///    it causes are removed by moving the parts around it), a quick round then a long one;
/// 5. repairs again with the budget left;
/// 6. when units still wait on an order the hides hold and better leather than some placed
///    parts need, re-nests hides grade by grade, the best waiting grade's tier first
///    (`HideSession.rebuildByGrade`), while it pays;
/// 7. re-packs the last two to four hides together into one fewer, from empty;
/// 8. when everything is placed, tries to empty the last hide into the others: where there
///    is room, else by ruin and recreate on the other hides in use;
/// 9. pulls units from later hides into earlier ones, so the first hides fill up and the
///    last ones empty, and re-packs the last hides once more;
/// 10. puts the units still waiting where the first nest's search, with more samples,
///    finds room.
///
/// Every accepted state is feasible by the exact engine; a failed attempt is rolled back
/// whole. Finally no unit is left split over hides or placed in part. Deterministic for a
/// given seed and budget.
///
/// A roll too short for its order is improved the same way, as one sheet of an open order
/// (`StripPackingProblem`): without units, and with the roll's words for a waiting part.
struct HideImprover {
    let job: Job
    let context: RunContext
    /// Parts that must share a hide go as one unit; false on a roll, which keeps no parts
    /// together.
    var keepsUnits = true
    /// Why a part waits for want of room, in the words of the stock.
    var waitingReason = HideImprover.noRoomReason

    struct Outcome {
        var sheets: [Sheet]
        var unplaced: [UnplacedPart]
        var iterations: Int
        var improvements: Int
        var stoppedEarly: Bool
    }

    /// Why a part waits when the unit it must share a hide with (`same_hide`) could not be
    /// placed whole; the engine's key for such parts.
    static let groupReason = "its pair partner could not be placed on the same hide"
    /// `groupReason` as the report gives it when the unit is a pair of shoes (`same_hide: shoe`).
    static let shoeGroupReason = "the rest of its pair of shoes could not be placed on the same hide (same_hide: shoe)"
    /// Why a part waits on hides: no room found for it (the first nest gives the same words).
    static let noRoomReason = "no feasible position left on any hide"

    /// Improves the first nest `first`, whose sheet states it takes over, within `budget`
    /// iterations.
    func improve(_ first: ConstructiveNester.Outcome, budget: Int) throws -> Outcome {
        let result = first.result
        let config = context.config
        let terminator = context.terminator
        // Nothing to improve: only the unit rule to enforce, which needs no search state.
        if budget <= 0 || terminator.shouldStop {
            let (sheets, unplaced) = Self.wholeUnitsOnly(result)
            return Outcome(sheets: sheets, unplaced: unplaced, iterations: 0, improvements: 0, stoppedEarly: terminator.shouldStop)
        }
        guard var session = try HideSession(job: job, first: first, context: context, budget: budget,
                                             keepsUnits: keepsUnits, waitingReason: waitingReason) else {
            // Never start from a state the engine calls infeasible: leave the nest as it is.
            return Outcome(sheets: result.sheets, unplaced: result.unplaced, iterations: 0, improvements: 0, stoppedEarly: false)
        }
        try session.completeSplitUnits()
        // An order the hides can hold: parts left out while leather is free are the ones
        // that lost their leather to others, and repairs come first. An open order fills
        // every hide anyway: what waits is cut from the next one, and compression comes first.
        if session.economy.orderFitsStock {
            // Each its own share: giving back used to take the repairs' share too, so that at
            // a job's budget no repair was ever tried.
            let share = Int((Double(budget) * config.hides.firstRepairShare).rounded())
            try session.giveBackBetterLeather(until: session.used + share)
            try session.repairWaitingUnits(until: session.used + share)
        }
        try session.compressAndFill()
        try session.insertWaitingUnits(budgets: [config.hides.quickInsertionBudget])
        try session.insertWaitingUnits(budgets: [config.hides.insertionBudget])
        try session.repairWaitingUnits(until: budget)
        try session.rebuildByGrade(until: budget)
        try session.mergeLastHides()
        try session.emptyLastHide()
        try session.pullForward()
        try session.mergeLastHides()
        // Last, the units still waiting go where a wider search than the first nest's finds
        // room: a repair or a re-nest late in the budget may push a unit out after the
        // insertions ran, and a part must not wait beside free leather that holds it. Not
        // after Ctrl-C, which must stop at once.
        if !terminator.wasInterrupted { try session.fillEveryHide() }
        session.takeOutSplitUnits()
        return Outcome(sheets: session.sheets(), unplaced: session.unplaced.sorted { $0.part.id < $1.part.id },
                       iterations: session.used, improvements: session.improvements,
                       stoppedEarly: terminator.shouldStop)
    }

    /// The nest with every unit split over hides or placed in part taken out whole (its
    /// parts listed as unplaced for want of their partner), and hides left empty dropped.
    static func wholeUnitsOnly(_ result: NestResult) -> (sheets: [Sheet], unplaced: [UnplacedPart]) {
        var hideOfPart: [Int: Int] = [:]
        for (h, sheet) in result.sheets.enumerated() {
            for p in sheet.placements { hideOfPart[p.part.id] = h }
        }
        var members: [Int: [Part]] = [:]
        for sheet in result.sheets {
            for p in sheet.placements { if let g = p.part.hideGroup { members[g, default: []].append(p.part) } }
        }
        for u in result.unplaced { if let g = u.part.hideGroup { members[g, default: []].append(u.part) } }
        let broken = Set(members.filter { _, parts in Set(parts.map { hideOfPart[$0.id] }).count > 1 }.keys)
        guard !broken.isEmpty else { return (result.sheets, result.unplaced) }
        var unplaced = result.unplaced.filter { $0.part.hideGroup.map { !broken.contains($0) } ?? true }
        var sheets: [Sheet] = []
        for var sheet in result.sheets {
            sheet.placements.removeAll { $0.part.hideGroup.map(broken.contains) ?? false }
            if !sheet.placements.isEmpty { sheets.append(sheet) }
        }
        for g in broken {
            for part in members[g]! { unplaced.append(UnplacedPart(part: part, reason: groupReason)) }
        }
        return (sheets, unplaced.sorted { $0.part.id < $1.part.id })
    }
}
