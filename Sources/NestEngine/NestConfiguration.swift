import NestModel

/// Every tuning knob of the nester in one value, with its default, grouped by the phase that
/// reads it: the run as a whole (seed, budget, threads, geometry tolerances), the first nest,
/// the separator, the compression of a strip or a hide, and the hide improver's moves. The
/// command copies the defaults and changes what the user asked for (`init(search:threads:)`);
/// tests set budgets explicitly.
public struct NestConfiguration: Sendable, Hashable {
    /// Master seed: every random choice of a run derives from it.
    public var seed: UInt64 = 1
    /// Optimizer iterations (separator passes) after the first nest; 0 turns it off.
    public var optimizerIterations: Int = 0
    /// Optimizer: independent passes per iteration, the best kept (sparrow's workers).
    /// Part of the search, like a budget: results depend on it, not on `threads`.
    public var workers: Int = SearchSettings.defaultWorkers
    /// Worker threads for evaluating orientations and the optimizer's passes; results do not
    /// depend on it.
    public var threads: Int = 1
    /// Tolerance (mm) of the outward simplification of collision shapes.
    public var simplifyTolerance: Double = 0.15
    /// Chords per quarter circle in offsets (spacing and margin).
    public var quadrantSegments: Int = 6
    /// The run's time limit in seconds, if any: phases that share out a budget which only
    /// the limit ends (the sections of a long marker) share out the time instead. Results
    /// depend on it only when the run is stopped by it.
    public var timeLimitSeconds: Double? = nil

    public var firstNest = FirstNest()
    public var separator = Separation()
    public var compression = Compression()
    public var hides = HideMoves()

    /// The first nest's search for a part's place (`PositionSearch`, `OrientationSearch`).
    public struct FirstNest: Sendable, Hashable {
        /// Random positions sampled per part, orientation and sheet before refinement.
        /// This is the first nest's budget: the same budget and seed give the same nest.
        public var samplesPerOrientation: Int = SearchSettings.defaultSamples
        /// Best feasible samples per orientation that are refined by coordinate descent.
        public var refinedSamples: Int = 3
        /// Rotations tried across each allowed grain band (both ends and the centre at least).
        public var rotationsPerBand: Int = 3
        /// A band wider than this either side is tried at its centres alone by the first
        /// nest (its ends and the angles between are the separator's turns).
        public var bandEndsUpToDegrees: Double = 20
        /// The step (degrees) a grain band is searched at for a rotation that fits the stock
        /// when no sampled one does (`ShapeLibrary.fittingRotation`).
        public var bandFitStep: Double = 0.05
        /// Rotations tried when any rotation is allowed (evenly spaced over the circle).
        public var freeRotations: Int = 16
        /// Smallest step of the coordinate descent, in mm: positions are settled to this.
        public var finestStep: Double = 0.05
        /// Weight of the primary axis in the placement score (gravity). On a roll the
        /// primary axis is the length (x); on a hide it is y, filling the hide in bands from
        /// one side.
        public var gravityWeight: Double = 10
        /// Share of the samples aimed at raster cells where the part's inscribed circle
        /// fits (the rest are uniform over the stock).
        public var aimedSampleShare: Double = 0.9
    }

    /// The separator's guided local search (`Separator`, `PoseSearch`).
    public struct Separation: Sendable, Hashable {
        /// Samples near an item's current pose and across the container.
        public var focusedSamples: Int = 25
        public var containerSamples: Int = 50
        /// Rounds without a 2 % gain before giving up on a container.
        public var strikes: Int = 3
        /// Iterations without a 2 % gain that end a round.
        public var patience: Int = 100
        /// Turns: a grain band wider than this either side is also split into angles this
        /// far apart, which the separator reaches by turning a part from its current
        /// orientation (the first nest tries only the band's centre and ends); 0: none.
        public var turnStepDegrees: Double = 5
    }

    /// Shrinking a strip's length, or a hide under its wall, step by step (`StripOptimizer`,
    /// `HideSession.compressAndFill`).
    public struct Compression: Sendable, Hashable {
        /// The first step (a fraction of the length or height), halved after each failure
        /// down to `finestShrink`.
        public var initialShrink: Double = 0.02
        public var finestShrink: Double = 0.0005
        /// Rolls: parts per window of a long marker. A marker with two windows' worth or
        /// more is shrunk window by window (each step a share of one window's length),
        /// `workers` windows side by side; 0 turns windows off. Measured on 2 048 mesh parts
        /// at 60 s: 150 parts 75.35 %, 300 parts 75.45 %.
        public var windowParts: Int = 300
        /// Rolls: parts per section of a long marker (two windows' worth of parts or more).
        /// Such a marker is first cut into sections of about this many parts, each shortened
        /// as a strip of its own (side by side on the threads) and the strips joined again
        /// (`MarkerSections`), before the windows take the joined marker; 0 turns sections off.
        public var sectionParts: Int = 256
        /// The share of the optimizer's budget (iterations, or the time left when only a time
        /// limit ends the run) the sections take; the windows take the rest.
        public var sectionShare: Double = 0.8
        /// The fewest iterations a section must get for the marker to be cut: below it the
        /// sections cannot win back what cutting costs (each starts longer than its share of
        /// the marker). On 2 048 mesh parts in sections of 256: 200 iterations each gave the
        /// first nest back unchanged, 820 each 76.33 % against 76.21 % for windows alone.
        /// A run that only a time limit ends is always cut.
        public var sectionMinimumIterations: Int = 500
        /// Rolls (a strip short of windows): sparrow's exploration. Once the step is down to
        /// `explorationShrink`, a length whose separation failed is tried again from one of
        /// its failed states (the least penalised drawn most often) after swapping two large
        /// items, for `explorationShare` of the budget (or of the time); then the rest
        /// compresses from the best nest with steps from `finestShrink` down to
        /// `compressionFinestShrink`.
        public var exploration = true
        public var explorationShare: Double = 0.8
        public var explorationShrink: Double = 0.001
        public var compressionFinestShrink: Double = 0.00001
        /// Failed states kept per length.
        public var explorationPool: Int = 16
    }

    /// The hide improver's moves (`HideSession` and its phases).
    public struct HideMoves: Sendable, Hashable {
        /// Most optimizer iterations spent on putting in one part.
        public var insertionBudget: Int = 150
        /// The budget per part of the first, quick round of putting parts in.
        public var quickInsertionBudget: Int = 30
        /// Most optimizer iterations spent on one compression step of a hide.
        public var compressionBudget: Int = 200
        /// In an open order compressed from every side, trade placed units for larger
        /// waiting ones of the same panels once compression is down to `tradeStep`
        /// (`HideSession.tradeUp`).
        public var tradingUp = true
        /// The compression step (a share of the hide's size) every side must be down to
        /// before the first trades of a round.
        public var tradeStep: Double = 0.005
        /// Most optimizer iterations spent on settling one trade.
        public var tradeBudget: Int = 200
        /// Past this share of the improver's budget, or of the time limit, trades come once
        /// a round whatever the compression step: a budget or a minute too short for every
        /// side to come down to `tradeStep` trades all the same. Measured on the open-order
        /// cow side (seeds 1–6, mean yield): 3 000 iterations 70.73 % without, 71.48 /
        /// 71.78 / 71.58 / 71.14 % at 0.5 / 0.6 / 0.7 / 0.85; 6 000 iterations 71.38 %
        /// without, 72.75 % at 0.6; 60 s on one thread 73.87 % without, 73.98 % at 0.6.
        public var lateTradeShare: Double = 0.6
        /// A placed unit may also be traded for a waiting unit of other panels (as many
        /// parts, larger, at most this many times its area), once the next size of its own
        /// panels is not waiting or did not fit; 1 or less trades within a family only.
        /// Measured on the open-order cow side, 60 s (seeds 1–6, one thread, mean yield):
        /// within families 72.99 %, up to 1.3× 73.87 %, up to 1.6× 73.68 %.
        public var tradeGrowth: Double = 1.3
        /// The sides a hide is compressed from, in turn, while units wait (the first alone
        /// when the order fits the leather or the budget is below `allSidesBudget`).
        public var compressionSides: [WallSide] = [.top, .right, .left, .bottom]
        /// The smallest improver budget that compresses from every side of `compressionSides`
        /// in turn. Measured on the open-order cow side (seeds 1–3, mean yield, top alone /
        /// all four sides): 1 000 iterations 69.25 / 68.17 %, 2 000 69.86 / 69.10 %,
        /// 3 000 70.01 / 70.53 %, 6 000 71.27 / 71.70 %; 60 s 71.49 / 72.60 %.
        public var allSidesBudget: Int = 2_500
        /// When only a time limit ends the run: the iterations of compression from every side
        /// after which, when the time left does not buy `allSidesBudget` in all at the rate
        /// so far, the first side alone goes on. Measured on the open-order cow side (seeds
        /// 1–2, one thread, every side / the top alone): 6 s 68.81, 69.72 / 70.92, 70.29 %;
        /// 12 s 71.40, 70.38 / 70.87, 71.01 %; 24 s 72.94, 72.43 / 71.71, 71.47 %; narrowed
        /// after 200 iterations, 6 s 70.23, 70.60 %.
        public var rateProbeIterations: Int = 200
        /// Poses sampled across the hide for a part being put in.
        public var entrySamples: Int = 300
        /// Most optimizer iterations spent on pulling one part into an earlier hide.
        public var pullBudget: Int = 60
        /// Failed attempts at emptying the last hide before giving up.
        public var emptyingAttempts: Int = 8
        /// Most optimizer iterations the repairs of one attempt at emptying the last hide
        /// may use.
        public var emptyingRepairBudget: Int = 400
        /// Most of the last hides re-packed together into one fewer.
        public var mergedHides: Int = 4
        /// Ruin-and-recreate attempts per waiting unit and hide, and the iterations each one
        /// counts for.
        public var repairAttempts: Int = 4
        public var repairAttemptCost: Int = 20
        /// How much more a repair's forced pose pays for overlapping a part that needs
        /// leather as good as the waiting part's (which could only go where it already was)
        /// than for overlapping one content with worse leather, elsewhere. Measured with
        /// `grade_economy.py --run`, seeds 1–3 (2 112 parts): 2 028 placed at 1, 2 036 at 4,
        /// 2 037 at 16.
        public var repairPeerWeight: Double = 4
        /// The improver's last step puts the units still waiting where the first nest's
        /// search finds room, sampling this many times as many positions as the first nest.
        /// Measured on the calf with A in the middle (`FinalFillTests`, 3 000 iterations): 38
        /// parts at 1 (a collar pair waiting where a brute-force search finds 14 poses for
        /// each), 40 at 8 and 32.
        public var finalFillSampleFactor: Int = 8
        /// The share of the budget that giving better leather back, and then the first round
        /// of repairs, may each use (before the hides are compressed); a second round of
        /// repairs takes what the other phases leave.
        public var firstRepairShare: Double = 0.3
        /// How far (mm) parts given their own leather back may still reach into the better
        /// leather beside it, tried smallest first (`HideSession.giveBackBetterLeather`), how
        /// many of these reaches are tried with the separator per grade and hide, and the
        /// most iterations the separator may spend on one.
        public var ownLeatherReach: [Double] = [0, 30, 60, 120, 240, 480]
        public var ownLeatherAttempts: Int = 2
        public var ownLeatherBudget: Int = 100
        /// Re-nests of a hide grade by grade in a row that may fail before giving up
        /// (`HideSession.rebuildByGrade`), and the most iterations the separator may spend
        /// on making room for a tier's last waiting units all at once.
        public var rebuildAttempts: Int = 4
        public var allAtOnceBudget: Int = 2_000
    }

    public init() {}

    /// The configuration of a run with `search`'s seed and budgets on `threads` threads;
    /// every tuning knob keeps its default.
    public init(search: SearchSettings, threads: Int) {
        seed = search.seed
        firstNest.samplesPerOrientation = search.samples
        optimizerIterations = search.iterations.count
        workers = search.workers
        timeLimitSeconds = search.timeLimitSeconds
        self.threads = max(1, threads)
    }
}
