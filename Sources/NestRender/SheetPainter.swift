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
            let h = min(max(pole.radius * 0.5, 8 / canvas.pointsPerMillimetre), 60)
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
            canvas.fill([shape.exterior] + shape.holes, color: .part(p.part.panel), opacity: 0.9)
            canvas.stroke([shape.exterior] + shape.holes, color: .ink, widthPoints: 0.5, dashed: false)
            label(p, shape, number: i + 1, on: &canvas)
            canvas.endPart()
        }
    }

    /// Two lines ("vamp", "9 L") along the part's own axis, as large as fits inside it.
    private func label(_ p: Placement, _ shape: Polygon, number: Int, on canvas: inout some SheetCanvas) {
        let pole = shape.poleOfInaccessibility()
        let line1 = p.part.panel.replacingOccurrences(of: "_", with: " ")
        let side = p.part.side == .none ? "" : " \(p.part.side.rawValue)"
        let line2 = "\(number) · \(p.part.size)\(side)"
        var angle = p.transform.rotationDegrees.truncatingRemainder(dividingBy: 180)
        if angle > 90 { angle -= 180 }
        if angle <= -90 { angle += 180 }
        // Room along the part's axis is larger than the inscribed circle; allow 1.8 radii.
        let chars = Double(max(line1.count, line2.count))
        let byWidth = 2 * pole.radius * 1.8 / (0.58 * chars)
        let byHeight = 2 * pole.radius / 2.6
        let height = max(min(byWidth, byHeight, 40), 0.5)
        canvas.text([line1, line2], at: pole.point, height: height, angleDegrees: angle, color: .ink)
    }
}
