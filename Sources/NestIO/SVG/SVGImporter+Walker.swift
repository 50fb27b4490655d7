import Foundation
import NestGeometry
import NestModel

extension SVGImporter {
    /// Walks an SVG element tree into drawings: the pieces (`g` with `data-piece-name` or
    /// class `piece`), the loose drawing, the style text and every problem met. Each
    /// element is drawn through the transforms above it; `use` draws what it refers to,
    /// nested `<svg>` and symbols through their viewports. Never throws: what it cannot
    /// read is a problem naming the element's line.
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
        /// How many more `use`s may be drawn: uses of uses multiply (ten levels of two uses
        /// each draw a thousand copies), so a hostile file could make the walk endless.
        var usesLeft = Self.maxUses
        static let maxUses = 10_000
        /// The drawing's `<style>` rules, for what they hide.
        let sheet: SVGStyleSheet
        /// Notes on what was not read because the drawing hides it.
        var notes: [String] = []
        /// The element whose `visibility: hidden` is in force where the walk is (nil: visible),
        /// and how many contours each such element kept from being read, in order.
        private var hiddenBy: String?
        private var hiddenContours: [(element: String, count: Int)] = []
        /// The name of the nearest named group around where the walk is.
        private var groupName: String?
        /// The first shown `<image>` (a scan or photo: not traced) and how many there are.
        var images: (first: String, count: Int)?

        init(file: String, options: ImportOptions, root: XMLNode) {
            self.file = file
            self.options = options
            sheet = SVGStyleSheet(root: root)
            // In document order (children pushed last first), so the first of an id wins.
            var stack = [root]
            while let node = stack.popLast() {
                if let id = node.attribute("id"), elements[id] == nil { elements[id] = node }
                stack += node.children.reversed()
            }
        }

        /// `m` followed by the element's own `transform` attribute; nil, with the problem
        /// recorded, when that does not parse.
        private mutating func withOwnTransform(_ node: XMLNode, under m: Affine) -> Affine? {
            guard let t = node.attribute("transform") else { return m }
            guard let parsed = SVGImporter.transform(t) else {
                problems.append(InputError(file: file, item: "line \(node.line) <\(node.name)>", problem: "transform \"\(t.prefix(60))\" does not parse"))
                return nil
            }
            return m * parsed
        }

        static func dataLabels(_ node: XMLNode) -> [(String, String)] {
            node.attributes.filter { $0.key.hasPrefix("data-") && $0.key != "data-layer" }.sorted { $0.key < $1.key }
                .map { (String($0.key.dropFirst(5)).replacingOccurrences(of: "-", with: " "), $0.value) }
        }

        mutating func walk(_ node: XMLNode, transform: Affine, layer: String, into d: inout Drawing, depth: Int) {
            // Out of points: the problem is recorded, and nothing more is drawn.
            guard !SVGImporter.skipped.contains(node.name), depth < 256, pointBudget >= 0 else { return }
            guard let m = withOwnTransform(node, under: transform) else { return }
            // A CSS transform would move or scale what follows, and is not read: refused, never
            // silently ignored (the attribute form is).
            if let css = node.attribute("style"), css.lowercased().split(separator: ";").contains(where: {
                $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) == "transform"
            }) {
                problems.append(InputError(file: file, item: "line \(node.line) <\(node.name)>", problem:
                    "a CSS transform in the style attribute (\"\(css.prefix(60))\") is not read: write it as the transform attribute"))
                return
            }
            // What a browser would not draw is not read, with a note: a hidden layer (a scan
            // traced over, construction lines, an old version) is not part of the pattern.
            if sheet.property("display", of: node)?.lowercased() == "none" {
                noteHidden(node, why: "display: none")
                return
            }
            let outerHiddenBy = hiddenBy, outerGroupName = groupName
            defer { hiddenBy = outerHiddenBy; groupName = outerGroupName }
            switch sheet.property("visibility", of: node)?.lowercased() {
            case "hidden", "collapse": hiddenBy = Self.describe(node)
            case "visible": hiddenBy = nil
            default: break
            }
            if ["g", "a", "switch"].contains(node.name), let name = SVGElementName.of(node) { groupName = name }
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
            if node.name == "switch" {
                // The first child whose conditions hold is drawn: none that asks for an
                // extension (Illustrator's `foreignObject` of its own data asks for its own).
                let drawn = node.children.first { child in
                    child.name != "foreignObject" && (child.attribute("requiredExtensions") ?? "").trimmingCharacters(in: .whitespaces).isEmpty
                }
                if let drawn { walk(drawn, transform: m, layer: layer, into: &d, depth: depth + 1) }
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
            let elementName = SVGElementName.of(node)
            func add(_ pts: [Point], closed: Bool, part: String = "") {
                guard pts.count >= 2 else { return }
                if let hiddenBy {
                    if let k = hiddenContours.lastIndex(where: { $0.element == hiddenBy }) {
                        hiddenContours[k].count += 1
                    } else {
                        hiddenContours.append((hiddenBy, 1))
                    }
                    return
                }
                pointBudget -= pts.count
                guard pointBudget >= 0 else {
                    if pointBudget + pts.count >= 0 {
                        problems.append(InputError(file: file, item: source, problem: "the drawing has too many points after flattening"))
                    }
                    return
                }
                d.contours.append(.init(points: pts, closed: closed, layer: layer, source: source + part,
                                        name: elementName, group: groupName))
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
            case "image" where hiddenBy == nil:
                images = (images?.first ?? source, (images?.count ?? 0) + 1)
            case "text":
                let text = ([node.text] + node.children.map(\.text)).joined().trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty, hiddenBy == nil {
                    d.labels.append(.init(text: text, position: m.apply(Point(num("x"), num("y"))), layer: layer, source: source))
                }
            default:
                break
            }
        }

        /// `line 9 <g id="layer2"> "Scan"`: an element as notes name it.
        static func describe(_ node: XMLNode) -> String {
            let id = node.attribute("id").map { " id=\"\($0)\"" } ?? ""
            let label = (node.attribute("inkscape:label") ?? node.attribute("data-name")).map { " \"\($0)\"" } ?? ""
            return "line \(node.line) <\(node.name)\(id)>\(label)"
        }

        static let drawable: Set<String> = ["path", "polygon", "polyline", "line", "rect", "circle", "ellipse", "use"]

        /// The note for an element not read because it is hidden, with how many drawn
        /// elements it holds (none: no note).
        mutating func noteHidden(_ node: XMLNode, why: String) {
            var count = 0
            var stack = [node]
            while let n = stack.popLast() {
                if Self.drawable.contains(n.name) { count += 1 }
                if !SVGImporter.skipped.contains(n.name) { stack += n.children }
            }
            guard count > 0 else { return }
            notes.append("\(file): \(Self.describe(node)) is hidden (\(why)), so not read: "
                         + "\(count) element\(count == 1 ? "" : "s") drawn in it")
        }

        /// The notes of the walk: what hidden content was not read.
        var allNotes: [String] {
            notes + hiddenContours.map { "\(file): \($0.element) is hidden (visibility: hidden), so not read: "
                + "\($0.count) contour\($0.count == 1 ? "" : "s")" }
        }

        /// A `<use>`: the element its `href` (or `xlink:href`) names, drawn through the use's
        /// transform and then its `x`, `y`; a `symbol` (or `svg`) in a viewport as a nested
        /// `<svg>`, sized by the use's `width` and `height` where it gives them. What it cannot
        /// draw (no reference, another file, an id no element has, a cycle) is a problem.
        mutating func use(_ node: XMLNode, transform m: Affine, layer: String, into d: inout Drawing, depth: Int) {
            let item = "line \(node.line) <use>"
            usesLeft -= 1
            guard usesLeft >= 0 else {
                if usesLeft == -1 {
                    problems.append(InputError(file: file, item: item, problem:
                        "more than \(Self.maxUses) elements drawn through <use> (uses of uses multiply): not read"))
                }
                return
            }
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
            guard let inViewport = withOwnTransform(target, under: placed) else { return }
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
}
