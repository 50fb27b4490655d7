import NestGeometry
import NestModel

/// The JSON form of a pattern file, format "nest-pattern/1" (see README, "Pattern file").
struct PatternFile: Decodable {
    struct GradingEntry: Decodable {
        var length_percent_per_step: Double?
        var width_percent_per_step: Double?
        var length_mm_per_size: Double?
        var width_mm_per_size: Double?
        var proportional_length: Bool?
    }

    /// One size of a graded set: the panel's outline drawn at that size.
    struct GradedEntry: Decodable {
        var outline: [[Double]]
        var holes: [[[Double]]]?
    }

    struct GrainEntry: Decodable {
        var direction_deg: Double?
        var tolerance_deg: Double?
        var reversible: Bool?
    }

    struct PanelEntry: Decodable {
        var name: String
        var material: String
        var outline: [[Double]]
        var holes: [[[Double]]]?
        var quantity: Int
        var mirrored_pairs: Bool?
        var grain: GrainEntry?
        var min_grade: String?
        var grading: GradingEntry?
        var graded: [String: GradedEntry]?
        /// Set by an importer when the file named no material and none was given, so the
        /// material is a default (never read from a file).
        var materialAssumed = false
        /// Where an importer found the piece ("line 120 INSERT \"VAMP_42\""), for messages
        /// (never read from a file).
        var source: String?

        enum CodingKeys: String, CodingKey {
            case name, material, outline, holes, quantity, mirrored_pairs, grain, min_grade, grading, graded
        }
    }

    var format: String?
    var model: String
    var units: String?
    var size_system: String?
    var sizes: [String]
    var base_size: String
    var grading: GradingEntry?
    var panels: [PanelEntry]
    /// Notes of an importer (never read from a file): what it left out or repaired.
    var notes: [String] = []
    /// An importer's account of the units it read the drawing in (never read from a file),
    /// for messages about implausible sizes.
    var sourceUnits: String?
    /// Millimetres per unit of the drawing an importer read (never read from a file).
    var sourceMillimetresPerUnit: Double?
    /// The longest plausible piece in mm, when an importer was told (never read from a file).
    var longestPiece: Double?

    /// Notes a reader gave when the pattern was first read (a bundle's inlined DXF or SVG
    /// carries its importer's), reported again with the pattern's own.
    var import_notes: [String]?

    enum CodingKeys: String, CodingKey {
        case format, model, units, size_system, sizes, base_size, grading, panels, import_notes
    }
}

/// Reads and validates pattern files.
public enum PatternReader {
    public static let format = "nest-pattern/1"

    /// Reads a pattern file; `displayName` is how messages name it.
    public static func read(path: String, displayName: String, kernel: GeometryKernel) throws -> Pattern {
        let raw = try JSONFile.read(PatternFile.self, from: path, displayName: displayName)
        return try convert(raw, file: displayName, kernel: kernel)
    }

    static func grading(_ g: PatternFile.GradingEntry?, file: String, item: String) throws -> Grading? {
        guard let g else { return nil }
        let l = g.length_percent_per_step ?? 0, w = g.width_percent_per_step ?? 0
        guard l.isFinite, w.isFinite, abs(l) < 20, abs(w) < 20 else {
            throw InputError(file: file, item: item, problem: "grading percent per size step must be between -20 and 20")
        }
        for (key, v) in [("length_mm_per_size", g.length_mm_per_size), ("width_mm_per_size", g.width_mm_per_size)] {
            if let v, !(v.isFinite && abs(v) <= 50) {
                throw InputError(file: file, item: "\(item) \(key)", problem: "a grade rule step must be -50 to 50 mm per size")
            }
        }
        return Grading(lengthPercentPerStep: l, widthPercentPerStep: w, lengthMillimetresPerSize: g.length_mm_per_size,
                       widthMillimetresPerSize: g.width_mm_per_size, proportionalLength: g.proportional_length ?? false)
    }

    static func convert(_ raw: PatternFile, file: String, kernel: GeometryKernel) throws -> Pattern {
        if let f = raw.format, f != format {
            throw InputError(file: file, item: "format", problem: "expected \"\(format)\", found \"\(f)\"")
        }
        let unit = try LengthUnit.parse(raw.units, file: file)
        guard !raw.sizes.isEmpty else { throw InputError(file: file, item: "sizes", problem: "the size run is empty") }
        guard Set(raw.sizes).count == raw.sizes.count else {
            throw InputError(file: file, item: "sizes", problem: "a size is listed twice")
        }
        guard raw.sizes.contains(raw.base_size) else {
            throw InputError(file: file, item: "base_size", problem: "base size \"\(raw.base_size)\" is not in sizes")
        }
        guard !raw.panels.isEmpty else { throw InputError(file: file, item: "panels", problem: "the pattern has no panels") }
        var rings = RingReader(file: file, scale: unit.millimetres, kernel: kernel)
        var panels: [Panel] = []
        var notes = (raw.import_notes ?? []) + raw.notes
        var longerThanHides: [(name: String, length: Double)] = []
        var names = Set<String>()
        for (i, p) in raw.panels.enumerated() {
            let item = p.source.map { "\($0) piece \"\(p.name)\"" } ?? "panels[\(i)] \"\(p.name)\""
            guard !p.name.isEmpty else { throw InputError(file: file, item: "panels[\(i)]", problem: "panel name is empty") }
            guard names.insert(p.name).inserted else {
                throw InputError(file: file, item: item, problem: "another panel has the same name")
            }
            guard p.quantity >= 1, p.quantity <= 100 else {
                throw InputError(file: file, item: "\(item) quantity", problem: "quantity per pair must be 1 to 100, got \(p.quantity)")
            }
            let mirrored = p.mirrored_pairs ?? false
            if mirrored, p.quantity % 2 != 0 {
                throw InputError(file: file, item: "\(item) quantity", problem:
                    "mirrored pairs need an even quantity (one left and one right per pair), got \(p.quantity)")
            }
            let shape = try rings.polygon(outline: p.outline, holes: p.holes, item: item)
            let size = max(shape.bounds.width, shape.bounds.height)
            // Leather panels come from hides of about 2.5 m; soft goods cut from rolls may
            // be far longer (a curtain, a sail), so other materials, and pieces whose file
            // named no material, get a wider window.
            let isLeather = p.material.lowercased().contains("leather") && !p.materialAssumed
            let longest = raw.longestPiece ?? (isLeather ? 2500.0 : 20_000.0)
            if size < 5 || size > longest {
                let units = raw.sourceUnits ?? "the file says \"\(unit.rawValue)\""
                let kind = isLeather ? "leather panels" : p.materialAssumed ? "pieces of no declared material" : "\(p.material) pieces"
                let window = raw.longestPiece != nil ? "pieces: 5 to \(DecimalText.trimmed(longest, decimals: 1)) mm, --longest-piece"
                    : "\(kind): 5 to \(Int(longest)) mm; --longest-piece sets the limit"
                throw InputError(file: file, item: item, problem: String(
                    format: "panel is %.4g mm long at base size (%@): the units look wrong (%@)", size, window, units))
            }
            if p.materialAssumed, size > 2500, raw.longestPiece == nil { longerThanHides.append((p.name, size)) }
            let g = p.grain ?? PatternFile.GrainEntry()
            let tol = g.tolerance_deg ?? 0
            guard tol >= 0, tol <= 180, (g.direction_deg ?? 0).isFinite else {
                throw InputError(file: file, item: "\(item) grain", problem: "grain tolerance must be 0 to 180 degrees")
            }
            var grade = Grade.D
            if let gs = p.min_grade {
                guard let parsed = Grade(text: gs) else {
                    throw InputError(file: file, item: "\(item) min_grade", problem: "grade must be A, B, C or D, got \"\(gs)\"")
                }
                grade = parsed
            }
            var graded: [String: Polygon] = [:]
            for (size, entry) in (p.graded ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard raw.sizes.contains(size) else {
                    throw InputError(file: file, item: "\(item) graded \"\(size)\"", problem: "size is not in the size run")
                }
                graded[size] = try rings.polygon(outline: entry.outline, holes: entry.holes, item: "\(item) graded \"\(size)\"")
            }
            panels.append(Panel(
                name: p.name, material: p.material, shape: shape, quantityPerPair: p.quantity, mirroredPairs: mirrored,
                grain: GrainRule(directionDegrees: g.direction_deg ?? 0, toleranceDegrees: tol, reversible: g.reversible ?? true),
                minGrade: grade, grading: try grading(p.grading, file: file, item: "\(item) grading"), gradedShapes: graded))
        }
        var pattern = Pattern(model: raw.model, sizeSystem: raw.size_system ?? "", sizes: raw.sizes, baseSize: raw.base_size,
                              grading: try grading(raw.grading, file: file, item: "grading") ?? Grading(), panels: panels)
        if let longest = longerThanHides.max(by: { $0.length < $1.length }) {
            notes.append("\(file): \(longerThanHides.count) panel\(longerThanHides.count == 1 ? " is" : "s are") longer than any hide "
                + "(\"\(longest.name)\" \(Int(longest.length.rounded())) mm); the file names no material, so leather is only assumed "
                + "(--material, or the order line's \"material\", sets it)")
        }
        pattern.notes = notes + rings.notes
        try checkGrading(pattern, file: file)
        return pattern
    }

    /// Every panel can be made at every size of the run: a grade rule per size needs a
    /// known size system whose labels include every size.
    static func checkGrading(_ pattern: Pattern, file: String) throws {
        for (i, panel) in pattern.panels.enumerated() where (panel.grading ?? pattern.grading).needsSizeSystem {
            let item = "panels[\(i)] \"\(panel.name)\" grading"
            guard let system = SizeSystem(name: pattern.sizeSystem) else {
                throw InputError(file: file, item: item, problem:
                    "a grade rule in mm per size needs \"size_system\": one of US, UK, EU, Mondopoint (found \"\(pattern.sizeSystem)\")")
            }
            for size in pattern.sizes where panel.gradedShapes[size] == nil {
                guard system.value(of: size) != nil else {
                    throw InputError(file: file, item: "sizes \"\(size)\"", problem: "not a \(system.rawValue) size")
                }
                guard let shape = pattern.shape(of: panel, size: size), shape.bounds.width > 1, shape.bounds.height > 1 else {
                    throw InputError(file: file, item: "\(item) size \(size)", problem: "the grade rule shrinks the panel to nothing")
                }
            }
        }
    }
}
