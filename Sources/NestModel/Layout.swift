import NestGeometry

/// Which kind of stock a sheet is.
public enum SheetKind: String, Sendable, Hashable {
    case hide
    case roll
}

/// One part put on a sheet: the part and the transform that takes its pattern-frame
/// shape to the sheet (mirror, rotation, translation — see `Transform`).
///
/// `orientation` is the index of the pose among the engine's orientations of the part on
/// this sheet (its grain rule's rotations, in the engine's order): the first nest records
/// it and the optimizers start from it, so a pose is never recovered by comparing angles.
/// Nil for a placement the engine did not make.
public struct Placement: Sendable, Hashable {
    public var part: Part
    public var transform: Transform
    public var orientation: Int?

    public init(part: Part, transform: Transform, orientation: Int? = nil) {
        self.part = part
        self.transform = transform
        self.orientation = orientation
    }

    /// The part's outline and cut-outs as they lie on the sheet.
    public var placedShape: Polygon { part.shape.transformed(by: transform) }
}

/// One piece of stock with the parts placed on it, in the sheet's frame (mm, y up).
///
/// For a hide, `shape` is its outline with through-holes; for a roll, the rectangle of
/// the roll's width by the length used. `defects` and `zones` are copied from the stock.
public struct Sheet: Sendable, Hashable {
    public var stockName: String
    public var kind: SheetKind
    public var shape: Polygon
    public var defects: [Defect]
    public var zones: [QualityZone]
    /// Rolls: the length used; hides: 0.
    public var length: Double
    public var placements: [Placement]
    /// The stock's grain, degrees counter-clockwise from +x: on a hide its backbone, along
    /// which the panels' grain runs; on a roll 0, along the roll.
    public var grainDegrees: Double
    /// The leather some part may use: the stock area less the union of the defects no part
    /// may touch (clearance included), clipped to the stock — measured with GEOS by whoever
    /// makes the sheet. Equal to `area` when nothing is subtracted.
    public var usableArea: Double
    /// Hides: the use of each grade of leather present, best grade first (see `GradeUse`),
    /// measured with GEOS once the nest is final. Empty for rolls and until measured.
    public var leatherUse: [GradeUse] = []

    public init(stockName: String, kind: SheetKind, shape: Polygon, defects: [Defect], zones: [QualityZone],
                length: Double, placements: [Placement], grainDegrees: Double = 0, usableArea: Double? = nil) {
        self.stockName = stockName
        self.kind = kind
        self.shape = shape
        self.defects = defects
        self.zones = zones
        self.length = length
        self.placements = placements
        self.grainDegrees = grainDegrees
        self.usableArea = usableArea ?? shape.area
    }

    /// Stock area: outline minus holes.
    public var area: Double { shape.area }
    /// Sum of the placed parts' areas (outline minus their own cut-outs).
    public var placedArea: Double { placements.reduce(0) { $0 + $1.part.shape.area } }
    /// Gross yield in percent: placed area over stock area.
    public var yieldPercent: Double { area > 0 ? 100 * placedArea / area : 0 }
    /// Yield of the usable area in percent.
    public var usableYieldPercent: Double { usableArea > 0 ? 100 * placedArea / usableArea : 0 }
}

/// A part the nester could not place, with the reason in words for the report.
public struct UnplacedPart: Sendable, Hashable {
    public var part: Part
    public var reason: String

    public init(part: Part, reason: String) {
        self.part = part
        self.reason = reason
    }
}

/// The outcome of nesting a job: the sheets used, in stock order, and what did not fit.
/// Every part of the job appears exactly once, placed or unplaced.
public struct NestResult: Sendable, Hashable {
    public var sheets: [Sheet]
    public var unplaced: [UnplacedPart]
    public var statistics: NestStatistics

    public init(sheets: [Sheet], unplaced: [UnplacedPart], statistics: NestStatistics) {
        self.sheets = sheets
        self.unplaced = unplaced
        self.statistics = statistics
    }

    public var placedArea: Double { sheets.reduce(0) { $0 + $1.placedArea } }
    public var stockArea: Double { sheets.reduce(0) { $0 + $1.area } }
    public var yieldPercent: Double { stockArea > 0 ? 100 * placedArea / stockArea : 0 }
    public var placedCount: Int { sheets.reduce(0) { $0 + $1.placements.count } }
}

/// Counters of the search, for the report and progress lines (no clock values, so two
/// equal runs report equal statistics).
public struct NestStatistics: Sendable, Hashable {
    public var candidatesTested: Int
    public var collisionQueries: Int
    public var stoppedEarly: Bool
    /// The early stop came from a signal (Ctrl-C, SIGTERM) rather than a time limit.
    public var interrupted: Bool = false
    /// Optimizer iterations spent, and how many of them gave a shorter feasible nest.
    public var optimizerIterations: Int
    public var optimizerImprovements: Int
    /// Every part a box, and the first nest laid again edge to edge by packing the boxes
    /// (shorter on a roll; every part placed on a rectangular sheet).
    public var boxesPacked = false
    /// A long marker cut into sections: what became of them (nil when the marker was not cut).
    public var markerSections: MarkerSectionsSummary?
    /// On a long marker worked window by window: the attempts, and those whose lanes each
    /// found a shorter nest but met, so that only the first lane's gain was kept (nil when
    /// no windows ran).
    public var windowAttempts: Int?
    public var windowLanesMet: Int?
    /// With a warm start: the start's placements, and how many of them were kept where they
    /// were (still feasible, and their unit whole); nil without a start.
    public var startPlacements: Int?
    public var keptFromStart: Int?
    /// With a warm start: each start placement not kept, with the reason (in the start's
    /// order; parts of a unit broken up after their partner moved come last).
    public var startMoved: [StartMove] = []
    /// With a warm start: true when the parts it moved found no room around the kept ones
    /// and a nest made afresh, which placed more, was taken instead.
    public var startReplacedByFreshNest = false

    public init(candidatesTested: Int = 0, collisionQueries: Int = 0, stoppedEarly: Bool = false,
                optimizerIterations: Int = 0, optimizerImprovements: Int = 0) {
        self.candidatesTested = candidatesTested
        self.collisionQueries = collisionQueries
        self.stoppedEarly = stoppedEarly
        self.optimizerIterations = optimizerIterations
        self.optimizerImprovements = optimizerImprovements
    }
}
