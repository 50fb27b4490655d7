import Foundation
import NestGeometry
import NestModel

/// The JSON form of a hide, format "nest-hide/1" (see README, "Hide file").
struct HideFile: Decodable {
    struct DefectEntry: Decodable {
        var kind: String?
        var outline: [[Double]]
        var severity: String?
        var clearance: Double?
    }

    struct ZoneEntry: Decodable {
        var grade: String
        var outline: [[Double]]
    }

    var format: String?
    var name: String
    var material: String?
    var units: String?
    var grain_deg: Double?
    var outline: [[Double]]
    var holes: [[[Double]]]?
    var defects: [DefectEntry]?
    var zones: [ZoneEntry]?
    /// An importer's account of the units it read the drawing in (never read from a file),
    /// for messages about implausible sizes: "1 unit = 1000 mm, from the header's $INSUNITS".
    var sourceUnits: String?
    /// What an importer noticed and read its own way, with a note (never read from a file).
    var readerNotes: [String] = []

    enum CodingKeys: String, CodingKey {
        case format, name, material, units, grain_deg, outline, holes, defects, zones
    }
}

/// The JSON form of a roll, format "nest-roll/1" (see README, "Roll file").
struct RollFile: Decodable {
    var format: String?
    var name: String
    var material: String?
    var units: String?
    var width: Double
    /// Absent: the roll's length is open (as long as the order needs).
    var max_length: Double?
}

/// Reads and validates hide and roll descriptions.
public enum StockReader {
    static func hide(_ raw: HideFile, file: String, item: String, kernel: GeometryKernel) throws -> Hide {
        if let f = raw.format, f != "nest-hide/1" {
            throw InputError(file: file, item: "\(item)format", problem: "expected \"nest-hide/1\", found \"\(f)\"")
        }
        let unit = try LengthUnit.parse(raw.units, file: file)
        var rings = RingReader(file: file, scale: unit.millimetres, kernel: kernel)
        let shape = try rings.polygon(outline: raw.outline, holes: raw.holes, item: "\(item)hide \"\(raw.name)\"")
        let m2 = shape.area / 1e6
        if m2 < 0.005 || m2 > 20 {
            throw InputError(file: file, item: "\(item)hide \"\(raw.name)\"", problem: String(
                format: "hide of %.4g m²: the units look wrong (%@)", m2, raw.sourceUnits ?? "the file says \"\(unit.rawValue)\""))
        }
        var defects: [Defect] = []
        for (i, d) in (raw.defects ?? []).enumerated() {
            let name = "\(item)defects[\(i)]"
            let poly = try rings.polygon(outline: d.outline, holes: nil, item: name)
            var severity = DefectSeverity.critical
            if let s = d.severity {
                // Read as grades are, whatever the case and blanks ("Minor", "MAJOR ").
                guard let parsed = DefectSeverity(rawValue: s.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw InputError(file: file, item: "\(name) severity", problem:
                        "severity must be critical (no part may touch it), major (grade D leather) or minor (grade C), got \"\(s)\"")
                }
                severity = parsed
            }
            let clearance = ReadPrecision.rounded((d.clearance ?? 0) * unit.millimetres)
            guard clearance.isFinite, clearance >= 0, clearance <= 200 else {
                let given = d.clearance.map { DecimalText.trimmed($0, decimals: 4) } ?? "0"
                let inUnits = unit == .mm ? "" : " (in \(unit.rawValue), the file's units: \(DecimalText.trimmed(clearance, decimals: 1)) mm)"
                throw InputError(file: file, item: "\(name) clearance", problem: "clearance \(given)\(inUnits) must be 0 to 200 mm")
            }
            var keepOut = poly
            if clearance > 0 {
                // Conservative: the grown outline contains the exact offset.
                keepOut = try kernel.offset([poly], by: clearance, quadrantSegments: 8).max { $0.area < $1.area } ?? poly
            }
            defects.append(Defect(kind: d.kind ?? "defect", shape: keepOut, outline: poly, severity: severity, clearance: clearance))
        }
        var zones: [QualityZone] = []
        for (i, z) in (raw.zones ?? []).enumerated() {
            guard let grade = Grade(text: z.grade) else {
                throw InputError(file: file, item: "\(item)zones[\(i)] grade", problem: "grade must be A, B, C or D, got \"\(z.grade)\"")
            }
            let poly = try rings.polygon(outline: z.outline, holes: nil, item: "\(item)zones[\(i)]")
            zones.append(QualityZone(grade: grade, shape: poly))
        }
        let grain = raw.grain_deg ?? 0
        guard grain.isFinite else { throw InputError(file: file, item: "\(item)grain_deg", problem: "not a finite number") }
        var hide = Hide(name: raw.name, material: raw.material ?? "leather", shape: shape, defects: defects, zones: zones,
                        grainDegrees: grain)
        hide.notes = try raw.readerNotes + rings.notes + outsideNotes(hide, file: file, item: item, kernel: kernel)
        return hide
    }

    /// One note naming every defect and zone that lies wholly outside the hide's outline (none
    /// when there is none): such a marking changes nothing where the parts go, so it is read
    /// as written, but one the hide cannot hold says the scan may have been registered against
    /// another outline (another hide's, or other units or origin) — and then the defects
    /// inside are not where they seem either.
    static func outsideNotes(_ hide: Hide, file: String, item: String, kernel: GeometryKernel) throws -> [String] {
        // Prepared once: a scanned outline has thousands of points and a hide hundreds of
        // markings (600 pinholes on 19 000 points: 3.5 s unprepared).
        var outline: PreparedRegion?
        func outside(_ p: Polygon) throws -> Bool {
            guard p.bounds.intersects(hide.shape.bounds) else { return true }
            if outline == nil { outline = try PreparedRegion([hide.shape.filled], kernel: kernel) }
            return try !outline!.intersects(p)
        }
        var away: [String] = []
        for (i, d) in hide.defects.enumerated() where try outside(d.outline) {
            away.append("defects[\(i)] \"\(d.kind)\"")
        }
        for (i, z) in hide.zones.enumerated() where try outside(z.shape) {
            away.append("zones[\(i)] (grade \(z.grade.rawValue))")
        }
        guard !away.isEmpty else { return [] }
        let what = away.count == 1 ? away[0] + " lies" : away.joined(separator: ", ") + " lie"
        return ["\(file): \(item)hide \"\(hide.name)\": \(what) wholly outside the hide's outline and change\(away.count == 1 ? "s" : "") nothing; "
                + "is the scan registered against this outline (units, origin)?"]
    }

    static func roll(_ raw: RollFile, file: String, item: String) throws -> Roll {
        if let f = raw.format, f != "nest-roll/1" {
            throw InputError(file: file, item: "\(item)format", problem: "expected \"nest-roll/1\", found \"\(f)\"")
        }
        let unit = try LengthUnit.parse(raw.units, file: file)
        let w = ReadPrecision.rounded(raw.width * unit.millimetres)
        let l = raw.max_length.map { ReadPrecision.rounded($0 * unit.millimetres) } ?? Roll.longestLength
        guard w.isFinite, w > 0 else { throw InputError(file: file, item: "\(item)width", problem: "width must be a positive number") }
        guard l.isFinite, l > 0 else {
            throw InputError(file: file, item: "\(item)max_length", problem: "max_length must be a positive number")
        }
        guard w >= 20, w <= 10_000 else {
            throw InputError(file: file, item: "\(item)width", problem: "a roll \(DecimalText.trimmed(w, decimals: 1)) mm wide is implausible (20 mm to 10 m): "
                             + "the units look wrong (the file says \"\(unit.rawValue)\")")
        }
        guard l <= Roll.longestLength else {
            throw InputError(file: file, item: "\(item)max_length",
                             problem: "a roll \(Int((l / 1000).rounded())) m long (\(DecimalText.trimmed(l, decimals: 1)) mm) is longer than the \(Int(Roll.longestLength / 1000)) m "
                             + "of roll a marker may take: are the units right (the file says \"\(unit.rawValue)\")? "
                             + "A roll of open length takes no max_length")
        }
        return Roll(name: raw.name, material: raw.material ?? "textile", width: w, maxLength: l, lengthIsOpen: raw.max_length == nil)
    }

    /// Reads a hide file.
    public static func readHide(path: String, displayName: String, kernel: GeometryKernel) throws -> Hide {
        try hide(JSONFile.read(HideFile.self, from: path, displayName: displayName), file: displayName, item: "", kernel: kernel)
    }

    /// Reads a hide from bytes (a hide file sent to the server as it was digitized); `displayName`
    /// names it in errors.
    public static func readHide(data: Data, displayName: String, kernel: GeometryKernel) throws -> Hide {
        try hide(JSONFile.decode(HideFile.self, from: data, displayName: displayName), file: displayName, item: "", kernel: kernel)
    }

    /// Reads a roll file.
    public static func readRoll(path: String, displayName: String) throws -> Roll {
        try roll(JSONFile.read(RollFile.self, from: path, displayName: displayName), file: displayName, item: "")
    }
}
