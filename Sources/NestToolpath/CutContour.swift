import NestGeometry
import NestModel

/// Which ring of a placed part a contour is.
public enum ContourKind: String, Sendable, Hashable {
    case outline
    case hole
}

/// One closed line the tool must cut: a placed part's outline or one of its inner
/// cut-outs, in the sheet's frame (mm, y up), its points in the cutting direction.
///
/// `ring` is 0 for the outline and `k + 1` for the part's hole `k` (the report's order).
public struct CutContour: Sendable, Hashable {
    public var placement: Int
    public var ring: Int
    public var kind: ContourKind
    /// The ring, open (no repeated closing point), already turned to the cutting direction.
    public var points: [Point]
    public var bounds: Rect

    public init(placement: Int, ring: Int, kind: ContourKind, points: [Point]) {
        self.placement = placement
        self.ring = ring
        self.kind = kind
        self.points = points
        self.bounds = Rect(enclosing: points)
    }

    public var perimeter: Double { Ring(points: points).perimeter }
}

extension CutContour {
    /// Every contour of a sheet: for each placement in order, its holes, then its outline,
    /// each turned to the profile's direction. Rings of fewer than 3 points are dropped
    /// because they cannot be cut (a valid nest has none).
    public static func contours(of sheet: Sheet, profile: MachineProfile) -> [CutContour] {
        var out: [CutContour] = []
        for (i, placement) in sheet.placements.enumerated() {
            let shape = placement.placedShape
            for (k, hole) in shape.holes.enumerated() where hole.count >= 3 {
                out.append(CutContour(placement: i, ring: k + 1, kind: .hole, points: oriented(hole, profile.holeDirection)))
            }
            if shape.exterior.count >= 3 {
                out.append(CutContour(placement: i, ring: 0, kind: .outline,
                                      points: oriented(shape.exterior, profile.outlineDirection)))
            }
        }
        return out
    }

    static func oriented(_ ring: Ring, _ direction: CutDirection) -> [Point] {
        (direction == .counterClockwise ? ring.counterClockwise() : ring.clockwise()).points
    }

    /// Which contours must be cut before which: `result[b]` lists every contour `a` that
    /// lies inside contour `b`'s ring (a part's cut-outs inside its outline, a part nested
    /// in another part's hole inside that hole): once `b` is cut, what is inside it may
    /// move. Sorted ascending, so the result does not depend on hashing.
    public static func predecessors(of contours: [CutContour]) -> [[Int]] {
        var preds = Array(repeating: [Int](), count: contours.count)
        for b in contours.indices {
            let rb = Ring(points: contours[b].points)
            for a in contours.indices where a != b {
                guard contours[b].bounds.contains(contours[a].bounds) else { continue }
                // Same placement: holes always lie inside their outline.
                if contours[a].placement == contours[b].placement {
                    if contours[b].kind == .outline && contours[a].kind == .hole { preds[b].append(a) }
                    continue
                }
                if contours[a].points.allSatisfy({ rb.contains($0) }) { preds[b].append(a) }
            }
        }
        return preds
    }
}
