import Foundation
import NestGeometry
import NestModel

/// Reads patterns and hides from ASCII DXF files (R12 to R2018).
///
/// Patterns follow AAMA/ASTM D6673: one BLOCK per piece, inserted in ENTITIES; layer 1
/// the boundary, 11 internal cut-outs, 7 the grain line; "Piece Name:", "Size:",
/// "Quantity:" (and this project's "Material:", "Min Grade:", "Grain Tolerance:", ...)
/// as TEXT, MTEXT or ATTRIB; style text ("Style Name:", "Sample Size:", "Size Run:",
/// "Size System:") outside the blocks. A drawing without blocks works too: every
/// outermost closed contour is a piece, contours inside it are its cut-outs.
///
/// Hides: the outline on the outline layers, holes, defects and quality zones on their
/// layers (`HideLayers`, configurable).
///
/// Units: the `units` option, else `$INSUNITS`, else the AAMA "Units: METRIC/ENGLISH"
/// text, else millimetres. Every problem is an `InputError` naming the file, the item
/// (the DXF line and entity) and, for geometry, the point.
public enum DXFImporter {
    static func load(path: String, displayName: String) throws -> Data {
        try InputLimits.read(path: path, displayName: displayName)
    }

    /// Millimetres per drawing unit, where that came from in words (for messages: "1 unit =
    /// 25.4 mm, from $INSUNITS"), and whether anything declared it (else millimetres are assumed).
    static func units(_ doc: DXFDocument, options: ImportOptions) throws -> (millimetres: Double, source: String, declared: Bool) {
        func said(_ mm: Double, _ from: String) -> (Double, String, Bool) { (mm, "1 unit = \(DecimalText.trimmed(mm, decimals: 6)) mm, from \(from)", true) }
        if let u = options.units { return said(u.millimetres, "--units \(u.rawValue)") }
        if let mm = try doc.insunitsMillimetres() { return said(mm, "the header's $INSUNITS") }
        for e in doc.entities where e.type == "TEXT" || e.type == "MTEXT" {
            guard let text = e.string(1), let (k, v) = PatternAssembler.keyValue(text), k == "units" else { continue }
            switch v.uppercased() {
            case "METRIC", "MM": return said(1, "the text \"Units: \(v)\"")
            case "ENGLISH", "INCH", "IN": return said(25.4, "the text \"Units: \(v)\"")
            case "CM": return said(10, "the text \"Units: \(v)\"")
            default: break
            }
        }
        return (1, "1 unit = 1 mm: the file declares no units (--units sets them)", false)
    }

    static func baseName(_ file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The pattern file a DXF drawing describes, and every problem found on the way.
    static func patternFile(data: Data, file: String, options: ImportOptions, kernel: GeometryKernel) throws -> (PatternFile, [InputError]) {
        let doc = try DXFDocument(data: data, file: file)
        let units = try units(doc, options: options)
        var builder = DXFDrawingBuilder(document: doc, millimetresPerUnit: units.millimetres, chordTolerance: options.chordTolerance)
        builder.joinTolerance = options.joinTolerance
        var sources: [PatternAssembler.Source] = []
        var loose: [DXFEntity] = []
        for e in doc.entities {
            if e.type == "INSERT", builder.skipsHidden(e.layer) { continue }
            if e.type == "INSERT" {
                let name = e.string(2) ?? ""
                // A piece block is drawn once; an array of it (MINSERT) would be several pieces
                // of one name, which a pattern cannot tell apart. (Arrays inside a piece, such as
                // a grid of punch holes, are drawn.)
                let grid = try builder.arrayGrid(e)
                if grid.rows * grid.columns > 1 {
                    throw InputError(file: file, item: "\(e.source) \"\(name)\"", problem: "an array insert (MINSERT) draws block "
                        + "\"\(name)\" \(grid.rows) rows × \(grid.columns) columns times: in a pattern each piece block is inserted once "
                        + "(its Quantity: text says how many are cut)")
                }
                let d = try builder.insert(e, transform: .identity, layer: e.layer, depth: 0, visiting: [])
                sources.append(.init(drawing: d, name: name, item: "\(e.source) \"\(name)\""))
            } else {
                loose.append(e)
            }
        }
        let looseDrawing = try builder.drawing(of: loose, transform: .identity)
        var styleLabels: [Drawing.Label] = []
        if looseDrawing.contours.isEmpty {
            styleLabels = looseDrawing.labels
        } else {
            sources.append(.init(drawing: looseDrawing, name: nil, item: "ENTITIES"))
        }
        if sources.isEmpty {
            // Blocks but no inserts: each block that draws something is a piece, in place.
            for name in doc.blockOrder where !name.hasPrefix("*") {
                let block = doc.blocks[name]!
                let d = try builder.drawing(of: block.entities, transform: .identity, visiting: [name])
                if !d.contours.isEmpty { sources.append(.init(drawing: d, name: name, item: "line \(block.line) BLOCK \"\(name)\"")) }
            }
        }
        var assembler = PatternAssembler(file: file, options: options, kernel: kernel)
        var pattern = assembler.pattern(sources: sources, styleLabels: styleLabels, model: baseName(file))
        pattern.sourceUnits = units.source
        pattern.sourceMillimetresPerUnit = units.millimetres
        // An assumption the user must be able to see: a drawing in cm or inches read as mm
        // would still be a plausible (small) piece.
        if !units.declared { pattern.notes.insert("\(file): read at \(units.source)", at: 0) }
        pattern.notes += builder.readingNotes
        return (pattern, assembler.problems)
    }

    /// Reads a pattern from a DXF file into a validated `Pattern`.
    public static func readPattern(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                   kernel: GeometryKernel) throws -> Pattern {
        let (raw, problems) = try patternFile(data: try load(path: path, displayName: displayName), file: displayName, options: options, kernel: kernel)
        return try ImportedPattern.validated(raw, problems: problems, file: displayName, kernel: kernel)
    }

    /// The hide file a DXF drawing describes, and every problem found on the way.
    static func hideFile(data: Data, file: String, options: ImportOptions) throws -> (HideFile, [InputError]) {
        let doc = try DXFDocument(data: data, file: file)
        let units = try units(doc, options: options)
        var builder = DXFDrawingBuilder(document: doc, millimetresPerUnit: units.millimetres, chordTolerance: options.chordTolerance)
        builder.joinTolerance = options.joinTolerance
        let d = try builder.drawing(of: doc.entities, transform: .identity)
        var hide = HideAssembler.hide(d, file: file, name: baseName(file), options: options)
        hide.0.sourceUnits = units.source
        hide.0.readerNotes += builder.readingNotes
        return hide
    }

    /// Reads a hide from a DXF file into a validated `Hide`.
    public static func readHide(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                kernel: GeometryKernel) throws -> Hide {
        let (raw, problems) = try hideFile(data: try load(path: path, displayName: displayName), file: displayName, options: options)
        if let first = problems.first { throw first }
        return try StockReader.hide(raw, file: displayName, item: "", kernel: kernel)
    }
}

/// Builds the hide file representation from an imported drawing by layer.
enum HideAssembler {
    static func hide(_ d: Drawing, file: String, name: String, options: ImportOptions) -> (HideFile, [InputError]) {
        let layers = options.hideLayers
        var problems: [InputError] = []
        func rings(_ contours: [Drawing.Contour]) -> [FoundRing] {
            let r = ContourAssembler.rings(from: contours, tolerance: options.joinTolerance)
            for o in r.open { problems.append(InputError(file: file, item: o.source, problem: o.problem(joinTolerance: options.joinTolerance))) }
            return r.rings
        }
        func points(_ r: Ring) -> [[Double]] { r.points.map { [$0.x, $0.y] } }
        var notes: [String] = []
        var outlineLayers = layers.outline
        var outlineContours = d.contours.filter { LayerMatch.contains($0.layer, layers.outline) }
        if outlineContours.isEmpty, let (layer, why) = outlineLayerByWord(d, layers: layers).map({ ($0, "the one layer whose name says outline, hide or contour") })
            ?? outlineLayerByElimination(d, layers: layers, tolerance: options.joinTolerance).map({ ($0, "the only layer with closed contours besides the holes, defects, zones and grain") }) {
            outlineContours = d.contours.filter { $0.layer == layer }
            outlineLayers = [layer]
            notes.append("\(file): no layer is named \(layers.outline.joined(separator: ", ")); the hide's outline is read from layer \"\(layer)\", "
                         + "\(why) (--outline-layer names another)")
        }
        let outlines = rings(outlineContours).sorted { $0.area > $1.area }
        let holes = rings(d.contours.filter { LayerMatch.contains($0.layer, layers.holes) })
        var defects: [HideFile.DefectEntry] = []
        var byKind: [String: [Drawing.Contour]] = [:]
        var kinds: [String] = []
        for c in d.contours {
            guard let rest = LayerMatch.match(c.layer, layers.defects) else { continue }
            // The kind follows a separator (DEFECT-SCAR); a plural or longer word (DEFECTS,
            // DEFECTOS) names no kind.
            let separated = rest.first.map { "-_ .:".contains($0) } ?? false
            let kind = separated ? rest.trimmingCharacters(in: CharacterSet(charactersIn: "-_ .:")).lowercased() : ""
            let k = kind.isEmpty ? "defect" : kind
            if byKind[k] == nil { kinds.append(k) }
            byKind[k, default: []].append(c)
        }
        for k in kinds {
            // A last word naming a severity sets it: DEFECT-SCAR-MINOR is a minor scar. The
            // kind keeps the layer's own spelling (DEFECT-INSECT_BITE is an "insect_bite", as
            // a hide's JSON would name it).
            var severity: String?
            var kind = k
            if DefectSeverity(rawValue: k) != nil {  // DEFECT-MINOR: a minor defect of no kind
                severity = k
                kind = ""
            } else if let cut = k.lastIndex(where: { "-_ .:".contains($0) }),
                      DefectSeverity(rawValue: String(k[k.index(after: cut)...])) != nil {
                severity = String(k[k.index(after: cut)...])
                kind = String(k[..<cut]).trimmingCharacters(in: CharacterSet(charactersIn: "-_ .:"))
            }
            if kind.isEmpty { kind = "defect" }
            defects += rings(byKind[k]!).map { HideFile.DefectEntry(kind: kind, outline: points($0.ring), severity: severity) }
        }
        var zones: [HideFile.ZoneEntry] = []
        for (grade, names) in layers.zones {
            zones += rings(d.contours.filter { LayerMatch.contains($0.layer, names) })
                .map { HideFile.ZoneEntry(grade: grade.rawValue, outline: points($0.ring)) }
        }
        var grain: Double?
        if let g = d.contours.first(where: { LayerMatch.contains($0.layer, layers.grain) && $0.points.count >= 2 }) {
            let a = g.points.first!, z = g.points.last!
            grain = GrainRule.normalized(ReadPrecision.degrees(from: a, to: z))
        }
        let fields = PatternAssembler.fields(d.labels)
        if outlines.isEmpty {
            // What the drawing has instead, so the user can name the right layer.
            var counts: [String: Int] = [:]
            for c in d.contours { counts[c.layer, default: 0] += 1 }
            let found = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8)
                .map { "\"\($0.key)\" (\($0.value) \($0.value == 1 ? "contour" : "contours"))" }
            problems.append(InputError(file: file, item: "", problem:
                "no closed hide outline on layers \(layers.outline.joined(separator: ", "))"
                    + (found.isEmpty ? ": the drawing has no lines at all"
                        : "; the drawing's layers: \(found.joined(separator: ", "))\(counts.count > 8 ? ", …" : ""); --outline-layer names the outline's")))
        }
        // Further closed contours on the outline layers, inside the largest, are holes too;
        // one outside it is a second hide, which a hide file cannot hold: refused, never dropped.
        let extraHoles = outlines.dropFirst().filter { outlines[0].ring.contains($0.ring.points[0]) }
        for other in outlines.dropFirst() where !outlines[0].ring.contains(other.ring.points[0]) {
            problems.append(InputError(file: file, item: "\(other.source) on layer \"\(other.layer)\"", problem: String(
                format: "a second hide outline (%.4g m²) outside the first (%@ on layer \"%@\", %.4g m²): a hide has one outline; "
                    + "draw each hide in a file of its own (a closed contour inside the outline is a hole)",
                other.area / 1e6, outlines[0].source, outlines[0].layer, outlines[0].area / 1e6)))
        }
        if let outline = outlines.first { problems += holeProblems(holes + extraHoles, outline: outline, file: file) }
        if !outlines.isEmpty, let unread = unreadLayersNote(d, layers: layers, outline: outlineLayers, file: file) {
            notes.append(unread)
        }
        var raw = HideFile(format: "nest-hide/1", name: fields["piece_name"] ?? fields["hide_name"] ?? name,
                           material: fields["material"] ?? options.material ?? "leather", units: "mm", grain_deg: grain,
                           outline: outlines.first.map { points($0.ring) } ?? [],
                           holes: (holes + extraHoles).map { points($0.ring) }, defects: defects, zones: zones)
        raw.readerNotes = notes
        return (raw, problems)
    }

    /// Words in a layer's name that say it holds a hide's outline (`Hide_Outline`,
    /// `HIDE-CONTOUR`, `Outline 1`), for a file read as a hide whose layers follow no naming
    /// the options list.
    static let outlineWords: Set<String> = ["OUTLINE", "HIDE", "CONTOUR"]

    /// The one layer of `d` whose name has a word of `outlineWords` and that no other hide
    /// layer (holes, defects, zones, grain) claims; nil when none or several do (then the
    /// refusal lists the drawing's layers). Only for a file already known to be a hide: a
    /// pattern's `Piece_Outline` must not make a pattern a hide.
    static func outlineLayerByWord(_ d: Drawing, layers: HideLayers) -> String? {
        let claimed = layers.holes + layers.defects + layers.zones.flatMap(\.layers) + layers.grain
        var candidates = Set<String>()
        for c in d.contours where !LayerMatch.contains(c.layer, claimed) {
            let words = c.layer.uppercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            if words.contains(where: outlineWords.contains) { candidates.insert(c.layer) }
        }
        return candidates.count == 1 ? candidates.first : nil
    }

    /// The one layer, not claimed by holes, defects, zones or grain, that holds closed
    /// contours — a scanner's hide drawn on layer `0` or a layer of its own name beside
    /// `HOLES` and `DEFECTS`; nil when none or several do (then the refusal lists them).
    static func outlineLayerByElimination(_ d: Drawing, layers: HideLayers, tolerance: Double) -> String? {
        let claimed = layers.holes + layers.defects + layers.zones.flatMap(\.layers) + layers.grain
        var byLayer: [String: [Drawing.Contour]] = [:]
        for c in d.contours where !LayerMatch.contains(c.layer, claimed) { byLayer[c.layer, default: []].append(c) }
        let closed = byLayer.filter { !ContourAssembler.rings(from: $0.value, tolerance: tolerance).rings.isEmpty }
        return closed.count == 1 ? closed.first!.key : nil
    }

    /// A note naming the layers whose lines the hide does not read (none: nil): a scanner's
    /// or a CAD user's own name for defects or zones (`FEHLER`, `Zone 2`) would otherwise be
    /// left out without a word, and the parts cut across what it marks.
    static func unreadLayersNote(_ d: Drawing, layers: HideLayers, outline: [String], file: String) -> String? {
        let read = outline + layers.holes + layers.defects + layers.zones.flatMap(\.layers) + layers.grain
        var counts: [String: Int] = [:]
        for c in d.contours where !LayerMatch.contains(c.layer, read) { counts[c.layer, default: 0] += 1 }
        guard !counts.isEmpty else { return nil }
        let listed = counts.sorted { $0.key < $1.key }.prefix(8)
            .map { "\"\($0.key)\" (\($0.value) \($0.value == 1 ? "line" : "lines"))" }.joined(separator: ", ")
        return "\(file): layer\(counts.count == 1 ? "" : "s") \(listed)\(counts.count > 8 ? ", …" : "") not read: "
            + "not the outline, holes (HOLE*), defects (DEFECT*), zones (ZONE-A … ZONE-D) or grain; "
            + "--defect-layer LAYER or --zone-layer GRADE=LAYER reads \(counts.count == 1 ? "it" : "one")"
    }

    /// Holes that reach outside the outline, or into each other, named by their entities
    /// (the hide's own check would name only a point): a vertex of a hole outside the outline,
    /// or inside another hole, farther than a micrometre from its edge.
    static func holeProblems(_ holes: [FoundRing], outline: FoundRing,
                             file: String) -> [InputError] {
        var problems: [InputError] = []
        func name(_ r: FoundRing) -> String { "\(r.source) on layer \"\(r.layer)\"" }
        func strictlyOutside(_ p: Point, _ ring: Ring) -> Bool { Polygon(exterior: ring).signedDistance(to: p) < -1e-3 }
        func strictlyInside(_ p: Point, _ ring: Ring) -> Bool { Polygon(exterior: ring).signedDistance(to: p) > 1e-3 }
        for h in holes {
            if let p = h.ring.points.first(where: { strictlyOutside($0, outline.ring) }) {
                problems.append(InputError(file: file, item: "hole \(name(h))", problem:
                    "reaches outside the hide outline (\(name(outline))) at (\(formatPoint(p))): a hole lies inside the outline"))
            }
        }
        // Pairs whose boxes meet, found by a sweep along x.
        let order = holes.indices.sorted { holes[$0].ring.bounds.minX < holes[$1].ring.bounds.minX }
        for (k, i) in order.enumerated() {
            let a = holes[i], box = a.ring.bounds
            for j in order[(k + 1)...] {
                let b = holes[j]
                guard b.ring.bounds.minX <= box.maxX else { break }
                guard b.ring.bounds.intersects(box) else { continue }
                if let p = b.ring.points.first(where: { strictlyInside($0, a.ring) }) ?? a.ring.points.first(where: { strictlyInside($0, b.ring) }) {
                    problems.append(InputError(file: file, item: "holes \(name(a)) and \(name(b))", problem:
                        "overlap at (\(formatPoint(p))): draw them as one hole"))
                }
            }
        }
        return problems
    }
}
