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
    /// The other part of a left/right pair (its id); both must come from the same hide.
    public var partnerID: Int?

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
    public func parts() -> [Part] {
        let materials = stock.materials
        var out: [Part] = []
        for (lineIndex, line) in order.enumerated() {
            for (size, pairs) in line.pairs where pairs > 0 {
                for panel in line.pattern.panels where materials.contains(panel.material) {
                    guard let shape = line.pattern.shape(of: panel, size: size) else { continue }
                    for _ in 0..<pairs {
                        if panel.mirroredPairs {
                            for k in 0..<panel.quantityPerPair {
                                let side: Side = k % 2 == 0 ? .left : .right
                                out.append(Part(id: out.count, panel: panel.name, size: size, side: side,
                                                material: panel.material, shape: shape, grain: panel.grain,
                                                minGrade: panel.minGrade, orderLine: lineIndex,
                                                fixedRotations: panel.fixedRotations))
                                if side == .right {
                                    out[out.count - 1].partnerID = out.count - 2
                                    out[out.count - 2].partnerID = out.count - 1
                                }
                            }
                        } else {
                            for _ in 0..<panel.quantityPerPair {
                                out.append(Part(id: out.count, panel: panel.name, size: size, side: .none,
                                                material: panel.material, shape: shape, grain: panel.grain,
                                                minGrade: panel.minGrade, orderLine: lineIndex,
                                                fixedRotations: panel.fixedRotations))
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
