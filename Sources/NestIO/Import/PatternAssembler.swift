import Foundation
import NestGeometry
import NestModel

/// Builds the pattern file representation from imported drawings, the same for DXF and
/// SVG: finds each piece's boundary, cut-outs and grain line by layer and containment,
/// reads its name, size and quantity from "Key: value" labels (AAMA system text), and
/// gathers pieces of one name at several sizes into a graded set.
///
/// Problems that do not stop the rest (an open contour, a stray cut-out, a duplicate
/// piece) are collected in `problems`, each naming the file, the item and the position.
struct PatternAssembler {
    /// One candidate piece: a block insert, an SVG group, or the loose drawing.
    struct Source {
        var drawing: Drawing
        var name: String?
        var item: String
    }

    let file: String
    let options: ImportOptions
    var problems: [InputError] = []
    /// What was left out on purpose (pieces not cut in this model), for the user.
    var notes: [String] = []

    init(file: String, options: ImportOptions) {
        self.file = file
        self.options = options
    }

    /// "Piece Name: vamp" → ("piece_name", "vamp").
    static func keyValue(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let k = String(key).split(separator: "_").joined(separator: "_")
        let v = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return k.isEmpty ? nil : (k, v)
    }

    static let aliases = ["name": "piece_name", "piece": "piece_name", "qty": "quantity", "style": "style_name",
                          "model": "style_name", "base_size": "sample_size", "sizes": "size_run"]

    static func fields(_ labels: [Drawing.Label]) -> [String: String] {
        var out: [String: String] = [:]
        for l in labels {
            guard let (k, v) = keyValue(l.text) else { continue }
            let key = aliases[k] ?? k
            if out[key] == nil { out[key] = v }
        }
        return out
    }

    struct Piece {
        var name: String
        var item: String
        var shape: RingNesting.Shape
        var fields: [String: String]
        var grain: Double?
    }

    mutating func pieces(of source: Source, leftover: inout [Drawing.Label]) -> [Piece] {
        let layers = options.patternLayers
        let d = source.drawing
        let hasBoundary = d.contours.contains { LayerMatch.contains($0.layer, layers.boundary) }
        var boundary: [Drawing.Contour] = [], cutouts: [Drawing.Contour] = [], grains: [Drawing.Contour] = []
        var folds: [Drawing.Contour] = []
        for c in d.contours {
            if LayerMatch.contains(c.layer, layers.grain) {
                grains.append(c)
            } else if LayerMatch.contains(c.layer, layers.fold) {
                folds.append(c)
            } else if LayerMatch.contains(c.layer, layers.cutouts) {
                cutouts.append(c)
            } else if LayerMatch.contains(c.layer, layers.boundary) || (!hasBoundary && !LayerMatch.contains(c.layer, layers.ignored)) {
                boundary.append(c)
            }
        }
        let b = ContourAssembler.rings(from: boundary, tolerance: options.joinTolerance)
        let h = ContourAssembler.rings(from: cutouts, tolerance: options.joinTolerance)
        for o in b.open + h.open { problems.append(InputError(file: file, item: "\(source.item) \(o.source)", problem: o.problem)) }
        var shapes = RingNesting.shapes(b.rings)
        for cut in h.rings {
            let probe = cut.ring.points[0]
            if let k = shapes.indices.last(where: { shapes[$0].outline.ring.contains(probe) }) {
                shapes[k].holes.append(cut)
            } else {
                problems.append(InputError(file: file, item: "\(source.item) \(cut.source)", problem:
                    "internal cut-out at (\(formatPoint(probe))) lies outside every piece boundary"))
            }
        }
        if shapes.isEmpty {
            if !d.contours.isEmpty || source.name != nil {
                problems.append(InputError(file: file, item: source.item, problem:
                    "no closed piece boundary found (boundary layers: \(layers.boundary.joined(separator: ", ")))"))
            }
            leftover += d.labels
            return []
        }
        func owner(_ p: Point) -> Int? {
            if shapes.count == 1 { return 0 }
            return shapes.indices.first { shapes[$0].outline.ring.contains(p) }
        }
        var labels = [[Drawing.Label]](repeating: [], count: shapes.count)
        for l in d.labels {
            if let k = owner(l.position) { labels[k].append(l) } else { leftover.append(l) }
        }
        // A fold (mirror) line on or in a piece: the drawing is half of what is cut. Nesting
        // the half would cut half a piece, so the piece is refused until it is unfolded.
        for f in folds where f.points.count >= 2 {
            let mid = (f.points.first! + f.points.last!) * 0.5
            let k = shapes.indices.first { k in
                let ring = shapes[k].outline.ring
                return ring.contains(mid) || Polygon(exterior: ring).signedDistance(to: mid) > -max(1, 100 * options.joinTolerance)
            }
            guard let k else { continue }
            problems.append(InputError(file: file, item: "\(source.item) \(f.source)", problem:
                "a fold (mirror) line on layer \"\(f.layer)\" runs along the piece at (\(formatPoint(shapes[k].outline.ring.points[0]))): "
                + "the drawing is half of the piece that is cut, and nest does not unfold pieces yet; export the piece unfolded"))
        }
        var grain = [Double?](repeating: nil, count: shapes.count)
        for g in grains where g.points.count >= 2 {
            let a = g.points.first!, z = g.points.last!
            guard let k = owner((a + z) * 0.5), a != z else { continue }
            grain[k] = GrainRule.normalized(atan2(z.y - a.y, z.x - a.x) * 180 / .pi)
        }
        return shapes.indices.map { k in
            let f = Self.fields(labels[k])
            let name = f["piece_name"] ?? source.name ?? Self.elementID(shapes[k].outline.source) ?? "piece-\(k + 1)"
            let item = shapes.count == 1 ? source.item : "\(source.item) \(shapes[k].outline.source)"
            return Piece(name: name, item: item, shape: shapes[k], fields: f, grain: grain[k])
        }
    }

    /// The `id` an SVG source names (`line 3 <path id="vamp">` → "vamp").
    static func elementID(_ source: String) -> String? {
        guard let r = source.range(of: "id=\""), let end = source[r.upperBound...].firstIndex(of: "\"") else { return nil }
        let id = String(source[r.upperBound..<end])
        return id.isEmpty ? nil : id
    }

    static func points(_ r: Ring) -> [[Double]] { r.points.map { [$0.x, $0.y] } }

    mutating func grading(_ f: [String: String], item: String) -> PatternFile.GradingEntry? {
        func number(_ key: String) -> Double? {
            guard let t = f[key] else { return nil }
            guard let v = Double(t.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)), v.isFinite else {
                problems.append(InputError(file: file, item: "\(item) \(key)", problem: "not a number: \"\(t.prefix(40))\""))
                return nil
            }
            return v
        }
        let e = PatternFile.GradingEntry(length_percent_per_step: number("length_percent_per_step"),
                                         width_percent_per_step: number("width_percent_per_step"),
                                         length_mm_per_size: number("length_mm_per_size"), width_mm_per_size: number("width_mm_per_size"),
                                         proportional_length: f["proportional_length"].map(Self.yes))
        let any = e.length_percent_per_step != nil || e.width_percent_per_step != nil || e.length_mm_per_size != nil
            || e.width_mm_per_size != nil || e.proportional_length != nil
        return any ? e : nil
    }

    static func yes(_ s: String) -> Bool { ["yes", "true", "1", "y"].contains(s.lowercased()) }

    /// A piece's quantity label: a whole number ("2"), or the ASTM D6673 pair "n,m" — n
    /// cut as drawn and m flipped (mirrored). Nil when it is neither or out of 0...100.
    static func quantity(_ text: String) -> (drawn: Int, flipped: Int?)? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count, numbers.allSatisfy({ (0...100).contains($0) }) else { return nil }
        return (numbers[0], parts.count == 2 ? numbers[1] : nil)
    }

    /// The pattern file for these sources; `model` when the file names no style.
    mutating func pattern(sources: [Source], styleLabels: [Drawing.Label], model: String) -> PatternFile {
        var leftover = styleLabels
        var pieces: [Piece] = []
        for s in sources { pieces += self.pieces(of: s, leftover: &leftover) }
        let style = Self.fields(leftover)
        if pieces.isEmpty {
            problems.append(InputError(file: file, item: "", problem: "no pattern piece found: no closed contour on a boundary layer"))
        }

        let systemName = options.sizeSystem ?? style["size_system"] ?? ""
        let system = SizeSystem(name: systemName)
        var sizes: [String] = options.sizes ?? style["size_run"].map {
            $0.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? []
        if sizes.isEmpty {
            for p in pieces { if let s = p.fields["size"], !sizes.contains(s) { sizes.append(s) } }
            if let system, sizes.allSatisfy({ system.value(of: $0) != nil }) {
                sizes.sort { system.value(of: $0)! < system.value(of: $1)! }
            }
        }
        var base = options.baseSize ?? style["sample_size"] ?? (sizes.isEmpty ? "base" : sizes[(sizes.count - 1) / 2])
        if sizes.isEmpty { sizes = [base] }
        if !sizes.contains(base) { sizes.append(base) }
        base = base.isEmpty ? "base" : base

        // Group by name: one outline per size.
        var order: [String] = []
        var groups: [String: [Piece]] = [:]
        for p in pieces {
            if groups[p.name] == nil { order.append(p.name) }
            groups[p.name, default: []].append(p)
        }
        var panels: [PatternFile.PanelEntry] = []
        for name in order {
            let group = groups[name]!
            var bySize: [String: Piece] = [:]
            for p in group {
                let size = p.fields["size"] ?? base
                if let other = bySize[size] {
                    problems.append(InputError(file: file, item: p.item, problem:
                        "a second piece \"\(name)\" at size \(size) (the first is \(other.item))"))
                    continue
                }
                bySize[size] = p
            }
            guard let main = bySize[base] ?? (bySize.count == 1 ? bySize.values.first : nil) else {
                problems.append(InputError(file: file, item: group[0].item, problem:
                    "piece \"\(name)\" is graded (sizes \(bySize.keys.sorted().joined(separator: ", "))) but has no outline at the base size \(base)"))
                continue
            }
            let f = main.fields
            var quantity = 2
            var flipped: Int?
            if let q = f["quantity"] {
                guard let (drawn, mirrored) = Self.quantity(q) else {
                    problems.append(InputError(file: file, item: "\(main.item) quantity", problem:
                        "not a quantity: \"\(q.prefix(40))\" (a whole number, or \"n,m\": n as drawn and m flipped, as ASTM D6673 writes)"))
                    continue
                }
                quantity = drawn + (mirrored ?? 0)
                flipped = mirrored
                if quantity == 0 {
                    // AccuMark writes every piece of the style, with quantity 0 for those not
                    // cut in this model.
                    notes.append("\(file): \(main.item): piece \"\(name)\" has quantity \(q.trimmingCharacters(in: .whitespaces)): "
                        + "not cut in this model, left out")
                    continue
                }
            }
            var tolerance: Double?
            if let t = f["grain_tolerance"] {
                tolerance = Double(t.replacingOccurrences(of: "°", with: "").trimmingCharacters(in: .whitespaces))
                if tolerance == nil { problems.append(InputError(file: file, item: "\(main.item) grain_tolerance", problem: "not a number: \"\(t.prefix(40))\"")) }
            }
            var graded: [String: PatternFile.GradedEntry] = [:]
            for (size, p) in bySize where size != base && bySize[base] != nil {
                graded[size] = PatternFile.GradedEntry(outline: Self.points(p.shape.outline.ring),
                                                       holes: p.shape.holes.map { Self.points($0.ring) })
                if !sizes.contains(size) { sizes.append(size) }
            }
            panels.append(PatternFile.PanelEntry(
                name: name, material: f["material"] ?? options.material, outline: Self.points(main.shape.outline.ring),
                holes: main.shape.holes.map { Self.points($0.ring) }, quantity: quantity,
                mirrored_pairs: f["mirrored_pairs"].map(Self.yes) ?? flipped.map { $0 > 0 } ?? (quantity % 2 == 0),
                grain: PatternFile.GrainEntry(direction_deg: main.grain ?? 0, tolerance_deg: tolerance,
                                              reversible: f["grain_reversible"].map(Self.yes)),
                min_grade: f["min_grade"], grading: grading(f, item: main.item), graded: graded.isEmpty ? nil : graded))
        }
        if pieces.count > 0, panels.isEmpty, problems.isEmpty {
            problems.append(InputError(file: file, item: "", problem: "every piece has quantity 0: nothing to cut in this model"))
        }
        return PatternFile(format: PatternReader.format, model: style["style_name"] ?? model, units: "mm",
                           size_system: systemName.isEmpty ? nil : systemName, sizes: sizes, base_size: base,
                           grading: grading(style, item: "style"), panels: panels, notes: notes)
    }
}
