import NestGeometry
import NestModel

/// A sheet's zones and defects as the drawings show them: each cut to the stock's outline,
/// so that no drawing needs the outline as a clip. Guarantees: every ring lies on the stock
/// (up to GEOS's rounding); a marking wholly on the stock is its own rings, unchanged; one
/// wholly off it is empty. Without a GEOS context (out of memory) a marking is kept as
/// marked, and may then run past the outline in the drawing.
struct StockMarkings: Sendable {
    /// The zones, worst grade last, each as the polygons of it that lie on the stock.
    let zones: [(grade: Grade, shapes: [Polygon])]
    /// Per defect of the sheet, in order, the polygons of it as marked that lie on the stock.
    let defects: [[Polygon]]

    init(_ sheet: Sheet) {
        let outline = Polygon(exterior: sheet.shape.exterior)
        let kernel = try? GeometryKernel()
        let prepared = kernel.flatMap { try? PreparedRegion([outline], kernel: $0) }
        func onStock(_ marking: Polygon) -> [Polygon] {
            guard let kernel, let prepared else { return [marking] }
            if (try? prepared.covers(marking)) == true { return [marking] }
            return (try? kernel.intersection([marking], [outline])) ?? [marking]
        }
        zones = sheet.zones.sorted { $0.grade < $1.grade }.map { ($0.grade, onStock($0.shape)) }
        defects = sheet.defects.map { onStock($0.outline) }
    }
}
