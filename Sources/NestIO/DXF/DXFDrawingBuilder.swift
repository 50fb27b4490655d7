import Foundation
import NestGeometry

/// Turns DXF entities into a `Drawing` in millimetres: LINE, ARC, CIRCLE, ELLIPSE,
/// LWPOLYLINE and POLYLINE (bulges become arcs), SPLINE (NURBS, or the curve through its
/// fit points),
/// TEXT, MTEXT, ATTRIB, and INSERT of blocks (scale, rotation, translation, arrays of
/// rows and columns (MINSERT), nested to a fixed depth, cycles refused). Entities in a block on layer "0" take the layer of
/// the INSERT, as in AutoCAD. Other entity types are counted in `skipped`.
///
/// Curves are flattened so every chord lies within `chordTolerance` mm of the curve.
struct DXFDrawingBuilder {
    let document: DXFDocument
    let millimetresPerUnit: Double
    let chordTolerance: Double
    /// Ends of a fit-point spline within this distance (mm) make it closed.
    var joinTolerance = ImportOptions().joinTolerance
    var skipped: [String: Int] = [:]
    /// What was read its own way or passed over, for the import's notes.
    var notes: [String] = []
    /// Entities not read because their layer is off or frozen, by layer.
    private(set) var hiddenByLayer: [String: (state: String, count: Int)] = [:]

    /// True, counting the entity for the note, when `layer` is off or frozen in the drawing.
    mutating func skipsHidden(_ layer: String) -> Bool {
        guard let state = document.hiddenLayers[layer.uppercased()] else { return false }
        hiddenByLayer[layer, default: (state, 0)].count += 1
        return true
    }
    private var pointBudget = 5_000_000
    /// Block placements still allowed: inserts of inserts multiply (three levels of a
    /// thousand inserts each place a block a billion times), so a hostile file could make
    /// the walk endless even when its blocks draw nothing.
    private var placementsLeft = Self.maxPlacements

    static let maxInsertDepth = 16
    static let maxPlacements = 200_000

    init(document: DXFDocument, millimetresPerUnit: Double, chordTolerance: Double) {
        self.document = document
        self.millimetresPerUnit = millimetresPerUnit
        self.chordTolerance = chordTolerance
    }

    var file: String { document.file }

    /// Entity types that draw nothing a pattern or hide is read from, passed over without
    /// a note: paper-space viewports, attribute templates (their values, ATTRIB, are read).
    static let quietlySkipped: Set<String> = ["VIEWPORT", "ATTDEF"]

    /// The notes of the reading: hatches passed over, and the entity types not read with
    /// their counts (a piece drawn as a REGION, or the points of drill holes, would otherwise
    /// go without a word).
    var readingNotes: [String] {
        let paper = document.paperSpaceCount
        let hidden = hiddenByLayer.sorted { $0.key < $1.key }
            .map { "\(file): layer \"\($0.key)\" is \($0.value.state) in the drawing, so its \($0.value.count) entit\($0.value.count == 1 ? "y is" : "ies are") not read" }
        let binary = document.isBinary ? ["\(file): a binary DXF; \"line N\" in messages is the line of the drawing saved as ASCII DXF"] : []
        let notes = binary + notes + hidden + (paper == 0 ? [] : ["\(file): \(paper) entit\(paper == 1 ? "y" : "ies") in paper space not read "
            + "(a layout's title block, frame and notes, drawn over the model at another scale): only the model space is read"])
        let passed = skipped.filter { !Self.quietlySkipped.contains($0.key) }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard !passed.isEmpty else { return notes }
        let listed = passed.map { "\($0.value) \($0.key)\($0.key == "POINT" ? " (drill holes and marks: not cut)" : "")" }
            .joined(separator: ", ")
        let solids = passed.contains { ["REGION", "3DSOLID", "BODY", "SURFACE"].contains($0.key) }
        return notes + ["\(file): entities not read: \(listed); read are lines, arcs, circles, ellipses, polylines, splines, hatches, "
            + "text and block inserts\(solids ? " (explode a REGION or solid into polylines in the CAD program to read it)" : "")"]
    }
    var units: Affine { .scale(millimetresPerUnit, millimetresPerUnit) }

    /// The drawing of `entities` under `transform` (local units → mm).
    mutating func drawing(of entities: [DXFEntity], transform: Affine, inheritedLayer: String? = nil,
                          depth: Int = 0, visiting: [String] = []) throws -> Drawing {
        var out = Drawing()
        for e in entities {
            let layer = (e.layer == "0" ? inheritedLayer : nil) ?? e.layer
            if skipsHidden(layer) { continue }
            if e.type == "INSERT" {
                out.append(try insert(e, transform: transform, layer: layer, depth: depth, visiting: visiting))
            } else {
                try add(e, layer: layer, transform: transform, to: &out)
            }
        }
        return out
    }

    /// The block an INSERT names, placed; its attributes become labels.
    mutating func insert(_ e: DXFEntity, transform: Affine, layer: String, depth: Int, visiting: [String]) throws -> Drawing {
        let name = e.string(2) ?? ""
        guard let block = document.blocks[name] else {
            throw InputError(file: file, item: e.source, problem: "inserts block \"\(name)\", which the file does not define")
        }
        guard !visiting.contains(name) else {
            throw InputError(file: file, item: e.source, problem: "block \"\(name)\" inserts itself (directly or through other blocks)")
        }
        guard depth < Self.maxInsertDepth else {
            throw InputError(file: file, item: e.source, problem:
                "block \"\(name)\" lies \(depth + 1) inserts deep (blocks inserted in blocks): more than \(Self.maxInsertDepth) levels are not read")
        }
        let grid = try arrayGrid(e)
        placementsLeft -= grid.rows * grid.columns
        guard placementsLeft >= 0 else {
            throw InputError(file: file, item: e.source, problem:
                "more than \(Self.maxPlacements) block placements (inserts of inserts multiply): not read")
        }
        var d = Drawing()
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let offset = (Double(column) * grid.columnSpacing, Double(row) * grid.rowSpacing)
                let placed = transform * (try insertTransform(e, block: block, offset: offset))
                var copy = try drawing(of: block.entities, transform: placed, inheritedLayer: layer, depth: depth + 1,
                                       visiting: visiting + [name])
                if grid.rows * grid.columns > 1 {
                    // Each copy of an array says which it is, so later messages tell them apart.
                    let which = " (MINSERT \(e.source) row \(row + 1) column \(column + 1))"
                    for k in copy.contours.indices { copy.contours[k].source += which }
                    for k in copy.labels.indices { copy.labels[k].source += which }
                }
                d.append(copy)
            }
        }
        for a in e.children where a.type == "ATTRIB" {
            try add(a, layer: (a.layer == "0" ? layer : a.layer), transform: transform, to: &d)
        }
        return d
    }

    /// The array of an INSERT (a MINSERT): columns (70) and rows (71), default 1, with the
    /// column (44) and row (45) spacing, in the insert's rotated frame and not scaled.
    struct ArrayGrid {
        var columns = 1, rows = 1
        var columnSpacing = 0.0, rowSpacing = 0.0
    }

    static let maxArrayCopies = 10_000

    func arrayGrid(_ e: DXFEntity) throws -> ArrayGrid {
        let columns = try e.integer(70, file: file, 1), rows = try e.integer(71, file: file, 1)
        guard columns >= 1, rows >= 1 else {
            throw InputError(file: file, item: e.source, problem: "an array insert (MINSERT) needs at least 1 column and 1 row, "
                + "found \(columns) columns (group 70) and \(rows) rows (group 71)")
        }
        guard columns <= Self.maxArrayCopies, rows <= Self.maxArrayCopies / columns else {
            throw InputError(file: file, item: e.source, problem: "an array insert (MINSERT) of \(rows) rows × \(columns) columns "
                + "is more than \(Self.maxArrayCopies) copies")
        }
        return ArrayGrid(columns: columns, rows: rows, columnSpacing: try e.number(44, file: file, 0), rowSpacing: try e.number(45, file: file, 0))
    }

    /// Local block coordinates → the coordinates the INSERT lives in; `offset` places one copy
    /// of an array (MINSERT) in the insert's rotated, unscaled frame.
    func insertTransform(_ e: DXFEntity, block: DXFDocument.Block, offset: (Double, Double) = (0, 0)) throws -> Affine {
        let x = try e.number(10, file: file, 0), y = try e.number(20, file: file, 0)
        let sx = try e.number(41, file: file, 1), sy = try e.number(42, file: file, 1)
        let rot = try e.number(50, file: file, 0)
        guard sx != 0, sy != 0 else { throw InputError(file: file, item: e.source, problem: "insert scale is zero") }
        let m = try ocs(e) * .translation(x, y) * .rotation(degrees: rot) * .translation(offset.0, offset.1) * .scale(sx, sy)
            * .translation(-block.base.x, -block.base.y)
        guard m.isFinite else { throw InputError(file: file, item: e.source, problem: "insert transform is not finite") }
        return m
    }

    /// The object coordinate system of 2D entities: an extrusion of (0, 0, −1) mirrors x.
    func ocs(_ e: DXFEntity) throws -> Affine {
        let nz = try e.number(230, file: file, 1)
        return nz < 0 ? .scale(-1, 1) : .identity
    }

    func flattener(_ transform: Affine) -> CurveFlattener {
        CurveFlattener(tolerance: chordTolerance, transform: units * transform)
    }

    /// Adds a contour; `part` names which part of the entity it is (a hatch's boundary path).
    mutating func emit(_ points: [Point], closed: Bool, layer: String, source e: DXFEntity, part: String = "", fill: Bool = false,
                       to out: inout Drawing) throws {
        pointBudget -= points.count
        guard pointBudget > 0 else { throw InputError(file: file, item: e.source, problem: "the drawing has too many points after flattening") }
        guard points.allSatisfy(\.isFinite) else { throw InputError(file: file, item: e.source + part, problem: "coordinates are not finite") }
        out.contours.append(Drawing.Contour(points: points, closed: closed, layer: layer, source: e.source + part, fill: fill))
    }

    mutating func add(_ e: DXFEntity, layer: String, transform: Affine, to out: inout Drawing) throws {
        let f = file
        switch e.type {
        case "LINE":
            let m = units * transform
            let a = Point(try e.number(10, file: f), try e.number(20, file: f))
            let b = Point(try e.number(11, file: f), try e.number(21, file: f))
            try emit([m.apply(a), m.apply(b)], closed: false, layer: layer, source: e, to: &out)
        case "ARC", "CIRCLE":
            let fl = flattener(transform * (try ocs(e)))
            let c = Point(try e.number(10, file: f), try e.number(20, file: f))
            let r = try e.number(40, file: f)
            guard r > 0 else { throw InputError(file: f, item: e.source, problem: "radius must be positive") }
            if e.type == "CIRCLE" {
                var pts = fl.arc(center: c, radius: r, start: 0, sweep: 2 * .pi)
                pts.removeLast()
                try emit(pts, closed: true, layer: layer, source: e, to: &out)
            } else {
                let a0 = try e.number(50, file: f, 0), a1 = try e.number(51, file: f, 360)
                var sweep = (a1 - a0).truncatingRemainder(dividingBy: 360)
                if sweep <= 0 { sweep += 360 }
                try emit(fl.arc(center: c, radius: r, start: a0 * .pi / 180, sweep: sweep * .pi / 180),
                         closed: false, layer: layer, source: e, to: &out)
            }
        case "ELLIPSE":
            let fl = flattener(transform)
            let c = Point(try e.number(10, file: f), try e.number(20, file: f))
            let major = Point(try e.number(11, file: f), try e.number(21, file: f))
            let ratio = try e.number(40, file: f, 1)
            let nz = try e.number(230, file: f, 1) < 0 ? -1.0 : 1.0
            guard major.length > 0, ratio > 0, ratio <= 1 + 1e-9 else {
                throw InputError(file: f, item: e.source, problem: "ellipse needs a non-zero major axis and a ratio in (0, 1]")
            }
            let minor = Point(-nz * major.y, nz * major.x) * ratio
            let t0 = try e.number(41, file: f, 0), t1 = try e.number(42, file: f, 2 * .pi)
            var sweep = (t1 - t0).truncatingRemainder(dividingBy: 2 * .pi)
            if sweep <= 1e-12 { sweep += 2 * .pi }
            var pts = fl.ellipse(center: c, major: major, minor: minor, start: t0, sweep: sweep)
            let full = abs(sweep - 2 * .pi) < 1e-9
            if full { pts.removeLast() }
            try emit(pts, closed: full, layer: layer, source: e, to: &out)
        case "LWPOLYLINE":
            var vertices: [(Point, Double)] = []
            for g in e.groups {
                switch g.code {
                case 10: vertices.append((Point(try DXFDocument.number(g, file: f), 0), 0))
                case 20 where !vertices.isEmpty: vertices[vertices.count - 1].0.y = try DXFDocument.number(g, file: f)
                case 42 where !vertices.isEmpty: vertices[vertices.count - 1].1 = try DXFDocument.number(g, file: f)
                default: break
                }
            }
            let closed = (try e.integer(70, file: f, 0)) & 1 == 1
            try polyline(vertices, closed: closed, transform: transform * (try ocs(e)), layer: layer, source: e, to: &out)
        case "POLYLINE":
            let flags = try e.integer(70, file: f, 0)
            guard flags & (16 | 64) == 0 else {
                skipped["POLYLINE mesh", default: 0] += 1
                return
            }
            var vertices: [(Point, Double)] = []
            for v in e.children where v.type == "VERTEX" {
                if (try v.integer(70, file: f, 0)) & 16 != 0 { continue }  // spline frame control point
                vertices.append((Point(try v.number(10, file: f), try v.number(20, file: f)), try v.number(42, file: f, 0)))
            }
            let local = flags & 8 != 0 ? Affine.identity : try ocs(e)  // 3D polylines are in world coordinates
            try polyline(vertices, closed: flags & 1 == 1, transform: transform * local, layer: layer, source: e, to: &out)
        case "SPLINE":
            try spline(e, layer: layer, transform: transform, to: &out)
        case "HATCH":
            hatch(e, layer: layer, transform: transform, to: &out)
        case "TEXT", "MTEXT", "ATTRIB":
            let m = units * transform * (e.type == "MTEXT" ? .identity : try ocs(e))
            let p = Point(try e.number(10, file: f, 0), try e.number(20, file: f, 0))
            var text = e.groups.filter { $0.code == 3 }.map(\.value).joined() + (e.string(1) ?? "")
            text = Self.decodedText(text)
            if e.type == "MTEXT" { text = Self.plainMText(text) }
            for line in text.components(separatedBy: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                var label = line.trimmingCharacters(in: .whitespaces)
                if e.type == "ATTRIB", let tag = e.string(2), !label.contains(":") { label = "\(tag): \(label)" }
                out.labels.append(Drawing.Label(text: label, position: m.apply(p), layer: layer, source: e.source))
            }
        default:
            skipped[e.type, default: 0] += 1
        }
    }

    mutating func polyline(_ vertices: [(Point, Double)], closed: Bool, transform: Affine, layer: String, source e: DXFEntity,
                           to out: inout Drawing) throws {
        guard let first = vertices.first else { return }
        let fl = flattener(transform)
        var pts = [fl.transform.apply(first.0)]
        let count = closed ? vertices.count : vertices.count - 1
        guard count >= 1 else { return }
        for k in 0..<count {
            let (p, b) = vertices[k]
            let q = vertices[(k + 1) % vertices.count].0
            pts += fl.bulge(from: p, to: q, bulge: b)
        }
        if closed, pts.count > 1 { pts.removeLast() }
        try emit(pts, closed: closed, layer: layer, source: e, to: &out)
    }

    mutating func spline(_ e: DXFEntity, layer: String, transform: Affine, to out: inout Drawing) throws {
        let f = file
        var control: [Point] = [], fit: [Point] = [], knots: [Double] = [], weights: [Double] = []
        for g in e.groups {
            switch g.code {
            case 10: control.append(Point(try DXFDocument.number(g, file: f), 0))
            case 20 where !control.isEmpty: control[control.count - 1].y = try DXFDocument.number(g, file: f)
            case 11: fit.append(Point(try DXFDocument.number(g, file: f), 0))
            case 21 where !fit.isEmpty: fit[fit.count - 1].y = try DXFDocument.number(g, file: f)
            case 40: knots.append(try DXFDocument.number(g, file: f))
            case 41: weights.append(try DXFDocument.number(g, file: f))
            default: break
            }
        }
        func tangent(_ x: Int, _ y: Int) throws -> Point? {
            guard e.string(x) != nil || e.string(y) != nil else { return nil }
            return Point(try e.number(x, file: f, 0), try e.number(y, file: f, 0))
        }
        let flags = try e.integer(70, file: f, 0)
        var pts = try splinePoints(SplineData(degree: try e.integer(71, file: f, 3), knots: knots, control: control, weights: weights,
                                              fit: fit, startTangent: try tangent(12, 22), endTangent: try tangent(13, 23),
                                              closed: flags & 1 == 1),
                                   transform: transform, source: e.source)
        let closed = flags & 1 == 1 || (pts.count > 2 && pts.first == pts.last)
        if closed, pts.count > 2, pts.first!.distance(to: pts.last!) < 1e-9 { pts.removeLast() }
        try emit(pts, closed: closed, layer: layer, source: e, to: &out)
    }

    /// A spline as the DXF gives it: a NURBS (degree, knots, control points, weights) or,
    /// without control points, the fit points it passes through.
    struct SplineData {
        var degree: Int
        var knots: [Double]
        var control: [Point]
        var weights: [Double]
        var fit: [Point]
        var startTangent: Point?
        var endTangent: Point?
        var closed: Bool
    }

    /// The spline flattened, in millimetres through `transform` (the SPLINE entity's and a
    /// HATCH's spline edges').
    func splinePoints(_ s: SplineData, transform: Affine, source: String) throws -> [Point] {
        let f = file
        let fl = flattener(transform)
        var pts: [Point]
        if s.control.isEmpty {
            // Fit points only: the curve through them (`FitPointCurve`), flattened span by span.
            let fit = s.fit
            let ends = fit.count > 2 && fl.transform.apply(fit.first!).distance(to: fl.transform.apply(fit.last!)) <= joinTolerance
            // Ends within the join tolerance are one point: the last is snapped onto the first.
            guard let curve = FitPointCurve(fit: ends ? Array(fit.dropLast()) : fit, closed: s.closed || ends,
                                            startTangent: s.startTangent, endTangent: s.endTangent) else {
                throw InputError(file: f, item: source, problem: "spline has neither control points nor two distinct fit points")
            }
            pts = [fl.transform.apply(curve.points[0])]
            for k in 0..<curve.spanCount {
                pts += fl.adaptive(0, 1) { curve.point(span: k, at: $0) }.dropFirst().dropLast()
                pts.append(fl.transform.apply(curve.point(k + 1)))  // through the fit point exactly
                guard pts.count < 2_000_000 else { throw InputError(file: f, item: source, problem: "spline is too long to flatten") }
            }
        } else {
            switch NURBSCurve.make(degree: s.degree, knots: s.knots, control: s.control, weights: s.weights) {
            case .failure(let p): throw InputError(file: f, item: source, problem: p.reason)
            case .success(let curve):
                let spans = curve.spans
                pts = [fl.transform.apply(curve.point(at: spans[0]))]
                for k in 1..<spans.count { pts += fl.adaptive(spans[k - 1], spans[k], curve.point(at:)).dropFirst() }
                guard pts.count < 2_000_000 else { throw InputError(file: f, item: source, problem: "spline is too long to flatten") }
            }
        }
        return pts
    }
}
