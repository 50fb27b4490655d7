import Foundation
import NestGeometry
import NestModel

/// Nesting on a roll: strip packing. One sheet of the roll's width, as long as the parts
/// need up to its maximum length; positions are scored by how far along the roll they
/// reach; after the first nest, `StripOptimizer` shortens the marker — or, on a roll too
/// short for the order, the hide improver fills it as the one sheet of an open order.
struct StripPackingProblem: NestProblem {
    let job: Job
    /// The roll as the first nest lays it out (up to the length the order plans for).
    let roll: Roll
    var margin: Double { job.margin }

    func emptySheets(kernel: GeometryKernel) throws -> [SheetState] {
        [SheetState(roll: roll, margin: margin)]
    }

    func economy(of parts: [Part], on sheets: inout [SheetState], context: RunContext) throws -> LeatherEconomy {
        .none
    }

    func score(for part: Part, on sheet: SheetState, economy: LeatherEconomy, config: NestConfiguration) -> PlacementScore {
        .roll(gravity: config.firstNest.gravityWeight, on: sheet.layout)
    }

    var keepsGroupsTogether: Bool { false }

    /// On a roll with a `max_length`, the length ran out; on an open roll (laid out as long
    /// as the order needs, up to a kilometre) it cannot have, so the search found no position
    /// across the roll's width.
    func noRoomReason(for part: Part, gradeRoom: Bool) -> String {
        guard gradeRoom else { return "no roll has enough leather of grade \(part.minGrade.rawValue) or better" }
        if case .roll(let declared) = job.stock, declared.lengthIsOpen { return "no feasible position found across the roll's width" }
        return "no feasible position left on the roll within its maximum length"
    }

    /// The first nest's layout, its broad phase sized for the parts now on it, shortened by
    /// the strip optimizer when the budget allows and every part is on the roll. A roll
    /// that holds less than the order (its `max_length` reached) is filled instead.
    func improve(_ first: ConstructiveNester.Outcome, context: RunContext) throws -> NestResult {
        var result = first.result
        let config = context.config
        guard var state = first.sheets.first, first.sheets.count == 1, !state.layout.items.isEmpty else { return result }
        // An order of boxes laid edge to edge, when that is shorter: the optimizer's start,
        // or the nest itself without one.
        if result.unplaced.isEmpty, !context.terminator.shouldStop,
           let boxed = BoxedStart.shorter(than: state.layout, spacing: job.spacing, seed: config.seed) {
            state.layout = boxed
            result.sheets = [state.sheet()]
            result.statistics.boxesPacked = true
        }
        guard config.optimizerIterations > 0, !context.terminator.shouldStop else { return result }
        guard result.unplaced.isEmpty else { return try fillShortRoll(first, context: context) }
        var start = state.layout
        start.resizeGridForItems()
        guard start.isFeasible else { return result }  // never start from an infeasible state
        let outcome = StripOptimizer(config: config).improve(
            start, budget: config.optimizerIterations, listener: context.listener, terminator: context.terminator,
            placedArea: state.placedArea, partsTotal: start.items.count,
            deadline: config.timeLimitSeconds.map { context.started.addingTimeInterval($0) })
        state.layout = outcome.layout
        result.sheets = [state.sheet()]
        result.statistics.optimizerIterations = outcome.iterations
        result.statistics.optimizerImprovements = outcome.improvements
        result.statistics.markerSections = outcome.sections
        result.statistics.windowAttempts = outcome.windowAttempts
        result.statistics.windowLanesMet = outcome.windowLanesMet
        result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
        return result
    }

    /// A roll too short for the order: no length is left to save, so what counts is the
    /// area cut from it, as on a hide of an open order. The hide improver works on the
    /// roll's one sheet — its walls compress the parts from the roll's end first, the
    /// waiting parts go into the room freed, placed parts are traded for larger waiting
    /// ones — with every part a unit of its own (a roll keeps no parts together) and the
    /// roll's own words for a part that waits. It keeps a change only when the placed area
    /// grows, so the nest places at least the first nest's area.
    private func fillShortRoll(_ first: ConstructiveNester.Outcome, context: RunContext) throws -> NestResult {
        var result = first.result
        let improver = HideImprover(job: job, context: context, keepsUnits: false,
                                    waitingReason: noRoomReason(for: result.unplaced[0].part, gradeRoom: true))
        let outcome = try improver.improve(first, budget: context.config.optimizerIterations)
        result.sheets = outcome.sheets
        result.unplaced = outcome.unplaced
        result.statistics.optimizerIterations = outcome.iterations
        result.statistics.optimizerImprovements = outcome.improvements
        result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
        return result
    }
}
