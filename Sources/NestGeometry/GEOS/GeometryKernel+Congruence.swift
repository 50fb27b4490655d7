import Foundation

/// How one outline lies relative to another of the same shape: moved (turned and shifted),
/// or mirrored and moved.
public enum Congruence: Sendable, Hashable {
    case moved
    case mirrored
}

extension GeometryKernel {
    /// Whether `b` is `a` mirrored and moved, or `a` moved, every point of each boundary
    /// within `tolerance` of the other's (GEOS's Hausdorff distance); nil when neither.
    /// `.moved` is asked first: a symmetric outline's mirror image is itself moved, so two
    /// drawings of it are `.moved`, never `.mirrored`.
    ///
    /// The two are laid onto each other centroid on centroid, turned so their principal axes
    /// (of the second moments of area) agree, both ways round; an outline whose axes are
    /// undetermined (a disc, a square) is tried at every degree.
    public func congruence(of a: Polygon, to b: Polygon, tolerance: Double) throws -> Congruence? {
        let areaA = a.area, areaB = b.area
        guard a.holes.count == b.holes.count, areaA > 0, abs(areaA - areaB) <= 0.01 * max(areaA, areaB),
              abs(a.exterior.perimeter - b.exterior.perimeter) <= 0.01 * max(a.exterior.perimeter, b.exterior.perimeter)
        else { return nil }
        let target = AreaMoments(b)
        let placedB = b.transformed(by: Transform(translation: Point(-target.centroid.x, -target.centroid.y)))
        for kind in [Congruence.moved, .mirrored] {
            let turned = a.transformed(by: Transform(mirrored: kind == .mirrored))
            let own = AreaMoments(turned)
            let centred = turned.transformed(by: Transform(translation: Point(-own.centroid.x, -own.centroid.y)))
            let turns: [Double] = own.anisotropy > 0.05 && target.anisotropy > 0.05
                ? [0, 180].map { target.principalAngleDegrees - own.principalAngleDegrees + $0 }
                : (0..<360).map(Double.init)
            for degrees in turns {
                let candidate = centred.transformed(by: Transform(rotationDegrees: degrees))
                if try hausdorffDistance([candidate], [placedB]) <= tolerance { return kind }
            }
        }
        return nil
    }
}

/// The centroid and principal axes of a polygon's area (holes subtracted), from its second
/// central moments: what lays two drawings of one outline onto each other.
struct AreaMoments {
    var centroid: Point
    /// The direction (degrees, modulo 180) along which the area spreads most.
    var principalAngleDegrees: Double
    /// How distinct the principal axes are: 0 for a disc or a square, towards 1 for a
    /// long thin shape.
    var anisotropy: Double

    init(_ polygon: Polygon) {
        // Sums over every ring, each oriented so the exterior counts positive and holes negative.
        var area = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        let rings = [polygon.exterior.counterClockwise()] + polygon.holes.map { $0.clockwise() }
        for ring in rings {
            let p = ring.points
            for k in p.indices {
                let (x0, y0) = (p[k].x, p[k].y), (x1, y1) = (p[(k + 1) % p.count].x, p[(k + 1) % p.count].y)
                let c = x0 * y1 - x1 * y0
                area += c / 2
                sx += (x0 + x1) * c / 6
                sy += (y0 + y1) * c / 6
                sxx += (x0 * x0 + x0 * x1 + x1 * x1) * c / 12
                syy += (y0 * y0 + y0 * y1 + y1 * y1) * c / 12
                sxy += (x0 * y1 + 2 * x0 * y0 + 2 * x1 * y1 + x1 * y0) * c / 24
            }
        }
        guard area > 0 else {
            centroid = polygon.bounds.center
            principalAngleDegrees = 0
            anisotropy = 0
            return
        }
        let cx = sx / area, cy = sy / area
        centroid = Point(cx, cy)
        let ixx = sxx - area * cx * cx, iyy = syy - area * cy * cy, ixy = sxy - area * cx * cy
        principalAngleDegrees = 0.5 * atan2(2 * ixy, ixx - iyy) * 180 / .pi
        anisotropy = ((ixx - iyy) * (ixx - iyy) + 4 * ixy * ixy).squareRoot() / max(ixx + iyy, .leastNormalMagnitude)
    }
}
