import Foundation
import NestModel

/// The JSON form of a machine profile, format "nest-machine/1" (see README, "Machine
/// profile"). Every length, speed and acceleration is in the file's `units` (per second,
/// per second squared), which are also the units the machine's G-code and DXF use.
struct MachineProfileFile: Decodable {
    struct HPGL: Decodable {
        var pen: Int?
        var units_per_mm: Double?
    }

    struct GCode: Decodable {
        var header: [String]?
        var tool_down: [String]?
        var tool_up: [String]?
        var footer: [String]?
        var advance: String?
    }

    var format: String?
    var name: String
    var output: String?
    var units: String?
    var resolution: Double?
    var origin: String?
    var cut_speed: Double
    var travel_speed: Double
    var acceleration: Double
    var corner_stop_deg: Double?
    var tool_down_s: Double?
    var tool_up_s: Double?
    var lead_in: Double?
    var lead_out: Double?
    var outline_direction: String?
    var hole_direction: String?
    var table_length: Double?
    var common_line_cutting: Bool?
    var hpgl: HPGL?
    var gcode: GCode?

    static let keys: [String: [String]] = [
        "": ["format", "name", "output", "units", "resolution", "origin", "cut_speed", "travel_speed", "acceleration",
             "corner_stop_deg", "tool_down_s", "tool_up_s", "lead_in", "lead_out", "outline_direction", "hole_direction",
             "table_length", "common_line_cutting", "hpgl", "gcode"],
        "hpgl": ["pen", "units_per_mm"],
        "gcode": ["header", "tool_down", "tool_up", "footer", "advance"],
    ]
}

/// Reads and validates machine profiles; every problem is an `InputError` naming the
/// file, the field and what is wrong, as for the other inputs.
public enum MachineProfileReader {
    public static func read(path: String, displayName: String? = nil) throws -> MachineProfile {
        let name = displayName ?? path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: name, item: "", problem: "cannot read the file (\(JSONFile.reason(of: error)))")
        }
        return try parse(data, file: name)
    }

    public static func parse(_ data: Data, file: String) throws -> MachineProfile {
        let raw = try JSONFile.decode(MachineProfileFile.self, from: data, displayName: file)
        try rejectUnknownKeys(data, file: file)
        if let f = raw.format, f != "nest-machine/1" {
            throw InputError(file: file, item: "format", problem: "expected \"nest-machine/1\", found \"\(f)\"")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ text: String?, _ field: String, default d: T) throws -> T
        where T.RawValue == String {
            guard let text else { return d }
            guard let v = T(rawValue: text) else {
                throw InputError(file: file, item: field, problem:
                    "unknown value \"\(text)\"; use one of \(T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            }
            return v
        }
        let units: MachineUnit = try choice(raw.units, "units", default: .mm)
        let k = units.millimetres
        var p = MachineProfile(name: raw.name)
        p.format = try choice(raw.output, "output", default: .gcode)
        p.units = units
        p.resolution = (raw.resolution ?? 0.01 / k) * k
        p.origin = try choice(raw.origin, "origin", default: .bottomLeft)
        p.cutSpeed = raw.cut_speed * k
        p.travelSpeed = raw.travel_speed * k
        p.acceleration = raw.acceleration * k
        p.cornerStopDegrees = raw.corner_stop_deg ?? p.cornerStopDegrees
        p.toolDownSeconds = raw.tool_down_s ?? p.toolDownSeconds
        p.toolUpSeconds = raw.tool_up_s ?? p.toolUpSeconds
        p.leadIn = (raw.lead_in ?? 0) * k
        p.leadOut = (raw.lead_out ?? 0) * k
        p.outlineDirection = try choice(raw.outline_direction, "outline_direction", default: .counterClockwise)
        p.holeDirection = try choice(raw.hole_direction, "hole_direction", default: .clockwise)
        p.tableLength = raw.table_length.map { $0 * k }
        p.commonLineCutting = raw.common_line_cutting ?? false
        p.hpglPen = raw.hpgl?.pen ?? 1
        p.hpglUnitsPerMillimetre = raw.hpgl?.units_per_mm ?? 40
        if let g = raw.gcode {
            p.gcodeHeader = g.header ?? p.gcodeHeader
            p.gcodeToolDown = g.tool_down ?? p.gcodeToolDown
            p.gcodeToolUp = g.tool_up ?? p.gcodeToolUp
            p.gcodeFooter = g.footer ?? p.gcodeFooter
            p.gcodeAdvance = g.advance ?? p.gcodeAdvance
        }
        if let first = p.problems().first {
            let fieldNames = ["hpgl_units_per_mm": "hpgl.units_per_mm", "hpgl_pen": "hpgl.pen"]
            throw InputError(file: file, item: fieldNames[first.field] ?? first.field, problem: first.problem)
        }
        return p
    }

    /// A misspelt key would otherwise be ignored and its default used without a word.
    static func rejectUnknownKeys(_ data: Data, file: String) throws {
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        func check(_ object: [String: Any], _ section: String) throws {
            let known = MachineProfileFile.keys[section] ?? []
            for key in object.keys.sorted() where !known.contains(key) {
                throw InputError(file: file, item: section.isEmpty ? key : "\(section).\(key)",
                                 problem: "unknown key; expected one of \(known.joined(separator: ", "))")
            }
        }
        try check(top, "")
        for section in ["hpgl", "gcode"] {
            if let sub = top[section] as? [String: Any] { try check(sub, section) }
        }
    }
}
