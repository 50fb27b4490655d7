import Foundation
import NestGeometry
import NestModel

/// Draws one sheet — stock, zones, holes, defects and every part with its number, label
/// and grain arrow — on any canvas. The same drawing feeds the PDF pages (Cairo), the
/// true-scale tiles and the SVG writer. Part N is the sheet's N-th placement.
///
/// Labels are never smaller than `minimumTextPoints` on the canvas: a panel name too
/// long for its part at that size is shortened with an ellipsis (the number stays whole).
struct SheetPainter {
    let scene: SheetScene
    var sheet: Sheet { scene.sheet }
    /// Only parts whose bounds meet this rectangle are drawn (a true-scale tile); nil: all.
    var visible: Rect? = nil

    /// The smallest label, in points on the canvas.
    static let minimumTextPoints = 4.0

    /// Cuts the stock's rings to a tile (see `shown`); nil off a tile, or without GEOS (then
    /// a tile gets the rings whole).
    private let kernel: GeometryKernel?

    init(scene: SheetScene, visible: Rect? = nil) {
        self.scene = scene
        self.visible = visible
        kernel = visible == nil ? nil : try? GeometryKernel()
    }

    /// The rings of `polygon` to draw: off a tile, the polygon's own; on a tile (`visible`),
    /// none when it misses the tile, its own when it lies within, and otherwise the polygon
    /// cut to the tile grown by 5 mm, whose cut edges lie outside the tile's clip and never
    /// show. A scanned hide's outline of 12 000 points drawn whole on each of a hundred
    /// tiles made a true-scale PDF of 29 MB.
    func shown(_ polygon: Polygon) -> [[Ring]] {
        let whole = [[polygon.exterior] + polygon.holes]
        guard let visible else { return whole }
        let area = visible.insetBy(-5)
        let b = polygon.bounds
        guard b.intersects(area) else { return [] }
        guard !area.contains(b), let kernel else { return whole }
        let tile = Polygon([Point(area.minX, area.minY), Point(area.maxX, area.minY), Point(area.maxX, area.maxY), Point(area.minX, area.maxY)])
        guard let cut = try? kernel.intersection([polygon], [tile]) else { return whole }
        return cut.map { [$0.exterior] + $0.holes }
    }

    /// `shown` for one ring, which off a tile is drawn as it is (in its own direction).
    func shown(ring: Ring) -> [[Ring]] {
        visible == nil ? [[ring]] : shown(Polygon(exterior: ring))
    }

    func paint(on canvas: inout some SheetCanvas) {
        let stock = shown(ring: sheet.shape.exterior)
        for rings in stock { canvas.fill(rings, color: sheet.kind == .hide ? .hideFill : .rollFill, opacity: 1) }
        // Zones, worst last so the worst grade shows where they overlap; each cut to the
        // stock (the scene's markings), so nothing here is clipped to the outline.
        for zone in scene.markings.zones {
            for rings in zone.shapes.flatMap(shown) {
                canvas.fill(rings, color: .zone(zone.grade.rawValue), opacity: 0.45)
                canvas.stroke(rings, color: .zone(zone.grade.rawValue), widthPoints: 0.4, dashed: true)
            }
        }
        for hole in sheet.shape.holes {
            for rings in shown(ring: hole) {
                canvas.fill(rings, color: Color(1, 1, 1), opacity: 1)
                canvas.hatch(rings, color: .hole, gapPoints: 2)
                canvas.stroke(rings, color: .hole, widthPoints: 0.6, dashed: false)
            }
        }
        for (defect, marked) in zip(sheet.defects, scene.markings.defects) {
            // The defect as marked on the stock, hatched (sparser when some parts may lie on
            // it), and the clearance around it dashed.
            for rings in marked.flatMap(shown) {
                canvas.hatch(rings, color: .defect, gapPoints: defect.severity == .critical ? 1.5 : 3)
                canvas.stroke(rings, color: .defect, widthPoints: 0.6, dashed: false)
            }
            if defect.clearance > 0 {
                for rings in shown(ring: defect.shape.exterior) {
                    canvas.stroke(rings, color: .defect, widthPoints: 0.4, dashed: true)
                }
            }
        }
        if visible == nil {
            canvas.stroke([sheet.shape.exterior] + sheet.shape.holes, color: .ink, widthPoints: 0.9, dashed: false)
        } else {
            for rings in stock + sheet.shape.holes.flatMap({ shown(ring: $0) }) {
                canvas.stroke(rings, color: .ink, widthPoints: 0.9, dashed: false)
            }
        }

        for (i, p) in sheet.placements.enumerated() {
            let shape = p.placedShape
            if let visible, !visible.intersects(shape.bounds) { continue }
            canvas.beginPart(id: "part-\(i + 1)", title: "\(i + 1): \(p.part.label), grade \(p.part.minGrade.rawValue)", attributes: [
                ("data-number", "\(i + 1)"), ("data-panel", p.part.panel), ("data-size", p.part.size),
                ("data-side", p.part.side.rawValue), ("data-grade", p.part.minGrade.rawValue),
                ("data-order-line", "\(p.part.orderLine + 1)"),
                ("data-rotation", String(format: "%.3f", p.transform.rotationDegrees)),
                ("data-mirrored", p.transform.mirrored ? "true" : "false"),
            ])
            canvas.fill([shape.exterior] + shape.holes, color: .part(p.part.panel), opacity: 1)
            canvas.stroke([shape.exterior] + shape.holes, color: .ink, widthPoints: 0.5, dashed: false)
            // The label as large as fits, unless it leaves no room for the grain arrow. Both
            // ask thousands of times whether a point lies in the part: its edges in bands.
            let inside = ContainmentBands(shape)
            var label = PartLabel(placement: p, pole: scene.partLabels[i], shape: shape, inside: inside, number: i + 1,
                                  showGrade: sheet.kind == .hide, pointsPerMillimetre: canvas.pointsPerMillimetre)
            var arrow = grainArrow(p, shape, inside, avoiding: label, pointsPerMillimetre: canvas.pointsPerMillimetre)
            for shrink in [0.8, 0.65] where !arrow.clear {
                let smaller = label.shrunk(by: shrink, pointsPerMillimetre: canvas.pointsPerMillimetre)
                let other = grainArrow(p, shape, inside, avoiding: smaller, pointsPerMillimetre: canvas.pointsPerMillimetre)
                if other.clear { (label, arrow) = (smaller, other) }
            }
            canvas.fill(arrow.rings, color: Self.grainColor, opacity: 1)
            canvas.text(label.lines, at: label.anchor, height: label.height, angleDegrees: label.angle, color: .ink)
            canvas.endPart()
        }
        paintZoneLabels(on: &canvas)
    }

    /// Names each zone where its leather is left uncovered: at the point of the largest
    /// free piece farthest from its edges, when the name fits there at a readable size
    /// (the legend names the colours anyway).
    private func paintZoneLabels(on canvas: inout some SheetCanvas) {
        guard !sheet.zones.isEmpty else { return }
        let minimum = 7 / canvas.pointsPerMillimetre
        for (grade, pole) in scene.zoneSpots {
            // "zone B" is about 3.7 heights wide: keep it inside the free circle.
            let h = min(pole.radius / 2, 30)
            guard h >= minimum else { continue }
            canvas.text(["zone \(grade.rawValue)"], at: pole.center, height: h, angleDegrees: 0, color: .ink)
        }
    }

    /// The part's grain direction on the sheet as an arrow (double-headed when the grain
    /// may be reversed): the longest that fits inside the part clear of its label, among
    /// centres spread over the part; through the label only when nothing else fits.
    /// `clear`: the arrow misses the label.
    /// `inside` answers for `shape`.
    private func grainArrow(_ p: Placement, _ shape: Polygon, _ inside: ContainmentBands, avoiding label: PartLabel,
                            pointsPerMillimetre: Double)
        -> (rings: [Ring], clear: Bool)
    {
        let d = p.part.grain.directionDegrees * .pi / 180
        var g = p.transform.applyLinear(Point(cos(d), sin(d)))
        if p.part.grain.reversible, g.y < 0 || (g.y == 0 && g.x < 0) { g = g * -1 }
        let mm = 1 / pointsPerMillimetre
        let head = max(2.6 * mm, 2.5)
        let halfWidth = 0.45 * head
        let n = Point(-g.y, g.x) * halfWidth
        var best: (a: Point, b: Point, length: Double)? = nil
        for s in stride(from: -0.45, through: 0.45, by: 0.075) {
            for t in [0.0, -0.3, 0.3, -0.15, 0.15] {
                let c = label.anchor + label.u * (s * label.extent) + label.v * (t * label.thickness)
                guard inside.contains(c) else { continue }
                let chord = min(0.7 * shape.chordLength(through: c, direction: g), 60)
                for length in [chord, 0.7 * chord, 0.5 * chord, 2.4 * head] where length >= 2.4 * head && length <= chord && length > (best?.length ?? 0) {
                    let a = c - g * (length / 2), b = c + g * (length / 2)
                    let samples = (0...8).map { a + (b - a) * (Double($0) / 8) }
                    let fits = samples.allSatisfy { s in
                        inside.contains(s + n) && inside.contains(s - n) && !label.covers(s, margin: halfWidth + 0.15 * label.height)
                    }
                    if fits {
                        best = (a, b, length)
                        break
                    }
                }
            }
        }
        let (a, b) = best.map { ($0.a, $0.b) } ?? {
            let length = max(min(0.5 * shape.chordLength(through: label.anchor, direction: g), 60), 2 * head)
            return (label.anchor - g * (length / 2), label.anchor + g * (length / 2))
        }()
        return (NestRender.grainArrow(from: a, to: b, head: head, doubleHeaded: p.part.grain.reversible, shaft: 0.55 * mm),
                best != nil)
    }

    static let grainColor = Color(hex: 0x4A4A4A)
}

/// Where a part's two label lines go ("vamp", "12 · 9 L", with " · A" for the worst grade the
/// part may be cut from when the sheet is a hide): along the part's longer axis
/// through its widest point, as large as fits inside the part (capped at 40 mm), never
/// under `SheetPainter.minimumTextPoints`; a name too long at that size is shortened.
struct PartLabel {
    var lines: [String]
    var anchor: Point
    /// Text height in sheet mm.
    var height: Double
    var angle: Double
    /// Unit vectors along and across the text.
    var u: Point
    var v: Point
    /// The part's chords through its widest point along and across the text (sheet mm).
    var extent: Double
    var thickness: Double

    /// The text block's half extents in sheet mm (the estimate the fitting uses).
    var halfWidth: Double { 0.62 * Double(lines.map(\.count).max() ?? 1) * height / 2 }
    var halfHeight: Double { 1.15 * height * Double(lines.count) / 2 }

    /// The same label `factor` times as tall (never under the smallest readable size).
    func shrunk(by factor: Double, pointsPerMillimetre: Double) -> PartLabel {
        var l = self
        l.height = max(height * factor, SheetPainter.minimumTextPoints / pointsPerMillimetre)
        return l
    }

    func covers(_ p: Point, margin: Double) -> Bool {
        let d = p - anchor
        return abs(Point.dot(d, u)) < halfWidth + margin && abs(Point.dot(d, v)) < halfHeight + margin
    }

    /// `inside` answers for `shape` (the part as placed on the sheet).
    init(placement p: Placement, pole: Circle, shape: Polygon, inside: ContainmentBands, number: Int, showGrade: Bool,
         pointsPerMillimetre: Double) {
        let name = p.part.panel.replacingOccurrences(of: "_", with: " ")
        let side = p.part.side == .none ? "" : " \(p.part.side.rawValue)"
        let line2 = "\(number) · \(p.part.size)\(side)" + (showGrade ? " · \(p.part.minGrade.rawValue)" : "")
        let along = p.transform.applyLinear(Point(1, 0))
        let across = Point(-along.y, along.x)
        let a = shape.chordLength(through: pole.center, direction: along)
        let b = shape.chordLength(through: pole.center, direction: across)
        var direction = a >= b ? along : across
        var length = max(a, b), thickness = min(a, b)
        if thickness <= 0 {
            direction = Point(1, 0)
            length = 2 * pole.radius
            thickness = 2 * pole.radius
        }
        var angle = atan2(direction.y, direction.x) * 180 / .pi
        if angle > 90 { angle -= 180 }
        if angle <= -90 { angle += 180 }
        let u = Point(cos(angle * .pi / 180), sin(angle * .pi / 180)), v = Point(-u.y, u.x)
        self.u = u
        self.v = v
        self.angle = angle
        self.extent = length
        self.thickness = thickness

        // Chords through the pole overstate the room away from it; keep inside the
        // inscribed circle's height and 80 % of the chord's length. Try the pole and
        // points along the text's axis; keep the anchor where the text block (corners and
        // edge midpoints) fits inside the part at the largest size.
        func fit(_ chars: Int) -> (Point, Double) {
            let chars = Double(chars)
            let byWidth = 0.8 * length / (0.62 * chars)
            let byHeight = min(thickness, 2 * pole.radius) * 0.8 / 2.3
            let start = max(min(byWidth, byHeight, 40), 0.5)
            func fitted(at c: Point) -> Double {
                var h = start
                for _ in 0..<14 {
                    let hw = 0.62 * chars * h / 2, hh = 2.3 * h / 2
                    let probes = [(-1.0, -1.0), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (0, 0)].map {
                        c + u * ($0.0 * hw) + v * ($0.1 * hh)
                    }
                    if probes.allSatisfy({ inside.contains($0) }) { return h }
                    h *= 0.85
                }
                return 0
            }
            var anchor = pole.center, height = 0.0
            for k in [0.0, -0.25, 0.25, -0.12, 0.12] {
                for w in [0.0, -0.15, 0.15] {
                    let c = pole.center + u * (k * length) + v * (w * thickness)
                    let h = fitted(at: c)
                    if h > height * 1.05 {
                        height = h
                        anchor = c
                    }
                }
            }
            return (anchor, height)
        }
        let minimum = SheetPainter.minimumTextPoints / pointsPerMillimetre
        var first = name
        var (anchor, height) = fit(max(first.count, line2.count))
        // Too small to read: shorten the name (never the number) until the label fits at
        // the smallest readable size; if even the number alone does not, print it anyway.
        var keep = first.count - 1
        while height < minimum, keep >= 1 {
            first = ellipsized(name, maxWidth: Double(keep)) { Double($0.count) }
            (anchor, height) = fit(max(first.count, line2.count))
            keep -= 1
        }
        if height < minimum {
            first = ""
            (anchor, height) = fit(line2.count)
            height = max(height, minimum)
        }
        self.lines = first.isEmpty ? [line2] : [first, line2]
        self.anchor = anchor
        self.height = height
    }
}
