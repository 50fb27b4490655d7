import NestCollision
import NestGeometry
import NestModel

/// One of the two problems the engine solves, and all that sets it apart from the other:
/// the sheets the first nest fills, how it prices a position, which parts go in together,
/// how it says why a part found no room, and the optimizer that follows it.
///
/// `StripPackingProblem` is a roll (one sheet of open length; the fewer metres, the
/// better); `HideBinPackingProblem` is a set of hides (bin packing with leather grades,
/// defects and parts that must share a hide; the fewer hides and the better-used leather,
/// the better). The first nest (`ConstructiveNester`) and `Nester` are written once over
/// this protocol; neither asks which stock it has.
protocol NestProblem {
    /// The stock's sheets, empty, in the order the first nest fills them.
    func emptySheets(kernel: GeometryKernel) throws -> [SheetState]
    /// How scarce each grade of leather is for `parts` on `sheets` (building their free
    /// regions where needed); `.none` where grades do not apply.
    func economy(of parts: [Part], on sheets: inout [SheetState], context: RunContext) throws -> LeatherEconomy
    /// What the first nest minimises for `part` on `sheet`.
    func score(for part: Part, on sheet: SheetState, economy: LeatherEconomy, config: NestConfiguration) -> PlacementScore
    /// Whether parts of one `Part.hideGroup` go onto a sheet together, all or none.
    var keepsGroupsTogether: Bool { get }
    /// Why `part` found no room: `gradeRoom` is false when no sheet has enough leather of
    /// its grade at all.
    func noRoomReason(for part: Part, gradeRoom: Bool) -> String
    /// The optimizer after the first nest: improves `first` within the configuration's
    /// budget and returns the nest.
    func improve(_ first: ConstructiveNester.Outcome, context: RunContext) throws -> NestResult
}
