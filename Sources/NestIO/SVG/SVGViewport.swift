import NestGeometry

/// The viewport a nested `<svg>` element establishes, as SVG 1.1 §7.7–7.8 defines it: its
/// `x`, `y`, `width` and `height` (in the parent's user units) and its `viewBox` mapped into
/// them by `preserveAspectRatio` (default `xMidYMid meet`).
///
/// Guarantees: `transform` maps the element's user units to the parent's; `corners` is the
/// viewport rectangle in the parent's user units, counter-clockwise in SVG's y-down sense.
/// `init` refuses, with the reason, what it cannot map exactly: a width or height in
/// percent or absent (a share of the parent viewport), a non-positive size or viewBox, an
/// unknown `preserveAspectRatio`.
struct SVGViewport {
    var transform: Affine
    var corners: [Point]
    /// Whether content beyond the viewport is drawn (`overflow="visible"` or `"auto"`);
    /// otherwise a browser clips it.
    var overflowVisible: Bool

    struct Refusal: Error { let reason: String }

    init(_ node: XMLNode) throws(Refusal) {
        // Lengths in the parent's user units (absolute lengths in CSS px, as elsewhere).
        func length(_ key: String) -> Double? { SVGImporter.length(node.attribute(key)).map { $0 / (25.4 / 96) } }
        for key in ["width", "height"] {
            let text = node.attribute(key)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !text.isEmpty, !text.hasSuffix("%") else {
                throw Refusal(reason: "its \(key) is \(text.isEmpty ? "absent (100 % of the parent viewport)" : "\"\(text)\"")"
                    + ", a share of the parent viewport, which this reader does not resolve; give it in user units or an absolute length")
            }
        }
        guard let w = length("width"), let h = length("height"), w > 0, h > 0 else {
            throw Refusal(reason: "its width and height must be positive lengths, found \"\(node.attribute("width") ?? "")\" "
                + "and \"\(node.attribute("height") ?? "")\"")
        }
        let x = length("x") ?? 0, y = length("y") ?? 0
        corners = [Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h)]
        let overflow = (node.attribute("overflow") ?? "").trimmingCharacters(in: .whitespaces)
        overflowVisible = overflow == "visible" || overflow == "auto"
        let box = SVGImporter.numbers(node.attribute("viewBox"))
        guard node.attribute("viewBox") != nil else {
            transform = .translation(x, y)
            return
        }
        guard box.count == 4, box[2] > 0, box[3] > 0 else {
            throw Refusal(reason: "its viewBox \"\(node.attribute("viewBox") ?? "")\" is not four numbers with a positive width and height")
        }
        let words = (node.attribute("preserveAspectRatio") ?? "xMidYMid meet").split(separator: " ").map(String.init)
        var sx = w / box[2], sy = h / box[3]
        var tx = x - box[0] * sx, ty = y - box[1] * sy
        let align = words.first ?? "xMidYMid"
        if align != "none" {
            let aligns = ["xMinYMin", "xMidYMin", "xMaxYMin", "xMinYMid", "xMidYMid", "xMaxYMid", "xMinYMax", "xMidYMax", "xMaxYMax"]
            let mode = words.count > 1 ? words[1] : "meet"
            guard aligns.contains(align), words.count <= 2, mode == "meet" || mode == "slice" else {
                throw Refusal(reason: "its preserveAspectRatio \"\(node.attribute("preserveAspectRatio") ?? "")\" is not one SVG defines")
            }
            let s = mode == "meet" ? min(sx, sy) : max(sx, sy)
            sx = s
            sy = s
            tx = x - box[0] * s
            ty = y - box[1] * s
            let spareX = w - box[2] * s, spareY = h - box[3] * s
            if align.hasPrefix("xMid") { tx += spareX / 2 } else if align.hasPrefix("xMax") { tx += spareX }
            if align.hasSuffix("YMid") { ty += spareY / 2 } else if align.hasSuffix("YMax") { ty += spareY }
        }
        transform = .translation(tx, ty) * .scale(sx, sy)
    }
}
