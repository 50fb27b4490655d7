import Foundation

/// The keys each JSON file format allows, for `nest check`'s "unknown key" problems
/// (the readers themselves ignore unknown keys, so a misspelt `"quantitiy"` would
/// otherwise pass unnoticed).
indirect enum KeySchema: Sendable {
    case object([String: KeySchema])
    case list(KeySchema)
    /// An object with any keys, each holding the inner schema (a graded set by size).
    case map(KeySchema)
    /// A string path or an inline object.
    case pathOr(KeySchema)
    case any

    static let grading = KeySchema.object(["length_percent_per_step": .any, "width_percent_per_step": .any,
                                           "length_mm_per_size": .any, "width_mm_per_size": .any, "proportional_length": .any])
    static let pattern = KeySchema.object([
        "format": .any, "model": .any, "units": .any, "size_system": .any, "sizes": .any, "base_size": .any, "grading": grading,
        "panels": .list(.object([
            "name": .any, "material": .any, "outline": .any, "holes": .any, "quantity": .any, "mirrored_pairs": .any,
            "grain": .object(["direction_deg": .any, "tolerance_deg": .any, "reversible": .any]), "min_grade": .any,
            "grading": grading, "graded": .map(.object(["outline": .any, "holes": .any])),
        ])),
    ])
    static let hide = KeySchema.object([
        "format": .any, "name": .any, "material": .any, "units": .any, "grain_deg": .any, "outline": .any, "holes": .any,
        "defects": .list(.object(["kind": .any, "outline": .any, "severity": .any, "clearance": .any])), "zones": .list(.object(["grade": .any, "outline": .any])),
    ])
    static let roll = KeySchema.object(["format": .any, "name": .any, "material": .any, "units": .any, "width": .any, "max_length": .any])
    static let job = KeySchema.object([
        "format": .any, "name": .any, "units": .any, "spacing": .any, "margin": .any, "seed": .any, "iterations": .any, "samples": .any,
        "time_limit": .any, "same_hide": .any, "hide_order": .any, "stock": .object(["hides": .list(.pathOr(hide)), "roll": .pathOr(roll)]),
        "order": .list(.object(["pattern": .pathOr(pattern), "source": .any, "sizes": .any, "material": .any, "units": .any])),
    ])

    /// Every key of `value` the schema does not know, as JSON paths ("panels[2].quantitiy").
    func unknownKeys(in value: Any, path: String = "") -> [String] {
        switch self {
        case .any: return []
        case .pathOr(let inner): return value is String ? [] : inner.unknownKeys(in: value, path: path)
        case .list(let inner):
            guard let a = value as? [Any] else { return [] }
            return a.enumerated().flatMap { inner.unknownKeys(in: $1, path: "\(path)[\($0)]") }
        case .map(let inner):
            guard let o = value as? [String: Any] else { return [] }
            return o.keys.sorted().flatMap { inner.unknownKeys(in: o[$0]!, path: path.isEmpty ? $0 : "\(path).\($0)") }
        case .object(let fields):
            guard let o = value as? [String: Any] else { return [] }
            var out: [String] = []
            for key in o.keys.sorted() {
                let p = path.isEmpty ? key : "\(path).\(key)"
                if let f = fields[key] { out += f.unknownKeys(in: o[key]!, path: p) } else { out.append(p) }
            }
            return out
        }
    }
}
