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
    /// Open lines of a drawing without boundary layers, and how many of them have a note.
    private var openLines = 0, openLinesNoted = 0

    let kernel: GeometryKernel

    /// How far apart (mm) two drawings of one outline may lie and still be the same shape:
    /// curves flattened after a mirror or a turn put their chords elsewhere.
    var congruenceTolerance: Double { max(0.25, 4 * options.chordTolerance) }

    init(file: String, options: ImportOptions, kernel: GeometryKernel) {
        self.file = file
        self.options = options
        self.kernel = kernel
    }

    /// The material an AccuMark piece annotation names: `1XFABRIC` → "fabric",
    /// `2X LINING` → "lining"; nil for other annotations.
    static func annotatedMaterial(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let x = t.firstIndex(where: { $0 == "X" || $0 == "x" }), x > t.startIndex,
              t[..<x].allSatisfy(\.isNumber) else { return nil }
        let rest = t[t.index(after: x)...].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty, rest.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" }) else { return nil }
        return rest.lowercased()
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
        /// The outline and cut-outs as they are cut: repaired and unfolded where needed.
        var polygon: Polygon
        /// The area of the half drawn, when the piece was unfolded about a fold line.
        var halfArea: Double?
        /// What the repair did, for a note.
        var repair: String?
        /// Why this size of the piece cannot be cut as drawn (the size is left out).
        var broken: String?

        init(name: String, item: String, shape: RingNesting.Shape, fields: [String: String], grain: Double?) {
            self.name = name
            self.item = item
            self.shape = shape
            self.fields = fields
            self.grain = grain
            let outline = shape.outline.ring.withoutRepeats()
            let holes = shape.holes.map { $0.ring.withoutRepeats() }
            polygon = Polygon(exterior: outline.ring, holes: holes.map(\.ring))
            repeatedPoints = holes.reduce(outline.removed) { $0 + $1.removed }
        }

        /// How many repeated points (a vertex written twice where a notch sits) were dropped.
        var repeatedPoints = 0

    }

    /// A piece that cannot be read as drawn, with the reason (and the entity, when it is not
    /// the piece itself).
    struct PieceRefusal: Error {
        var reason: String
        var item: String?
    }

    /// Repairs a piece whose outline crosses itself (a grading loop at a corner, a spike)
    /// with GEOS MakeValid, keeping the largest face, when that changes its area by at most
    /// `options.repairTolerancePercent`; otherwise marks the size broken, with the reason.
    mutating func repair(_ piece: inout Piece) throws {
        let (outline, spikes) = piece.polygon.exterior.withoutSpikes()
        if let at = spikes.first, abs(Ring(points: outline.points).area - piece.polygon.exterior.area)
            <= options.repairTolerancePercent / 100 * piece.polygon.exterior.area {
            let before = piece.polygon.area
            piece.polygon = Polygon(exterior: outline, holes: piece.polygon.holes)
            piece.repair = String(format: "the outline doubles back (a spike) at (%@)%@: the spike removed (area changed by %.2g mm²)",
                                  formatPoint(at), spikes.count > 1 ? " and \(spikes.count - 1) more" : "", abs(piece.polygon.area - before))
        }
        guard let problem = try kernel.validityProblem(piece.polygon) else { return }
        let faces = try kernel.makeValid(piece.polygon)
        let total = faces.reduce(0) { $0 + $1.area }
        guard let largest = faces.max(by: { $0.area < $1.area }), largest.area > 0 else {
            piece.broken = "\(problem.description.lowercasedFirst), and nothing of it is left when repaired"
            return
        }
        // Holes the repair made out of loops are filled; the drawn cut-outs stay.
        let drawn = piece.polygon.holes
        let kept = Polygon(exterior: largest.exterior, holes: largest.holes.filter { hole in
            drawn.contains { abs($0.area - hole.area) <= 0.01 * $0.area && $0.bounds.intersects(hole.bounds) }
        })
        let lost = abs(total - kept.area)
        let percent = 100 * lost / kept.area
        let at = problem.location.map { " at (\(formatPoint($0)))" } ?? ""
        // With a sound outline, the crossing is a cut-out's (a contour taken as a hole that
        // reaches over the outline, or crosses another cut-out).
        let outlineAlone = Polygon(exterior: piece.polygon.exterior, holes: [])
        let outlineIsSound = try kernel.validityProblem(outlineAlone) == nil
        let crossing = !piece.polygon.holes.isEmpty && outlineIsSound
            ? "a cut-out (a closed contour inside the piece) crosses the outline or another cut-out\(at)"
            : "the outline crosses itself\(at)"
        let what = problem.reason.lowercased().contains("self") || crossing.hasPrefix("a cut-out")
            ? crossing : "\(problem.reason.lowercasedFirst)\(at)"
        if percent <= options.repairTolerancePercent {
            piece.polygon = kept
            let earlier = piece.repair.map { "\($0); " } ?? ""
            piece.repair = earlier + (lost > 0
                ? String(format: "%@: repaired, keeping its largest face (area changed by %.3g mm², %.2g %%)", what, lost, percent)
                : "\(what): repaired (a zero-area spike or loop removed, area unchanged)")
        } else {
            piece.broken = String(format: "%@: repaired its area would change by %.3g mm² (%.3g %%; the repair tolerance is %.3g %%, --repair-tolerance)",
                                  what, lost, percent, options.repairTolerancePercent)
        }
    }

    /// Unfolds a piece drawn with fold (mirror) lines about each of them in turn.
    func unfold(_ piece: inout Piece, about folds: [Drawing.Contour]) throws {
        guard !folds.isEmpty, piece.broken == nil else { return }
        let unfolder = FoldUnfolder(kernel: kernel, tolerance: max(options.joinTolerance, 1e-6))
        let half = piece.polygon.area
        for f in folds {
            do {
                piece.polygon = try unfolder.unfold(piece.polygon, about: f.points.first!, f.points.last!)
            } catch let refusal as FoldUnfolder.Refusal {
                throw PieceRefusal(reason: "fold (mirror) line on layer \"\(f.layer)\": \(refusal.reason)", item: "\(piece.item) \(f.source)")
            }
        }
        piece.halfArea = half
    }

    mutating func pieces(of source: Source, leftover: inout [Drawing.Label]) -> [Piece] {
        let layers = options.patternLayers
        let d = source.drawing
        let hasBoundary = d.contours.contains { LayerMatch.contains($0.layer, layers.boundary) }
        var boundary: [Drawing.Contour] = [], cutouts: [Drawing.Contour] = [], grains: [Drawing.Contour] = []
        var foldLines: [Drawing.Contour] = []
        for c in d.contours {
            if LayerMatch.contains(c.layer, layers.grain) {
                grains.append(c)
            } else if LayerMatch.contains(c.layer, layers.fold) {
                foldLines.append(c)
            } else if LayerMatch.contains(c.layer, layers.cutouts) {
                cutouts.append(c)
            } else if LayerMatch.contains(c.layer, layers.boundary) || (!hasBoundary && !LayerMatch.contains(c.layer, layers.ignored)) {
                boundary.append(c)
            }
        }
        let b = ContourAssembler.rings(from: boundary, tolerance: options.joinTolerance)
        let h = ContourAssembler.rings(from: cutouts, tolerance: options.joinTolerance)
        // In a pattern drawn to the AAMA layers an open boundary is a broken piece; in a
        // plain drawing open lines are drawing (grain arrows, construction lines, a title
        // block), reported but not pieces.
        if hasBoundary {
            for o in b.open + h.open {
                problems.append(InputError(file: file, item: "\(source.item) \(o.source)", problem: o.problem(joinTolerance: options.joinTolerance)))
            }
        } else {
            openLines += b.open.count
            for o in b.open.prefix(max(0, 5 - openLinesNoted)) {
                notes.append("\(file): \(source.item) \(o.source): \(o.problem): drawing, not a piece")
                openLinesNoted += 1
            }
            for o in h.open {
                problems.append(InputError(file: file, item: "\(source.item) \(o.source)", problem: o.problem(joinTolerance: options.joinTolerance)))
            }
        }
        var shapes = RingNesting.shapes(withoutDuplicates(b.rings, in: source))
        for cut in withoutDuplicates(h.rings, in: source) {
            let probe = cut.ring.points[0]
            if let k = shapes.indices.last(where: { shapes[$0].outline.ring.contains(probe) }) {
                shapes[k].holes.append(cut)
            } else {
                problems.append(InputError(file: file, item: "\(source.item) \(cut.source)", problem:
                    "internal cut-out at (\(formatPoint(probe))) lies outside every piece boundary"))
            }
        }
        if shapes.isEmpty {
            if hasBoundary {
                problems.append(InputError(file: file, item: source.item, problem:
                    "no closed piece boundary found (boundary layers: \(layers.boundary.joined(separator: ", ")))"))
            } else if !d.contours.isEmpty {
                // A block of a plain drawing with no closed contour (arrows, a title block).
                notes.append("\(file): \(source.item): no closed contour, only \(d.contours.count) open line\(d.contours.count == 1 ? "" : "s"): drawing, not a piece")
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
        // A fold (mirror) line on a piece: the drawing is half of what is cut.
        var folds = [[Drawing.Contour]](repeating: [], count: shapes.count)
        for f in foldLines where f.points.count >= 2 {
            // On or near a piece at either end or in the middle: that piece's fold.
            let probes = [f.points.first!, (f.points.first! + f.points.last!) * 0.5, f.points.last!]
            let near = max(1, 100 * options.joinTolerance)
            let k = shapes.indices.first { k in
                let ring = shapes[k].outline.ring
                return probes.contains { ring.contains($0) || Polygon(exterior: ring).signedDistance(to: $0) > -near }
            }
            if let k { folds[k].append(f) }
        }
        var grain = [Double?](repeating: nil, count: shapes.count)
        for g in grains where g.points.count >= 2 {
            let a = g.points.first!, z = g.points.last!
            guard let k = owner((a + z) * 0.5), a != z else { continue }
            grain[k] = GrainRule.normalized(ReadPrecision.degrees(from: a, to: z))
        }
        // A name the drawing gives an outline's element, or the one group around it, names
        // the piece only when no other outline of the drawing has it (a group holding several
        // pieces names none of them) — or only its mirror image does (a piece drawn for
        // either foot).
        func mirrorImages(_ a: Int, _ b: Int) -> Bool {
            func polygon(_ k: Int) -> Polygon { Polygon(exterior: shapes[k].outline.ring, holes: shapes[k].holes.map(\.ring)) }
            return (try? kernel.congruence(of: polygon(a), to: polygon(b), tolerance: congruenceTolerance)) == .mirrored
        }
        func unique(_ names: [String?]) -> [String?] {
            var holders: [String: [Int]] = [:]
            for (k, n) in names.enumerated() { if let n { holders[n, default: []].append(k) } }
            let kept = Set(holders.filter { $0.value.count == 1 || $0.value.count == 2 && mirrorImages($0.value[0], $0.value[1]) }.keys)
            return names.map { n in n.flatMap { kept.contains($0) ? $0 : nil } }
        }
        let ownNames = unique(shapes.map(\.outline.name)), groupNames = unique(shapes.map(\.outline.group))
        // A piece whose one text is plain words ("VAMP", "Toe cap"), no "Key: value" and not a
        // bare number (a size, a count), is named by it — when no other piece of the same size
        // has that text (the sizes of a graded piece drawn loose, each with its "Size:", share it).
        let plain = labels.map { texts -> String? in
            let plain = texts.filter { Self.keyValue($0.text) == nil }.map { $0.text.trimmingCharacters(in: .whitespaces) }
            guard plain.count == 1, let t = plain.first, !t.isEmpty, t.count <= 40, t.contains(where: \.isLetter) else { return nil }
            return t
        }
        let sizes = labels.map { Self.fields($0)["size"] ?? "" }
        let plainTexts = zip(unique(plain.indices.map { k in plain[k].map { $0 + "\u{0}" + sizes[k] } }), plain).map { $0.0 == nil ? nil : $0.1 }
        var out: [Piece] = []
        for k in shapes.indices {
            let f = Self.fields(labels[k])
            let name = f["piece_name"] ?? source.name ?? ownNames[k] ?? groupNames[k] ?? plainTexts[k]
                ?? Self.elementID(shapes[k].outline.source) ?? "piece-\(k + 1)"
            let item = shapes.count == 1 ? source.item : "\(source.item) \(shapes[k].outline.source)"
            var piece = Piece(name: name, item: item, shape: shapes[k], fields: f, grain: grain[k])
            do {
                try repair(&piece)
                try unfold(&piece, about: folds[k])
            } catch let refusal as PieceRefusal {
                problems.append(InputError(file: file, item: refusal.item ?? item, problem: refusal.reason))
                continue
            } catch {
                problems.append(InputError(file: file, item: item, problem: "\(error)"))
                continue
            }
            out.append(piece)
        }
        return out
    }

    /// The rings without those that repeat an earlier one exactly (the same vertices, from any
    /// start and in either direction): an outline drawn twice, one copy on top of the other,
    /// is read once and said so. (Taken as two, the second would be a cut-out as large as the
    /// piece.)
    mutating func withoutDuplicates(_ rings: [FoundRing], in source: Source) -> [FoundRing] {
        struct Key: Hashable {
            var bounds: Rect
            var vertices: Set<Point>
        }
        var seen: [Key: FoundRing] = [:]
        var kept: [FoundRing] = []
        for r in rings {
            let key = Key(bounds: r.ring.bounds, vertices: Set(r.ring.points))
            if let first = seen[key] {
                notes.append("\(file): \(source.item) \(r.source): the same outline as \(first.source) on layer \"\(first.layer)\", "
                    + "drawn twice (one on top of the other): read once")
                continue
            }
            seen[key] = r
            kept.append(r)
        }
        return kept
    }

    /// The element a subpath of an SVG path comes from (`line 2 <path id="a"> subpath 2` →
    /// `line 2 <path id="a">`); nil for a source that is not a subpath.
    static func element(of item: String) -> String? {
        guard let r = item.range(of: " subpath ", options: .backwards), item[r.upperBound...].allSatisfy(\.isNumber) else { return nil }
        return String(item[..<r.lowerBound])
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

    /// One note per piece name for what was done to its sizes: unfolded about a fold line,
    /// a self-intersection repaired (each size named).
    static func repairNotes(file: String, name: String, pieces: [String: Piece], base: String, sizes: [String]) -> [String] {
        var notes: [String] = []
        let ordered = pieces.keys.sorted { (sizes.firstIndex(of: $0) ?? .max, $0) < (sizes.firstIndex(of: $1) ?? .max, $1) }
        let unfolded = ordered.filter { pieces[$0]!.halfArea != nil }
        if let shown = pieces[base]?.halfArea != nil ? base : unfolded.first, let p = pieces[shown] {
            let count = unfolded.count == 1 ? "" : " (\(unfolded.count) sizes)"
            notes.append("\(file): \(p.item): piece \"\(name)\" is drawn as half of itself with a fold (mirror) line: unfolded about it\(count), "
                + "\(DecimalText.trimmed(p.halfArea!, decimals: 0)) mm² drawn, \(DecimalText.trimmed(p.polygon.area, decimals: 0)) mm² cut at size \(shown)")
        }
        for size in ordered {
            if let repair = pieces[size]!.repair {
                notes.append("\(file): \(pieces[size]!.item): piece \"\(name)\" size \(size): \(repair)")
            }
        }
        return notes
    }

    /// The pattern file for these sources; `model` when the file names no style.
    mutating func pattern(sources: [Source], styleLabels: [Drawing.Label], model: String) -> PatternFile {
        var leftover = styleLabels
        var pieces: [Piece] = []
        for s in sources { pieces += self.pieces(of: s, leftover: &leftover) }
        if openLines > openLinesNoted {
            notes.append("\(file): \(openLines) open lines in all were read as drawing, not pieces (\(openLines - openLinesNoted) more than listed)")
        }
        let repeated = pieces.reduce(0) { $0 + $1.repeatedPoints }
        if repeated > 0 {
            let where_ = pieces.filter { $0.repeatedPoints > 0 }.count
            notes.append("\(file): \(repeated) repeated point\(repeated == 1 ? "" : "s") (a vertex written twice, as CAD systems do where a notch sits) "
                + "read once, in \(where_) piece\(where_ == 1 ? "" : "s") and sizes")
        }
        var style = Self.fields(leftover)
        // Style text written beside a lone piece lands in that piece; it is still the style's.
        for key in ["style_name", "sample_size", "size_system", "size_run"] where style[key] == nil {
            style[key] = pieces.lazy.compactMap { $0.fields[key] }.first
        }
        if pieces.isEmpty, problems.isEmpty {
            let open = sources.flatMap(\.drawing.contours)
            let boundary = options.patternLayers.boundary.joined(separator: ", ")
            if let first = open.first {
                problems.append(InputError(file: file, item: first.source, problem:
                    "no pattern piece found: no closed contour in the drawing (\(open.count) open line\(open.count == 1 ? "" : "s"), the first on layer \"\(first.layer)\"); "
                    + "pieces are closed contours, on the boundary layers (\(boundary); --boundary-layer) when the drawing has them"))
            } else {
                problems.append(InputError(file: file, item: "", problem: "no pattern piece found: the drawing has no lines at all"))
            }
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
            } else if sizes.allSatisfy({ Double($0) != nil }) {
                sizes.sort { Double($0)! < Double($1)! }
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
        // A file that gives every piece quantity 0 gives no quantities at all (AccuMark
        // writes 0,0 when none were set): every piece is read once, and the order decides.
        let quantityFree = !order.isEmpty && order.allSatisfy { name in
            let given = groups[name]!.compactMap { $0.fields["quantity"] }
            return !given.isEmpty && given.allSatisfy { Self.quantity($0).map { $0.drawn + ($0.flipped ?? 0) == 0 } ?? false }
        }
        // Pieces of the style not cut in this model (quantity 0): a broken size of theirs
        // does not matter.
        let notCut = quantityFree ? [] : Set(order.filter { name in
            groups[name]!.compactMap { $0.fields["quantity"] }.contains { Self.quantity($0).map { $0.drawn + ($0.flipped ?? 0) == 0 } ?? false }
        })
        if quantityFree {
            notes.append("\(file): every piece has quantity 0 (the file sets no quantities): each piece is read once, "
                + "mirrored pairs not assumed; the order's quantities decide")
        }
        // A size one of whose pieces cannot be cut as drawn is left out of the style, and
        // said so; the other sizes go through. The base moves to the nearest size left.
        // In an ungraded style (no piece names a size) a broken piece is left out alone.
        let graded = pieces.contains { $0.fields["size"] != nil }
        var leftOut: [String] = []
        if !graded {
            for p in pieces where p.broken != nil && !notCut.contains(p.name) {
                notes.append("\(file): \(p.item): piece \"\(p.name)\" left out: \(p.broken!)")
                leftOut.append("piece \"\(p.name)\" (\(p.item)): \(p.broken!)")
            }
            for name in order { groups[name]!.removeAll { $0.broken != nil } }
        }
        var dropped: [String: String] = [:]
        for p in pieces where !notCut.contains(p.name) && graded {
            guard let reason = p.broken else { continue }
            let size = p.fields["size"] ?? base
            if dropped[size] == nil { dropped[size] = "piece \"\(p.name)\" (\(p.item)): \(reason)" }
        }
        if !dropped.isEmpty {
            let run = sizes
            for size in run where dropped[size] != nil {
                notes.append("\(file): size \(size) left out of the style: \(dropped[size]!)")
            }
            sizes.removeAll { dropped[$0] != nil }
            if sizes.isEmpty {
                problems.append(InputError(file: file, item: "", problem: "no size of the style can be cut as drawn: "
                    + run.compactMap { size in dropped[size].map { "size \(size): \($0)" } }.prefix(3).joined(separator: "; ")))
            } else if dropped[base] != nil, let at = run.firstIndex(of: base) {
                let nearest = sizes.min { a, b in
                    let da = abs(run.firstIndex(of: a)! - at), db = abs(run.firstIndex(of: b)! - at)
                    return da != db ? da < db : run.firstIndex(of: a)! < run.firstIndex(of: b)!
                }!
                notes.append("\(file): the base size \(base) is left out: size \(nearest) is the base instead")
                base = nearest
            }
            for name in order { groups[name]!.removeAll { dropped[$0.fields["size"] ?? base] != nil } }
        }

        var panels: [PatternFile.PanelEntry] = []
        for name in order {
            let group = groups[name]!
            guard !group.isEmpty else { continue }  // every size of it left out
            var bySize: [String: Piece] = [:]
            // A size drawn twice, the second the mirror image of the first: its right and
            // left, read as one piece cut as a mirrored pair.
            var mirrorImages: [String: Piece] = [:]
            for p in group {
                let size = p.fields["size"] ?? base
                if let other = bySize[size] {
                    let congruence = try? kernel.congruence(of: other.polygon, to: p.polygon, tolerance: congruenceTolerance)
                    if congruence == .mirrored, mirrorImages[size] == nil {
                        mirrorImages[size] = p
                        continue
                    }
                    if let element = Self.element(of: p.item), element == Self.element(of: other.item) {
                        // Both from one SVG path: its subpaths are separate outlines, not one piece.
                        problems.append(InputError(file: file, item: element, problem:
                            "one element holds separate outlines (\(other.item.dropFirst(element.count + 1)) and "
                                + "\(p.item.dropFirst(element.count + 1)), not one inside the other), each read as a piece \"\(name)\": "
                                + "a piece has one outline; draw each piece as an element of its own (a subpath inside the outline is a cut-out)"))
                    } else if congruence != nil {
                        problems.append(InputError(file: file, item: p.item, problem:
                            "piece \"\(name)\" at size \(size) is drawn again, the same outline as \(other.item)"
                                + (mirrorImages[size] == nil ? "" : " and its mirror image \(mirrorImages[size]!.item)")
                                + ": draw a piece once (and its mirror image for the other foot); its Quantity: text says how many are cut"))
                    } else {
                        problems.append(InputError(file: file, item: p.item, problem:
                            "a second piece \"\(name)\" at size \(size) (the first is \(other.item))"))
                    }
                    continue
                }
                bySize[size] = p
            }
            guard let main = bySize[base] ?? (bySize.count == 1 ? bySize.values.first : nil) else {
                problems.append(InputError(file: file, item: group[0].item, problem:
                    "piece \"\(name)\" is graded (sizes \(bySize.keys.sorted().joined(separator: ", "))) but has no outline at the base size \(base)"))
                continue
            }
            let mainSize = main.fields["size"] ?? base
            let mirrorImage = mirrorImages[mainSize]
            // The mirror image's own keys fill in what the piece drawn first leaves out.
            let f = mirrorImage.map { $0.fields.merging(main.fields) { _, first in first } } ?? main.fields
            var quantity = 2
            var flipped: Int?
            if let image = mirrorImage {
                // Each side drawn is cut as often as its Quantity: says (once without one).
                let sides = [main, image].map { side -> ((drawn: Int, flipped: Int?)?, String) in
                    side.fields["quantity"].map { (Self.quantity($0), $0) } ?? ((drawn: 1, flipped: nil), "1")
                }
                guard let left = sides[0].0, let right = sides[1].0, left.flipped == nil, right.flipped == nil,
                      left.drawn == right.drawn else {
                    problems.append(InputError(file: file, item: "\(image.item) quantity", problem:
                        "piece \"\(name)\" is drawn with its mirror image (\(main.item)) at size \(mainSize), quantities \"\(sides[0].1)\" "
                            + "and \"\(sides[1].1)\": each side drawn takes the same whole number, the pieces of one foot"))
                    continue
                }
                notes.append("\(file): \(image.item): piece \"\(name)\" at size \(mainSize) is the mirror image of \(main.item): "
                    + "read as its other foot, \(left.drawn + right.drawn) a pair, mirrored")
                quantity = left.drawn + right.drawn
                flipped = right.drawn
                if quantity == 0, quantityFree {
                    (quantity, flipped) = (2, 1)
                } else if quantity == 0 {
                    notes.append("\(file): \(main.item): piece \"\(name)\" has quantity 0: not cut in this model, left out")
                    continue
                }
            } else if let q = f["quantity"] {
                guard let (drawn, mirrored) = Self.quantity(q) else {
                    problems.append(InputError(file: file, item: "\(main.item) quantity", problem:
                        "not a quantity: \"\(q.prefix(40))\" (a whole number, or \"n,m\": n as drawn and m flipped, as ASTM D6673 writes)"))
                    continue
                }
                quantity = drawn + (mirrored ?? 0)
                flipped = mirrored
                if quantity == 0, quantityFree {
                    quantity = 1
                    flipped = nil
                } else if quantity == 0 {
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
                graded[size] = PatternFile.GradedEntry(outline: Self.points(p.polygon.exterior),
                                                       holes: p.polygon.holes.map { Self.points($0) })
                if !sizes.contains(size) { sizes.append(size) }
            }
            notes += Self.repairNotes(file: file, name: name, pieces: bySize, base: base, sizes: sizes)
            let material = f["material"] ?? f["annotation"].flatMap(Self.annotatedMaterial) ?? options.material
            var panel = PatternFile.PanelEntry(
                name: name, material: material ?? "leather", outline: Self.points(main.polygon.exterior),
                holes: main.polygon.holes.map { Self.points($0) }, quantity: quantity,
                mirrored_pairs: f["mirrored_pairs"].map(Self.yes) ?? flipped.map { $0 > 0 } ?? (quantity % 2 == 0),
                grain: PatternFile.GrainEntry(direction_deg: main.grain ?? 0, tolerance_deg: tolerance,
                                              reversible: f["grain_reversible"].map(Self.yes)),
                min_grade: f["min_grade"], grading: grading(f, item: main.item), graded: graded.isEmpty ? nil : graded)
            panel.materialAssumed = material == nil
            panel.source = main.item
            panels.append(panel)
        }
        if pieces.count > 0, panels.isEmpty, problems.isEmpty {
            if !leftOut.isEmpty {
                // Every piece was left out as broken: that, not quantities, is why nothing is cut.
                problems.append(InputError(file: file, item: "", problem: "no piece can be cut as drawn: "
                    + leftOut.prefix(3).joined(separator: "; ") + (leftOut.count > 3 ? "; and \(leftOut.count - 3) more" : "")))
            } else {
                problems.append(InputError(file: file, item: "", problem: "every piece has quantity 0: nothing to cut in this model"))
            }
        }
        var pattern = PatternFile(format: PatternReader.format, model: style["style_name"] ?? model, units: "mm",
                                  size_system: systemName.isEmpty ? nil : systemName, sizes: sizes, base_size: base,
                                  grading: grading(style, item: "style"), panels: panels, notes: notes)
        pattern.longestPiece = options.longestPiece
        return pattern
    }
}
