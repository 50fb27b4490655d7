import NestGeometry

/// The corner of a sheet's bounding box where a cutting table has its origin. The
/// machine's x axis runs from there along the sheet's x (the roll's length), its y axis
/// along the sheet's y, both pointing into the sheet, so the machine sees the sheet in
/// its first quadrant whatever the corner.
public enum OriginCorner: String, Sendable, Hashable, CaseIterable {
    case bottomLeft = "bottom-left"
    case bottomRight = "bottom-right"
    case topLeft = "top-left"
    case topRight = "top-right"
}

/// The way a contour is cut, seen from above with y up.
public enum CutDirection: String, Sendable, Hashable, CaseIterable {
    case counterClockwise = "ccw"
    case clockwise = "cw"
}

/// The file format a table reads natively (every format can still be written).
public enum MachineFormat: String, Sendable, Hashable, CaseIterable {
    case hpgl, gcode, dxf
}

/// Units of a machine's G-code and DXF coordinates (HPGL is always in plotter units).
public enum MachineUnit: String, Sendable, Hashable, CaseIterable {
    case mm, `in`

    public var millimetres: Double { self == .mm ? 1 : 25.4 }
}

/// Everything the toolpath needs to know about a cutting table: its frame, how fine it
/// moves, how fast, and the commands that raise and lower its tool.
///
/// Lengths are millimetres, speeds millimetres per second, acceleration millimetres per
/// second squared, whatever units the machine's files use (`units` only affects what is
/// written). A profile made by `init` or read by `MachineProfileReader` satisfies
/// `problems().isEmpty`; the planner relies on it.
public struct MachineProfile: Sendable, Hashable {
    public var name: String
    public var format: MachineFormat
    /// Units of G-code and DXF coordinates.
    public var units: MachineUnit
    /// The smallest step the machine makes, in mm; coordinates are written rounded to it.
    public var resolution: Double
    /// HPGL plotter units per millimetre (40 for standard HPGL).
    public var hpglUnitsPerMillimetre: Double
    public var origin: OriginCorner
    /// Knife-down (cutting) speed.
    public var cutSpeed: Double
    /// Knife-up (air move) speed.
    public var travelSpeed: Double
    public var acceleration: Double
    /// Direction changes sharper than this stop the tool (the time model decelerates to 0).
    public var cornerStopDegrees: Double
    /// Seconds to lower, and to raise, the tool.
    public var toolDownSeconds: Double
    public var toolUpSeconds: Double
    /// Straight lead-in and lead-out lengths on the scrap side (shortened where they
    /// would cross another contour); 0 for none.
    public var leadIn: Double
    public var leadOut: Double
    public var outlineDirection: CutDirection
    public var holeDirection: CutDirection
    /// Usable length of the table along the conveyor; rolls are cut in windows of it.
    /// `nil`: the whole sheet is on the table.
    public var tableLength: Double?
    /// Cut edges shared by two parts (zero spacing) once.
    public var commonLineCutting: Bool
    /// HPGL pen (tool) number selected with `SP`.
    public var hpglPen: Int
    /// G-code lines: at the start, to lower the tool, to raise it, and at the end.
    public var gcodeHeader: [String]
    public var gcodeToolDown: [String]
    public var gcodeToolUp: [String]
    public var gcodeFooter: [String]
    /// G-code line written when a roll's next window is brought onto the table
    /// (`{length}` becomes the advance in machine units); empty for none.
    public var gcodeAdvance: String

    public init(name: String = "default", format: MachineFormat = .gcode, units: MachineUnit = .mm, resolution: Double = 0.01,
                hpglUnitsPerMillimetre: Double = 40, origin: OriginCorner = .bottomLeft, cutSpeed: Double = 200,
                travelSpeed: Double = 600, acceleration: Double = 2000, cornerStopDegrees: Double = 30,
                toolDownSeconds: Double = 0.15, toolUpSeconds: Double = 0.15, leadIn: Double = 0, leadOut: Double = 0,
                outlineDirection: CutDirection = .counterClockwise, holeDirection: CutDirection = .clockwise,
                tableLength: Double? = nil, commonLineCutting: Bool = false, hpglPen: Int = 1,
                gcodeHeader: [String] = ["G21", "G90", "G17"], gcodeToolDown: [String] = ["M3"],
                gcodeToolUp: [String] = ["M5"], gcodeFooter: [String] = ["M30"], gcodeAdvance: String = "(advance the conveyor {length})") {
        self.name = name
        self.format = format
        self.units = units
        self.resolution = resolution
        self.hpglUnitsPerMillimetre = hpglUnitsPerMillimetre
        self.origin = origin
        self.cutSpeed = cutSpeed
        self.travelSpeed = travelSpeed
        self.acceleration = acceleration
        self.cornerStopDegrees = cornerStopDegrees
        self.toolDownSeconds = toolDownSeconds
        self.toolUpSeconds = toolUpSeconds
        self.leadIn = leadIn
        self.leadOut = leadOut
        self.outlineDirection = outlineDirection
        self.holeDirection = holeDirection
        self.tableLength = tableLength
        self.commonLineCutting = commonLineCutting
        self.hpglPen = hpglPen
        self.gcodeHeader = gcodeHeader
        self.gcodeToolDown = gcodeToolDown
        self.gcodeToolUp = gcodeToolUp
        self.gcodeFooter = gcodeFooter
        self.gcodeAdvance = gcodeAdvance
    }

    /// What is wrong with the profile, as (field, problem) pairs in field order; empty
    /// when it can drive the planner and the writers.
    public func problems() -> [(field: String, problem: String)] {
        var out: [(String, String)] = []
        func positive(_ v: Double, _ field: String, max: Double) {
            if !(v.isFinite && v > 0) { out.append((field, "must be a positive number")) } else if v > max {
                out.append((field, "\(v) is implausible (at most \(max))"))
            }
        }
        func nonNegative(_ v: Double, _ field: String, max: Double) {
            if !(v.isFinite && v >= 0) { out.append((field, "must be a number ≥ 0")) } else if v > max {
                out.append((field, "\(v) is implausible (at most \(max))"))
            }
        }
        if !(resolution.isFinite && resolution > 0 && resolution <= 1) {
            out.append(("resolution", "must be a positive number of millimetres, at most 1"))
        }
        if !(hpglUnitsPerMillimetre.isFinite && hpglUnitsPerMillimetre >= 1 && hpglUnitsPerMillimetre <= 1000) {
            out.append(("hpgl_units_per_mm", "must be 1 to 1000 (standard HPGL: 40)"))
        }
        positive(cutSpeed, "cut_speed", max: 10_000)
        positive(travelSpeed, "travel_speed", max: 20_000)
        positive(acceleration, "acceleration", max: 200_000)
        if !(cornerStopDegrees.isFinite && cornerStopDegrees >= 0 && cornerStopDegrees <= 180) {
            out.append(("corner_stop_deg", "must be 0 to 180 degrees"))
        }
        nonNegative(toolDownSeconds, "tool_down_s", max: 60)
        nonNegative(toolUpSeconds, "tool_up_s", max: 60)
        nonNegative(leadIn, "lead_in", max: 100)
        nonNegative(leadOut, "lead_out", max: 100)
        if let t = tableLength { positive(t, "table_length", max: 100_000) }
        if hpglPen < 0 || hpglPen > 255 { out.append(("hpgl_pen", "must be 0 to 255")) }
        return out
    }
}
