import NestGeometry

/// One stretch with the tool down: usually a whole contour (with its lead-in and
/// lead-out), or, with common-line cutting, the part of a contour not cut before.
public struct CutPass: Sendable, Hashable {
    /// Index into `SheetToolpath.contours`.
    public var contour: Int
    /// The tool's path with the tool down, in the sheet's frame (mm): the lead-in, the
    /// contour (or a piece of it), the lead-out.
    public var path: [Point]
    /// Where the path meets the contour first (the start point drawn for the operator).
    public var start: Point
    /// True when the pass cuts its contour whole and returns to `start`.
    public var closesContour: Bool
    /// Roll window the pass is cut in (0 for hides and for rolls cut in one go).
    public var window: Int

    public init(contour: Int, path: [Point], start: Point, closesContour: Bool, window: Int) {
        self.contour = contour
        self.path = path
        self.start = start
        self.closesContour = closesContour
        self.window = window
    }

    /// Length of the path, lead-in and lead-out included.
    public var length: Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }
}

/// A sheet's complete toolpath: every contour of every placed part, cut once, in an order
/// where whatever lies inside a contour is cut before it; the passes in cut order and the
/// knife-up travel between them, from the machine's origin and back to it.
///
/// Coordinates are in the sheet's frame (mm, y up); `MachineFrame` maps them to the
/// table's. The figures are what `report.json` carries in each sheet's `toolpath`.
public struct SheetToolpath: Sendable, Hashable {
    public var contours: [CutContour]
    public var passes: [CutPass]
    /// Where the tool starts and ends (the profile's origin corner of the sheet), sheet frame.
    public var origin: Point
    /// Total length cut with the tool down (leads included).
    public var cutLength: Double
    /// Total knife-up travel, origin to origin.
    public var airLength: Double
    /// Times the tool is raised after cutting (one per pass).
    public var knifeLifts: Int
    /// Estimated machine time, see `MotionTime`.
    public var estimatedSeconds: Double
    /// Placement indices in the order their outlines are cut.
    public var placementOrder: [Int]
    /// Number of roll windows (1 for hides).
    public var windows: Int
    /// Conveyor advance before each window, mm (0 for the first).
    public var windowOffsets: [Double]

    /// The knife-up moves in order: origin to the first pass, between passes, back to the origin.
    public var airMoves: [(from: Point, to: Point)] {
        var out: [(Point, Point)] = []
        var here = origin
        for p in passes {
            out.append((here, p.path[0]))
            here = p.path[p.path.count - 1]
        }
        out.append((here, origin))
        return out
    }
}
