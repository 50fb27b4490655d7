import Foundation
import NestGeometry
import NestModel

/// Draws one sheet — stock, zones, holes, defects and every part with its label — on
/// any canvas. The same drawing feeds the PDF (Cairo) and the SVG writer.
struct SheetPainter {
    let sheet: Sheet

    func paint(on canvas: inout some SheetCanvas) {
        let stock = [sheet.shape.exterior]
        canvas.fill(stock, color: sheet.kind == .hide ? .hideFill : .rollFill, opacity: 1)
        // Zones, worst last so the worst grade shows where they overlap.
        for zone in sheet.zones.sorted(by: { $0.grade < $1.grade }) {
            canvas.fill([zone.shape.exterior], color: .zone(zone.grade.rawValue), opacity: 0.45)
            canvas.stroke([zone.shape.exterior], color: .zone(zone.grade.rawValue), widthPoints: 0.4, dashed: true)
        }
        for zone in sheet.zones {
            let pole = zone.shape.poleOfInaccessibility()
            let h = min(max(pole.radius * 0.3, 7 / canvas.pointsPerMillimetre), 30)
            canvas.text(["zone \(zone.grade.rawValue)"], at: pole.point, height: h, angleDegrees: 0, color: .ink)
        }
        for hole in sheet.shape.holes {
            canvas.fill([hole], color: Color(1, 1, 1), opacity: 1)
            canvas.hatch([hole], color: .hole, gapPoints: 2)
            canvas.stroke([hole], color: .hole, widthPoints: 0.6, dashed: false)
        }
        for defect in sheet.defects {
            canvas.hatch([defect.shape.exterior], color: .defect, gapPoints: 1.5)
            canvas.stroke([defect.shape.exterior], color: .defect, widthPoints: 0.6, dashed: false)
        }
        canvas.stroke(stock + sheet.shape.holes, color: .ink, widthPoints: 0.9, dashed: false)

        for (i, p) in sheet.placements.enumerated() {
            let shape = p.placedShape
            canvas.beginPart(id: "part-\(i + 1)", attributes: [
                ("data-panel", p.part.panel), ("data-size", p.part.size), ("data-side", p.part.side.rawValue),
                ("data-grade", p.part.minGrade.rawValue), ("data-rotation", String(format: "%.3f", p.transform.rotationDegrees)),
                ("data-mirrored", p.transform.mirrored ? "true" : "false"),
            ])
            canvas.fill([shape.exterior] + shape.holes, color: .part(p.part.panel), opacity: 1)
            canvas.stroke([shape.exterior] + shape.holes, color: .ink, widthPoints: 0.5, dashed: false)
            label(p, shape, number: i + 1, on: &canvas)
            canvas.endPart()
        }
    }

    /// Two lines ("vamp", "12 · 9 L") along the part's longer axis through its widest
    /// point, as large as fits the chords there (capped at 40 mm).
    private func label(_ p: Placement, _ shape: Polygon, number: Int, on canvas: inout some SheetCanvas) {
        let pole = shape.poleOfInaccessibility()
        let line1 = p.part.panel.replacingOccurrences(of: "_", with: " ")
        let side = p.part.side == .none ? "" : " \(p.part.side.rawValue)"
        let line2 = "\(number) · \(p.part.size)\(side)"
        let along = p.transform.applyLinear(Point(1, 0))
        let across = Point(-along.y, along.x)
        let a = shape.chordLength(through: pole.point, direction: along)
        let b = shape.chordLength(through: pole.point, direction: across)
        var direction = a >= b ? along : across
        var length = max(a, b), thickness = min(a, b)
        if thickness <= 0 {
            direction = Point(1, 0)
            length = 2 * pole.radius
            thickness = 2 * pole.radius
        }
        // Chords through the pole overstate the room away from it; keep inside the
        // inscribed circle's height and 80 % of the chord's length.
        var angle = atan2(direction.y, direction.x) * 180 / .pi
        if angle > 90 { angle -= 180 }
        if angle <= -90 { angle += 180 }
        let chars = Double(max(line1.count, line2.count))
        let byWidth = 0.8 * length / (0.62 * chars)
        let byHeight = min(thickness, 2 * pole.radius) * 0.8 / 2.3
        let start = max(min(byWidth, byHeight, 40), 0.5)
        // Try the pole and points along the text's axis; keep the anchor where the text
        // block (corners and edge midpoints) fits inside the part at the largest size.
        let u = Point(cos(angle * .pi / 180), sin(angle * .pi / 180)), v = Point(-u.y, u.x)
        func fitted(at c: Point) -> Double {
            var h = start
            for _ in 0..<14 {
                let hw = 0.62 * chars * h / 2, hh = 2.3 * h / 2
                let probes = [(-1.0, -1.0), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (0, 0)].map {
                    c + u * ($0.0 * hw) + v * ($0.1 * hh)
                }
                if probes.allSatisfy({ shape.contains($0) }) { return h }
                h *= 0.85
            }
            return 0
        }
        var anchor = pole.point, height = 0.0
        for k in [0.0, -0.25, 0.25, -0.12, 0.12] {
            for w in [0.0, -0.15, 0.15] {
                let c = pole.point + u * (k * length) + v * (w * thickness)
                let h = fitted(at: c)
                if h > height * 1.05 {
                    height = h
                    anchor = c
                }
            }
        }
        if height == 0 { height = start * pow(0.85, 14) }
        canvas.text([line1, line2], at: anchor, height: height, angleDegrees: angle, color: .ink)
    }
}
