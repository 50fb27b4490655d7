import NestGeometry

/// Which foot a part is for. `.left` is the pattern as drawn, `.right` its mirror image;
/// `.none` for panels cut without mirroring.
public enum Side: String, Sendable, Hashable {
    case left = "L"
    case right = "R"
    case none = ""

    public var isMirrored: Bool { self == .right }
}

/// One physical piece to cut: a panel of one order line at one size and side.
///
/// `shape` is the graded outline in the pattern frame, *before* mirroring; a placement
/// mirrors it when `side.isMirrored`.
public struct Part: Sendable, Hashable, Identifiable {
    /// Position in the job's part list, stable for a given job file.
    public var id: Int
    public var panel: String
    public var size: String
    public var side: Side
    public var material: String
    public var shape: Polygon
    public var grain: GrainRule
    public var minGrade: Grade
    /// Index of the order line the part belongs to.
    public var orderLine: Int
    /// When set, the only rotations allowed (see `Panel.fixedRotations`).
    public var fixedRotations: [Double]?
    /// Parts with the same group must come from the same hide: the left and right part of
    /// a pair, or every panel of one pair of shoes (see `SameHideRule`). Nil: no such rule.
    public var hideGroup: Int?

    public init(id: Int, panel: String, size: String, side: Side, material: String, shape: Polygon, grain: GrainRule,
                minGrade: Grade, orderLine: Int, fixedRotations: [Double]? = nil) {
        self.id = id
        self.panel = panel
        self.size = size
        self.side = side
        self.material = material
        self.shape = shape
        self.grain = grain
        self.minGrade = minGrade
        self.orderLine = orderLine
        self.fixedRotations = fixedRotations
    }

    /// A short human name, e.g. "vamp 9 L".
    public var label: String { side == .none ? "\(panel) \(size)" : "\(panel) \(size) \(side.rawValue)" }
}

extension Job {
    /// Every part the order asks for that is cut from this job's stock material, in a
    /// stable order: order line, then size, then panel, then pair, left before right.
    /// Parts that must share a hide (`sameHide`) carry the same `hideGroup`. In a cutting
    /// session (`remaining`), only the first parts of each kind, as many as are left.
    public func parts() -> [Part] {
        var out: [Part] = []
        var groups = 0
        var taken: [OrderRemainder.Kind: Int] = [:]
        for (lineIndex, line) in order.enumerated() {
            for (size, pairs) in line.pairs where pairs > 0 {
                // Under the shoe rule, pair k of this line and size is one group.
                let shoeGroups = groups..<(groups + pairs)
                if sameHide == .shoe { groups += pairs }
                for panel in line.pattern.panels where stock.cuts(panel.material) {
                    guard let shape = line.pattern.shape(of: panel, size: size) else { continue }
                    for k in 0..<pairs {
                        var group: Int? = sameHide == .shoe ? shoeGroups.lowerBound + k : nil
                        for q in 0..<panel.quantityPerPair {
                            let side: Side = panel.mirroredPairs ? (q % 2 == 0 ? .left : .right) : .none
                            if sameHide == .pair, panel.mirroredPairs, side == .left {
                                group = groups
                                groups += 1
                            }
                            if let remaining {
                                let kind = OrderRemainder.Kind(orderLine: lineIndex, size: size, panel: panel.name, side: side)
                                let n = taken[kind, default: 0]
                                guard n < remaining.counts[kind] ?? 0 else { continue }
                                taken[kind] = n + 1
                            }
                            var part = Part(id: out.count, panel: panel.name, size: size, side: side,
                                            material: panel.material, shape: shape, grain: panel.grain,
                                            minGrade: panel.minGrade, orderLine: lineIndex,
                                            fixedRotations: panel.fixedRotations)
                            part.hideGroup = sameHide == .pair && !panel.mirroredPairs ? nil : group
                            out.append(part)
                        }
                    }
                }
            }
        }
        return out
    }
}
