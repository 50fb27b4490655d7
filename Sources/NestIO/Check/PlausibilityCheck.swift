import Foundation
import NestGeometry
import NestModel

/// Checks that need the whole pattern or job: units that look wrong, and parts that fit
/// no piece of stock in any orientation their grain allows.
enum PlausibilityCheck {
    /// A shoe upper's largest panel (the vamp or a quarter) is about 150–400 mm long.
    static let largestPanelRange = 60.0...1200.0

    static func units(of pattern: Pattern, file: String, declared: String) -> [InputError] {
        guard let longest = pattern.panels.map({ max($0.shape.bounds.width, $0.shape.bounds.height) }).max(),
              !largestPanelRange.contains(longest),
              let panel = pattern.panels.first(where: { max($0.shape.bounds.width, $0.shape.bounds.height) == longest }) else { return [] }
        var hint = ""
        for unit in LengthUnit.allCases where unit.rawValue != declared {
            let mm = LengthUnit(rawValue: declared)?.millimetres ?? 1
            let asThat = longest / mm * unit.millimetres
            if (150...450).contains(asThat) { hint = String(format: "; in %@ it would be %.0f mm", unit.rawValue, asThat) }
        }
        return [InputError(file: file, item: "panels \"\(panel.name)\"", problem: String(
            format: "the largest panel is %.4g mm long; a shoe upper's largest panel is about 150–400 mm: the units look wrong (the file says %@)%@",
            longest, declared, hint))]
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
