import Foundation
import NestGeometry
import NestModel

/// Nesting on a roll: strip packing. One sheet of the roll's width, as long as the parts
/// need up to its maximum length; positions are scored by how far along the roll they
/// reach; after the first nest, `StripOptimizer` shortens the marker.
struct StripPackingProblem: NestProblem {
    let roll: Roll
    let margin: Double

    func emptySheets(kernel: GeometryKernel) throws -> [SheetState] {
        [SheetState(roll: roll, margin: margin)]
    }

    func economy(of parts: [Part], on sheets: inout [SheetState], context: RunContext) throws -> LeatherEconomy {
        .none
    }

    func score(for part: Part, on sheet: SheetState, economy: LeatherEconomy, config: NestConfiguration) -> PlacementScore {
        .roll(gravity: config.firstNest.gravityWeight)
    }

    var keepsGroupsTogether: Bool { false }

    func noRoomReason(for part: Part, gradeRoom: Bool) -> String {
        gradeRoom ? "no feasible position left on the roll within its maximum length"
            : "no roll has enough leather of grade \(part.minGrade.rawValue) or better"
    }

    /// The first nest's layout, its broad phase sized for the parts now on it, shortened by
    /// the strip optimizer when the budget allows and every part is on the roll.
    func improve(_ first: ConstructiveNester.Outcome, context: RunContext) throws -> NestResult {
        var result = first.result
        let config = context.config
        guard config.optimizerIterations > 0, result.unplaced.isEmpty, var state = first.sheets.first,
              first.sheets.count == 1, !state.layout.items.isEmpty, !context.terminator.shouldStop else { return result }
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
        result.statistics.stoppedEarly = result.statistics.stoppedEarly || outcome.stoppedEarly
        return result
    }
}
