import Foundation
import NestGeometry
import NestModel

/// Checks that need the whole pattern or job: units that look wrong, and parts that fit
/// no piece of stock in any orientation their grain allows.
enum PlausibilityCheck {
    /// The units finding of a pattern (see `UnitsPlausibility`), naming its largest panel.
    static func units(of pattern: Pattern, raw: PatternFile, file: String) -> [InputError] {
        guard let (panel, longest) = pattern.panels.map({ ($0, max($0.shape.bounds.width, $0.shape.bounds.height)) })
            .max(by: { $0.1 < $1.1 }) else { return [] }
        let declaredLeather = raw.panels.contains { $0.material.lowercased().contains("leather") && !$0.materialAssumed }
        let style = UnitsPlausibility.style(sizeSystem: pattern.sizeSystem, baseSize: pattern.baseSize, declaredLeather: declaredLeather)
        let declared = LengthUnit(named: raw.units ?? "mm") ?? .mm
        let units = raw.sourceUnits ?? "the file says \(declared.rawValue)"
        guard let finding = UnitsPlausibility(style: style).finding(
            longest: longest, units: units, declaredMillimetres: raw.sourceMillimetresPerUnit ?? declared.millimetres) else { return [] }
        return [InputError(file: file, item: "panels \"\(panel.name)\"", problem: finding)]
    }

    static func partsFitStock(_ job: Job, file: String) -> [InputError] {
        var out: [InputError] = []
        var seen = Set<String>()
        let stock: [(name: String, width: Double, height: Double, grain: Double)]
        switch job.stock {
        case .hides(let hides):
            stock = hides.map { ($0.name, $0.shape.bounds.width - 2 * job.margin, $0.shape.bounds.height - 2 * job.margin, $0.grainDegrees) }
        case .roll(let r):
            stock = [(r.name, r.maxLength - 2 * job.margin, r.width - 2 * job.margin, 0)]
        }
        for part in job.parts() {
            let key = "\(part.orderLine)|\(part.panel)|\(part.size)|\(part.side.rawValue)"
            guard seen.insert(key).inserted else { continue }
            let fits = stock.contains { s in
                part.grain.allowedRotations(stockGrainDegrees: s.grain, mirrored: part.side.isMirrored, steps: 5).contains { angle in
                    let t = Transform(rotationDegrees: angle, mirrored: part.side.isMirrored)
                    let b = Rect(enclosing: part.shape.exterior.points.map(t.apply))
                    return b.width <= s.width && b.height <= s.height
                }
            }
            if !fits {
                let b = part.shape.bounds
                out.append(InputError(file: file, item: "order[\(part.orderLine)] panel \"\(part.panel)\" size \(part.size)", problem: String(
                    format: "the part (%.0f × %.0f mm) is larger than every piece of stock (%@) in every orientation its grain allows",
                    b.width, b.height, stock.map { String(format: "%@ %.0f × %.0f mm", $0.name, $0.width, $0.height) }.joined(separator: ", "))))
            }
        }
        return out
    }
}
