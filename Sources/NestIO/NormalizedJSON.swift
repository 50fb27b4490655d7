import NestGeometry
import NestModel

/// Writes patterns, hides and rolls back as JSON in their file formats, normalized:
/// millimetres, rings open and oriented (outlines counter-clockwise, holes clockwise),
/// every default spelled out, numbers in the shortest text that reads back exactly.
/// Reading what it writes gives the same values, bit for bit.
public enum NormalizedJSON {
    static func ring(_ r: Ring) -> JSONValue {
        .array(r.points.map { .array([.number($0.x, decimals: JSONValue.exact), .number($0.y, decimals: JSONValue.exact)]) })
    }

    static func grading(_ g: Grading) -> JSONValue {
        var fields: [(String, JSONValue)] = [("length_percent_per_step", .number(g.lengthPercentPerStep, decimals: JSONValue.exact)),
                                             ("width_percent_per_step", .number(g.widthPercentPerStep, decimals: JSONValue.exact))]
        if let l = g.lengthMillimetresPerSize { fields.append(("length_mm_per_size", .number(l, decimals: JSONValue.exact))) }
        if let w = g.widthMillimetresPerSize { fields.append(("width_mm_per_size", .number(w, decimals: JSONValue.exact))) }
        if g.proportionalLength { fields.append(("proportional_length", .bool(true))) }
        return .object(fields)
    }

    /// The pattern; its reader's notes (what an importer repaired or left out) ride along
    /// as `import_notes`, so a bundle reports them as the job did.
    public static func pattern(_ p: Pattern) -> JSONValue {
        var fields = patternFields(p)
        if !p.notes.isEmpty { fields.append(("import_notes", .array(p.notes.map { .string($0) }))) }
        return .object(fields)
    }

    private static func patternFields(_ p: Pattern) -> [(String, JSONValue)] {
        [
            ("format", .string(PatternReader.format)),
            ("model", .string(p.model)),
            ("units", .string("mm")),
            ("size_system", .string(p.sizeSystem)),
            ("sizes", .array(p.sizes.map { .string($0) })),
            ("base_size", .string(p.baseSize)),
            ("grading", grading(p.grading)),
            ("panels", .array(p.panels.map { panel in
                var fields: [(String, JSONValue)] = [
                    ("name", .string(panel.name)),
                    ("material", .string(panel.material)),
                    ("outline", ring(panel.shape.exterior)),
                    ("holes", .array(panel.shape.holes.map(ring))),
                    ("quantity", .integer(panel.quantityPerPair)),
                    ("mirrored_pairs", .bool(panel.mirroredPairs)),
                    ("grain", .object([("direction_deg", .number(panel.grain.directionDegrees, decimals: JSONValue.exact)),
                                       ("tolerance_deg", .number(panel.grain.toleranceDegrees, decimals: JSONValue.exact)),
                                       ("reversible", .bool(panel.grain.reversible))])),
                    ("min_grade", .string(panel.minGrade.rawValue)),
                ]
                if let g = panel.grading { fields.append(("grading", grading(g))) }
                if !panel.gradedShapes.isEmpty {
                    let sizes = p.sizes.filter { panel.gradedShapes[$0] != nil }
                    fields.append(("graded", .object(sizes.map { size in
                        let shape = panel.gradedShapes[size]!
                        return (size, .object([("outline", ring(shape.exterior)), ("holes", .array(shape.holes.map(ring)))]))
                    })))
                }
                return .object(fields)
            })),
        ]
    }

    public static func hide(_ h: Hide) -> JSONValue {
        .object([
            ("format", .string("nest-hide/1")),
            ("name", .string(h.name)),
            ("material", .string(h.material)),
            ("units", .string("mm")),
            ("grain_deg", .number(h.grainDegrees, decimals: JSONValue.exact)),
            ("outline", ring(h.shape.exterior)),
            ("holes", .array(h.shape.holes.map(ring))),
            ("defects", .array(h.defects.map { d in
                var fields: [(String, JSONValue)] = [("kind", .string(d.kind)), ("outline", ring(d.outline.exterior))]
                if d.severity != .critical { fields.append(("severity", .string(d.severity.rawValue))) }
                if d.clearance > 0 { fields.append(("clearance", .number(d.clearance, decimals: JSONValue.exact))) }
                return .object(fields)
            })),
            ("zones", .array(h.zones.map { .object([("grade", .string($0.grade.rawValue)), ("outline", ring($0.shape.exterior))]) })),
        ])
    }

    public static func roll(_ r: Roll) -> JSONValue {
        .object([
            ("format", .string("nest-roll/1")),
            ("name", .string(r.name)),
            ("material", .string(r.material)),
            ("units", .string("mm")),
            ("width", .number(r.width, decimals: JSONValue.exact)),
        ] + (r.lengthIsOpen ? [] : [("max_length", .number(r.maxLength, decimals: JSONValue.exact))]))
    }
}
