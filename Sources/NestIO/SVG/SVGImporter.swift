import Foundation
import NestGeometry
import NestModel

/// Reads patterns from SVG: `path` (every command), `polygon`, `polyline`, `rect` (with
/// rounded corners), `circle`, `ellipse`, `line` and `text`, inside nested `g` with
/// `transform` (matrix, translate, scale, rotate, skewX, skewY); the root's `viewBox`
/// and `width`/`height` in mm, cm, in, pt, pc, Q or px (96 per inch) give the scale
/// (only the scale: coordinates keep the user origin, so a pattern keeps its own frame).
/// Without a `viewBox`, one user unit is one px. The y axis is flipped (SVG y runs down,
/// patterns' y up). `defs`, `symbol`, `clipPath`, `mask`, `marker`, `pattern` and `use`
/// are not drawn.
///
/// Pieces: a `g` with `data-piece-name` (or class `piece`) is one piece; its `data-*`
/// attributes are its system text (`data-size`, `data-quantity`, `data-material`, ...).
/// Elements outside pieces are split by containment like a loose DXF drawing; a loose
/// outline's `id` names it. An element's layer is its first class (`boundary`, `cutout`,
/// `grain`, ...) or its Inkscape layer's label; `data-*` on the root or on other groups
/// are style text. `text` elements with "Key: value" count too.
public enum SVGImporter {
    static let skipped: Set<String> = ["defs", "symbol", "clipPath", "mask", "marker", "pattern", "use", "style", "script",
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

    /// User units of the root → pattern millimetres, y up.
    static func rootTransform(_ svg: XMLNode, options: ImportOptions, file: String) throws -> Affine {
        let flip = Affine.scale(1, -1)
        let box = numbers(svg.attribute("viewBox"))
        if let unit = options.units {
            return flip * .scale(unit.millimetres, unit.millimetres)
        }
        let px = 25.4 / 96
        guard box.count == 4 else { return flip * .scale(px, px) }
        guard box[2] > 0, box[3] > 0 else { throw InputError(file: file, item: "svg viewBox", problem: "viewBox width and height must be positive") }
        let w = length(svg.attribute("width")) ?? box[2] * px
        let h = length(svg.attribute("height")) ?? box[3] * px
        var sx = w / box[2], sy = h / box[3]
        if !(svg.attribute("preserveAspectRatio") ?? "").hasPrefix("none") {
            sx = min(sx, sy)
            sy = sx
        }
        // The viewBox gives the scale only: coordinates keep the SVG user origin, so a
        // pattern written with its own frame reads back in that frame.
        return flip * .scale(sx, sy)
    }

    struct Walker {
        let file: String
        let options: ImportOptions
        var sources: [PatternAssembler.Source] = []
        var loose = Drawing()
        var style: [Drawing.Label] = []
        var problems: [InputError] = []
        var pointBudget = 1_000_000

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
            var layer = layer
            if node.attribute("inkscape:groupmode") == "layer", let l = node.attribute("inkscape:label") { layer = l }
            if let l = node.attribute("data-layer") { layer = l }
            if let cls = node.attribute("class")?.split(separator: " ").first { layer = String(cls) }
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
                for child in node.children { walk(child, transform: m, layer: layer, into: &d, depth: depth + 1) }
                return
            }
            let f = CurveFlattener(tolerance: options.chordTolerance, transform: m)
            let id = node.attribute("id").map { " id=\"\($0)\"" } ?? ""
            let source = "line \(node.line) <\(node.name)\(id)>"
            func add(_ pts: [Point], closed: Bool) {
                guard pts.count >= 2 else { return }
                pointBudget -= pts.count
                guard pointBudget >= 0 else {
                    if pointBudget + pts.count >= 0 {
                        problems.append(InputError(file: file, item: source, problem: "the drawing has too many points after flattening"))
                    }
                    return
                }
                d.contours.append(.init(points: pts, closed: closed, layer: layer, source: source))
            }
            func num(_ key: String) -> Double {
                SVGImporter.length(node.attribute(key)).map { $0 / (25.4 / 96) } ?? 0
            }
            switch node.name {
            case "path":
                let (subpaths, failure) = SVGPathData.parse(node.attribute("d") ?? "", flattener: f)
                for s in subpaths { add(s.points, closed: s.closed) }
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
    }

    /// The pattern file an SVG drawing describes, and every problem found on the way.
    static func patternFile(data: Data, file: String, options: ImportOptions, kernel: GeometryKernel) throws -> (PatternFile, [InputError]) {
        let root = try XMLScanner.parse(data, file: file)
        guard root.name == "svg" || root.name.hasSuffix(":svg") else {
            throw InputError(file: file, item: "line \(root.line)", problem: "the root element is <\(root.name)>, not <svg>")
        }
        var walker = Walker(file: file, options: options)
        var loose = Drawing()
        walker.walk(root, transform: try rootTransform(root, options: options, file: file), layer: "0", into: &loose, depth: 0)
        var sources = walker.sources
        var style = walker.style
        if loose.contours.isEmpty { style += loose.labels } else { sources.append(.init(drawing: loose, name: nil, item: "<svg>")) }
        var assembler = PatternAssembler(file: file, options: options, kernel: kernel)
        let pattern = assembler.pattern(sources: sources, styleLabels: style, model: DXFImporter.baseName(file))
        return (pattern, walker.problems + assembler.problems)
    }

    /// Reads a pattern from an SVG file into a validated `Pattern`.
    public static func readPattern(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                   kernel: GeometryKernel) throws -> Pattern {
        let (raw, problems) = try patternFile(data: try DXFImporter.load(path: path, displayName: displayName), file: displayName,
                                              options: options, kernel: kernel)
        if let first = problems.first { throw first }
        return try PatternReader.convert(raw, file: displayName, kernel: kernel)
    }
}
