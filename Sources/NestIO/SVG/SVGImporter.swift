import Foundation
import NestGeometry
import NestModel

/// Reads patterns from SVG: `path` (every command), `polygon`, `polyline`, `rect` (with
/// rounded corners), `circle`, `ellipse`, `line` and `text`, inside nested `g` with
/// `transform` (matrix, translate, scale, rotate, skewX, skewY); the root's `viewBox`
/// and `width`/`height` in mm, cm, in, pt, pc, Q or px (96 per inch) give the scale
/// (only the scale: coordinates keep the user origin, so a pattern keeps its own frame).
/// Without a `viewBox`, one user unit is one px. The y axis is flipped (SVG y runs down,
/// patterns' y up). `use` draws the element it refers to ("#id", in `defs` or anywhere),
/// a `symbol` in the viewport the `use` gives it; a reference to another file, to no
/// element or to itself is refused. `defs`, `symbol`, `clipPath`, `mask`, `marker` and
/// `pattern` are not drawn where they stand.
///
/// Pieces: a `g` with `data-piece-name` (or class `piece`) is one piece; its `data-*`
/// attributes are its system text (`data-size`, `data-quantity`, `data-material`, ...).
/// Elements outside pieces are split by containment like a loose DXF drawing; a loose
/// outline's `id` names it. An element's layer is its first class (`boundary`, `cutout`,
/// `grain`, ...) or its Inkscape layer's label; `data-*` on the root or on other groups
/// are style text. `text` elements with "Key: value" count too.
public enum SVGImporter {
    static let skipped: Set<String> = ["defs", "symbol", "clipPath", "mask", "marker", "pattern", "style", "script",
                                       "metadata", "title", "desc", "linearGradient", "radialGradient", "filter"]

    /// Millimetres per unit of a length, or nil for a unit that is not absolute.
    static func length(_ text: String?) -> Double? {
        guard var t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        var mm = 25.4 / 96
        for (suffix, factor) in [("mm", 1.0), ("cm", 10), ("in", 25.4), ("pt", 25.4 / 72), ("pc", 25.4 / 6), ("px", 25.4 / 96), ("Q", 0.25)]
        where t.hasSuffix(suffix) {
            mm = factor
            t = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        guard let v = Double(t), v.isFinite, abs(v) < 1e12 else { return nil }
        return v * mm
    }

    static func numbers(_ text: String?) -> [Double] {
        guard let text else { return [] }
        return text.split(whereSeparator: { " ,\t\n\r".contains($0) }).compactMap { Double($0) }.filter { $0.isFinite && abs($0) < 1e12 }
    }

    /// A `transform` attribute as one matrix; nil when it does not parse.
    static func transform(_ text: String) -> Affine? {
        var m = Affine.identity
        var rest = text[...]
        while let open = rest.firstIndex(of: "(") {
            let name = rest[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " ,\t\n\r"))
            guard let close = rest[open...].firstIndex(of: ")") else { return nil }
            let v = numbers(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
            let t: Affine
            switch (name, v.count) {
            case ("matrix", 6): t = Affine(a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5])
            case ("translate", 1): t = .translation(v[0], 0)
            case ("translate", 2): t = .translation(v[0], v[1])
            case ("scale", 1): t = .scale(v[0], v[0])
            case ("scale", 2): t = .scale(v[0], v[1])
            case ("rotate", 1): t = .rotation(degrees: v[0])
            case ("rotate", 3): t = .translation(v[1], v[2]) * .rotation(degrees: v[0]) * .translation(-v[1], -v[2])
            case ("skewX", 1): t = Affine(c: tan(v[0] * .pi / 180))
            case ("skewY", 1): t = Affine(b: tan(v[0] * .pi / 180))
            default: return nil
            }
            m = m * t
        }
        guard rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, m.isFinite else { return nil }
        return m
    }

    /// How the root's user units map to millimetres, and why (for the note every SVG
    /// import gives, and for messages about implausible sizes).
    struct Scale {
        var transform: Affine
        var millimetresPerUnit: Double
        var source: String
    }

    /// What a root `width` says: an absolute length, pixels (a bare number or `px`,
    /// whose length depends on the exporter), or nothing usable (a percentage, absent).
    enum RootLength {
        case absolute(Double)
        case pixels(Double)
        case unusable(String?)

        init(_ text: String?) {
            guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else {
                self = .unusable(nil)
                return
            }
            let bare = t.hasSuffix("px") ? String(t.dropLast(2)).trimmingCharacters(in: .whitespaces) : t
            if let v = Double(bare), v.isFinite, v > 0 {
                self = .pixels(v)
            } else if let mm = SVGImporter.length(t), mm > 0, !t.hasSuffix("%") {
                self = .absolute(mm)
            } else {
                self = .unusable(t)
            }
        }
    }

    /// User units of the root → pattern millimetres, y up. A size in mm, cm, in, pt, pc or
    /// Q is exact. A size in pixels is read at `--dpi`, or at the exporter's own convention
    /// when the file says which (Inkscape 96 px per inch, Illustrator 72); a drawing whose
    /// pixels have no known length, or that has no usable size, is refused unless
    /// `--dpi` or `--units` says.
    static func scale(_ svg: XMLNode, data: Data, options: ImportOptions, file: String) throws -> Scale {
        let flip = Affine.scale(1, -1)
        func uniform(_ mm: Double, _ why: String) -> Scale {
            Scale(transform: flip * .scale(mm, mm), millimetresPerUnit: mm,
                  source: "1 user unit = \(DecimalText.trimmed(mm, decimals: 6)) mm, \(why)")
        }
        if let unit = options.units { return uniform(unit.millimetres, "from --units \(unit.rawValue)") }
        let box = numbers(svg.attribute("viewBox"))
        if box.count == 4, !(box[2] > 0 && box[3] > 0) {
            throw InputError(file: file, item: "svg viewBox", problem: "viewBox width and height must be positive")
        }
        let viewBox = box.count == 4 ? (w: box[2], h: box[3]) : nil
        // The length of a pixel, and why.
        let pixel: (mm: Double, why: String)?
        if let dpi = options.dpi {
            pixel = (25.4 / dpi, "at --dpi \(DecimalText.trimmed(dpi, decimals: 3))")
        } else if svg.attribute("inkscape:version") != nil || svg.attribute("sodipodi:docname") != nil {
            pixel = (25.4 / 96, "at Inkscape's 96 px per inch")
        } else if data.range(of: Data("Adobe Illustrator".utf8)) != nil {
            pixel = (25.4 / 72, "at Illustrator's 72 px per inch")
        } else {
            pixel = nil
        }
        let width = RootLength(svg.attribute("width")), height = RootLength(svg.attribute("height"))
        func refuse(_ what: String) -> InputError {
            InputError(file: file, item: "line \(svg.line) <svg>", problem: "\(what): a pixel has no fixed length "
                + "(Illustrator writes 72 per inch, Inkscape and browsers 96, Affinity the document's DPI); give --dpi or --units")
        }
        // Millimetres of the root's width and height, when known.
        func millimetres(_ l: RootLength, _ name: String) throws -> (mm: Double, why: String)? {
            switch l {
            case .absolute(let mm): return (mm, "\(name)=\"\(svg.attribute(name) ?? "")\"")
            case .pixels(let v):
                guard let pixel else { throw refuse("the drawing's \(name) is \"\(svg.attribute(name) ?? "")\", in pixels") }
                return (v * pixel.mm, "\(name)=\"\(svg.attribute(name) ?? "")\" \(pixel.why)")
            case .unusable: return nil
            }
        }
        guard let viewBox else {
            // No viewBox: a user unit is one CSS pixel.
            guard let pixel else {
                if case .absolute = width {
                    return uniform(25.4 / 96, "the SVG rule for a drawing with a width but no viewBox (1 user unit = 1 px = 1/96 in)")
                }
                throw refuse("the drawing has no viewBox and no absolute size, so its user units are pixels")
            }
            return uniform(pixel.mm, pixel.why)
        }
        let w = try millimetres(width, "width"), h = try millimetres(height, "height")
        guard let w = w ?? h.map({ (mm: $0.mm / viewBox.h * viewBox.w, why: $0.why) }),
              let h = h ?? Optional(w).map({ (mm: $0.mm / viewBox.w * viewBox.h, why: $0.why) }) else {
            if let pixel {
                return uniform(pixel.mm, "(viewBox units as pixels, the size \(svg.attribute("width").map { "\"\($0)\"" } ?? "absent")) \(pixel.why)")
            }
            let said = svg.attribute("width").map { "width=\"\($0)\"" } ?? "no width or height"
            throw InputError(file: file, item: "line \(svg.line) <svg>", problem:
                "the drawing has no usable size (\(said)): nothing says how long a user unit is; give --units (e.g. mm) or --dpi")
        }
        var sx = w.mm / viewBox.w, sy = h.mm / viewBox.h
        if !(svg.attribute("preserveAspectRatio") ?? "").hasPrefix("none") {
            sx = min(sx, sy)
            sy = sx
        }
        // The viewBox gives the scale only: coordinates keep the SVG user origin, so a
        // pattern written with its own frame reads back in that frame.
        return Scale(transform: flip * .scale(sx, sy), millimetresPerUnit: sx,
                     source: "1 user unit = \(DecimalText.trimmed(sx, decimals: 6)) mm, from \(w.why) over the viewBox's \(DecimalText.trimmed(viewBox.w, decimals: 3)) units")
    }

    struct Walker {
        let file: String
        let options: ImportOptions
        var sources: [PatternAssembler.Source] = []
        var loose = Drawing()
        var style: [Drawing.Label] = []
        var problems: [InputError] = []
        var pointBudget = 1_000_000
        /// Every element with an `id`, for `use` (the first of an id given twice, as browsers do).
        var elements: [String: XMLNode] = [:]
        /// The ids a `use` is drawing now, innermost last: a reference back into them is a cycle.
        var drawingReferences: [String] = []

        init(file: String, options: ImportOptions, root: XMLNode) {
            self.file = file
            self.options = options
            var stack = [root]
            while let node = stack.popLast() {
                if let id = node.attribute("id"), elements[id] == nil || node.line < elements[id]!.line { elements[id] = node }
                stack += node.children
            }
        }

        static func dataLabels(_ node: XMLNode) -> [(String, String)] {
            node.attributes.filter { $0.key.hasPrefix("data-") && $0.key != "data-layer" }.sorted { $0.key < $1.key }
                .map { (String($0.key.dropFirst(5)).replacingOccurrences(of: "-", with: " "), $0.value) }
        }

        mutating func walk(_ node: XMLNode, transform: Affine, layer: String, into d: inout Drawing, depth: Int) {
            guard !SVGImporter.skipped.contains(node.name), depth < 256 else { return }
            var m = transform
            if let t = node.attribute("transform") {
                guard let parsed = SVGImporter.transform(t) else {
                    problems.append(InputError(file: file, item: "line \(node.line) <\(node.name)>", problem: "transform \"\(t.prefix(60))\" does not parse"))
                    return
                }
                m = m * parsed
            }
            // A CSS transform would move or scale what follows, and is not read: refused, never
            // silently ignored (the attribute form is).
            if let css = node.attribute("style"), css.lowercased().split(separator: ";").contains(where: {
                $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) == "transform"
            }) {
                problems.append(InputError(file: file, item: "line \(node.line) <\(node.name)>", problem:
                    "a CSS transform in the style attribute (\"\(css.prefix(60))\") is not read: write it as the transform attribute"))
                return
            }
            var layer = layer
            if node.attribute("inkscape:groupmode") == "layer", let l = node.attribute("inkscape:label") { layer = l }
            // Illustrator writes a layer as <g id="Layer_1" data-name="Layer 1">.
            if node.name == "g", let id = node.attribute("id"), id.hasPrefix("Layer_") || id.hasPrefix("_x") && id.contains("Layer") {
                layer = node.attribute("data-name") ?? id
            }
            if let l = node.attribute("data-layer") { layer = l }
            if let cls = node.attribute("class")?.split(separator: " ").first { layer = String(cls) }
            if node.name == "use" {
                use(node, transform: m, layer: layer, into: &d, depth: depth)
                return
            }
            if node.name == "g" || node.name == "svg" || node.name == "a" {
                if node.name == "g", node.attribute("data-piece-name") != nil || node.attribute("class")?.split(separator: " ").contains("piece") == true {
                    var piece = Drawing()
                    for child in node.children { walk(child, transform: m, layer: "0", into: &piece, depth: depth + 1) }
                    let anchor = piece.contours.first?.points.first ?? .zero
                    for (k, v) in Self.dataLabels(node) {
                        piece.labels.append(.init(text: "\(k): \(v)", position: anchor, layer: layer, source: "line \(node.line) <g>"))
                    }
                    let name = node.attribute("data-piece-name") ?? node.attribute("id")
                    sources.append(.init(drawing: piece, name: name, item: "line \(node.line) <g\(name.map { " \"\($0)\"" } ?? "")>"))
                    return
                }
                if depth > 0 || node.name == "svg" {
                    for (k, v) in Self.dataLabels(node) {
                        style.append(.init(text: "\(k): \(v)", position: .zero, layer: layer, source: "line \(node.line) <\(node.name)>"))
                    }
                }
                if node.name == "svg", depth > 0 {
                    nested(node, transform: m, layer: layer, into: &d, depth: depth)
                    return
                }
                for child in node.children { walk(child, transform: m, layer: layer, into: &d, depth: depth + 1) }
                return
            }
            let f = CurveFlattener(tolerance: options.chordTolerance, transform: m)
            let id = node.attribute("id").map { " id=\"\($0)\"" } ?? ""
            let source = "line \(node.line) <\(node.name)\(id)>"
            func add(_ pts: [Point], closed: Bool, part: String = "") {
                guard pts.count >= 2 else { return }
                pointBudget -= pts.count
                guard pointBudget >= 0 else {
                    if pointBudget + pts.count >= 0 {
                        problems.append(InputError(file: file, item: source, problem: "the drawing has too many points after flattening"))
                    }
                    return
                }
                d.contours.append(.init(points: pts, closed: closed, layer: layer, source: source + part))
            }
            func num(_ key: String) -> Double {
                SVGImporter.length(node.attribute(key)).map { $0 / (25.4 / 96) } ?? 0
            }
            switch node.name {
            case "path":
                let (subpaths, failure) = SVGPathData.parse(node.attribute("d") ?? "", flattener: f)
                // A compound path (an outline and its cut-outs, or separate shapes) names each subpath.
                for (k, s) in subpaths.enumerated() { add(s.points, closed: s.closed, part: subpaths.count > 1 ? " subpath \(k + 1)" : "") }
                if let failure {
                    problems.append(InputError(file: file, item: source, problem: "path data at character \(failure.offset): \(failure.problem)"))
                }
            case "polygon", "polyline":
                let v = SVGImporter.numbers(node.attribute("points"))
                let pts = stride(from: 0, to: v.count - 1, by: 2).map { m.apply(Point(v[$0], v[$0 + 1])) }
                add(pts, closed: node.name == "polygon")
            case "line":
                add([m.apply(Point(num("x1"), num("y1"))), m.apply(Point(num("x2"), num("y2")))], closed: false)
            case "rect":
                let x = num("x"), y = num("y"), w = num("width"), h = num("height")
                guard w > 0, h > 0 else { return }
                var rx = node.attribute("rx") != nil ? num("rx") : num("ry")
                var ry = node.attribute("ry") != nil ? num("ry") : rx
                rx = min(max(0, rx), w / 2)
                ry = min(max(0, ry), h / 2)
                if rx == 0 || ry == 0 {
                    add([Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h)].map(m.apply), closed: true)
                } else {
                    var pts: [Point] = []
                    for (cx, cy, a) in [(x + w - rx, y + ry, -Double.pi / 2), (x + w - rx, y + h - ry, 0),
                                        (x + rx, y + h - ry, Double.pi / 2), (x + rx, y + ry, Double.pi)] {
                        pts += f.ellipse(center: Point(cx, cy), major: Point(rx, 0), minor: Point(0, ry), start: a, sweep: .pi / 2)
                    }
                    add(pts, closed: true)
                }
            case "circle", "ellipse":
                let c = Point(num("cx"), num("cy"))
                let rx = node.name == "circle" ? num("r") : num("rx"), ry = node.name == "circle" ? num("r") : num("ry")
                guard rx > 0, ry > 0 else { return }
                var pts = f.ellipse(center: c, major: Point(rx, 0), minor: Point(0, ry), start: 0, sweep: 2 * .pi)
                pts.removeLast()
                add(pts, closed: true)
            case "text":
                let text = ([node.text] + node.children.map(\.text)).joined().trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty {
                    d.labels.append(.init(text: text, position: m.apply(Point(num("x"), num("y"))), layer: layer, source: source))
                }
            default:
                break
            }
        }

        /// A `<use>`: the element its `href` (or `xlink:href`) names, drawn through the use's
        /// transform and then its `x`, `y`; a `symbol` (or `svg`) in a viewport as a nested
        /// `<svg>`, sized by the use's `width` and `height` where it gives them. What it cannot
        /// draw (no reference, another file, an id no element has, a cycle) is a problem.
        mutating func use(_ node: XMLNode, transform m: Affine, layer: String, into d: inout Drawing, depth: Int) {
            let item = "line \(node.line) <use>"
            let href = (node.attribute("href") ?? node.attribute("xlink:href"))?.trimmingCharacters(in: .whitespaces) ?? ""
            guard href.hasPrefix("#"), href.count > 1 else {
                problems.append(InputError(file: file, item: item, problem: href.isEmpty
                    ? "it has no href: it refers to nothing to draw"
                    : "it refers to \"\(href.prefix(80))\", outside this drawing, which is not read: copy that element into the file"))
                return
            }
            let id = String(href.dropFirst())
            guard let target = elements[id] else {
                problems.append(InputError(file: file, item: item, problem: "it refers to \"\(href.prefix(80))\", and no element of the drawing has that id"))
                return
            }
            guard !drawingReferences.contains(id) else {
                problems.append(InputError(file: file, item: item, problem: "it refers to \"\(href.prefix(80))\", which contains this <use>: a cycle"))
                return
            }
            func length(_ key: String) -> Double { SVGImporter.length(node.attribute(key)).map { $0 / (25.4 / 96) } ?? 0 }
            let placed = m * .translation(length("x"), length("y"))
            // What the use draws is named from the use: its line, and its id first (a piece
            // drawn twice by two uses takes each use's id as its name).
            let via = "line \(node.line) <use\(node.attribute("id").map { " id=\"\($0)\"" } ?? "")> → "
            var inner = Drawing()
            let firstSource = sources.count
            drawingReferences.append(id)
            draw(target, by: node, placed: placed, layer: layer, into: &inner, depth: depth)
            drawingReferences.removeLast()
            for k in inner.contours.indices { inner.contours[k].source = via + inner.contours[k].source }
            for k in inner.labels.indices { inner.labels[k].source = via + inner.labels[k].source }
            for k in sources.indices.dropFirst(firstSource) { sources[k].item = via + sources[k].item }
            d.append(inner)
        }

        /// The element a `use` refers to, placed by `placed` (the use's transform, x and y).
        private mutating func draw(_ target: XMLNode, by use: XMLNode, placed: Affine, layer: String, into d: inout Drawing, depth: Int) {
            guard target.name == "symbol" || target.name == "svg" else {
                walk(target, transform: placed, layer: layer, into: &d, depth: depth + 1)
                return
            }
            var viewport = target
            viewport.name = "svg"
            // A symbol's place is the use's x and y alone (SVG 1.1 §5.6); an svg keeps its own.
            if target.name == "symbol" {
                viewport.attributes["x"] = nil
                viewport.attributes["y"] = nil
            }
            var inViewport = placed
            if let t = target.attribute("transform") {
                guard let parsed = SVGImporter.transform(t) else {
                    problems.append(InputError(file: file, item: "line \(target.line) <\(target.name)>", problem: "transform \"\(t.prefix(60))\" does not parse"))
                    return
                }
                inViewport = placed * parsed
            }
            for key in ["width", "height"] { if let v = use.attribute(key) { viewport.attributes[key] = v } }
            if viewport.attribute("viewBox") == nil, viewport.attribute("width") == nil, viewport.attribute("height") == nil {
                // A symbol without a viewBox or a size: its units are the use's, with nothing to clip to.
                for child in target.children { walk(child, transform: inViewport, layer: layer, into: &d, depth: depth + 1) }
                return
            }
            nested(viewport, transform: inViewport, layer: layer, into: &d, depth: depth + 1)
        }

        /// A nested `<svg>`: its children in its own viewport (`SVGViewport`). What it cannot map
        /// exactly, or content a browser would clip at the viewport's edge (this reader does not
        /// clip), is refused with the reason rather than read differently from how it is drawn.
        mutating func nested(_ node: XMLNode, transform m: Affine, layer: String, into d: inout Drawing, depth: Int) {
            let item = "line \(node.line) <svg>"
            let viewport: SVGViewport
            do {
                viewport = try SVGViewport(node)
            } catch {
                problems.append(InputError(file: file, item: item, problem: "nested <svg> viewport: \(error.reason)"))
                return
            }
            var inner = Drawing()
            let firstSource = sources.count
            for child in node.children { walk(child, transform: m * viewport.transform, layer: layer, into: &inner, depth: depth + 1) }
            if !viewport.overflowVisible {
                let frame = Polygon(exterior: Ring(points: viewport.corners.map(m.apply)))
                let drawn = inner.contours + sources[firstSource...].flatMap(\.drawing.contours)
                for c in drawn {
                    guard let p = c.points.first(where: { frame.signedDistance(to: $0) < -options.chordTolerance }) else { continue }
                    problems.append(InputError(file: file, item: c.source, problem:
                        "reaches (\(formatPoint(p))) mm, outside the viewport of the nested <svg> at \(item), where a browser clips it; "
                            + "this reader does not clip: keep the drawing inside the viewport or set overflow=\"visible\""))
                    break
                }
            }
            d.append(inner)
        }
    }

    /// The pattern file an SVG drawing describes, and every problem found on the way.
    static func patternFile(data: Data, file: String, options: ImportOptions, kernel: GeometryKernel) throws -> (PatternFile, [InputError]) {
        let root = try XMLScanner.parse(data, file: file)
        guard root.name == "svg" || root.name.hasSuffix(":svg") else {
            throw InputError(file: file, item: "line \(root.line)", problem: "the root element is <\(root.name)>, not <svg>")
        }
        var walker = Walker(file: file, options: options, root: root)
        var loose = Drawing()
        let scale = try scale(root, data: data, options: options, file: file)
        walker.walk(root, transform: scale.transform, layer: "0", into: &loose, depth: 0)
        var sources = walker.sources
        var style = walker.style
        if loose.contours.isEmpty { style += loose.labels } else { sources.append(.init(drawing: loose, name: nil, item: "<svg>")) }
        var assembler = PatternAssembler(file: file, options: options, kernel: kernel)
        var pattern = assembler.pattern(sources: sources, styleLabels: style, model: DXFImporter.baseName(file))
        pattern.notes.insert("\(file): read at \(scale.source)", at: 0)
        pattern.sourceUnits = scale.source
        pattern.sourceMillimetresPerUnit = scale.millimetresPerUnit
        return (pattern, walker.problems + assembler.problems)
    }

    /// Reads a pattern from an SVG file into a validated `Pattern`.
    public static func readPattern(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                   kernel: GeometryKernel) throws -> Pattern {
        let (raw, problems) = try patternFile(data: try DXFImporter.load(path: path, displayName: displayName), file: displayName,
                                              options: options, kernel: kernel)
        return try ImportedPattern.validated(raw, problems: problems, file: displayName, kernel: kernel)
    }
}
