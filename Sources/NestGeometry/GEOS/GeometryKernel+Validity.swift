import CGEOS

/// Why a polygon is not valid, and where.
public struct ValidityProblem: Sendable, Equatable, CustomStringConvertible {
    /// GEOS's reason, e.g. "Self-intersection" or "Ring Self-intersection".
    public let reason: String
    /// The point GEOS names, when it names one.
    public let location: Point?

    public var description: String {
        guard let location else { return reason }
        return "\(reason) at (\(formatCoordinate(location.x)), \(formatCoordinate(location.y)))"
    }
}

func formatCoordinate(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return r == r.rounded() ? String(Int(r)) : String(r)
}

extension GeometryKernel {
    /// Checks a polygon with GEOS: simple rings, holes inside the shell and apart.
    /// Returns nil when valid.
    public func validityProblem(_ polygon: Polygon) throws -> ValidityProblem? {
        for ring in [polygon.exterior] + polygon.holes {
            if let bad = ring.points.first(where: { !$0.isFinite }) {
                return ValidityProblem(reason: "Non-finite coordinate", location: bad.x.isFinite && bad.y.isFinite ? bad : nil)
            }
            if ring.count < 3 {
                return ValidityProblem(reason: "Ring with fewer than 3 distinct points", location: ring.points.first)
            }
        }
        let g = try geometry(polygon)
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let r = GEOSisValidDetail_r(context, g.pointer, 0, &reason, &location)  // 1 valid, 0 invalid, 2 exception
        if r == 1 { return nil }
        if r == 2 { throw fail("validity") }
        var text = "invalid polygon"
        if let reason {
            text = String(cString: reason)
            GEOSFree_r(context, reason)
        }
        var point: Point?
        if let location {
            let owned = GEOSHandle(location, kernel: self)
            var x = 0.0, y = 0.0
            if GEOSGeomGetX_r(context, owned.pointer, &x) != 0, GEOSGeomGetY_r(context, owned.pointer, &y) != 0 {
                point = Point(x, y)
            }
        }
        return ValidityProblem(reason: text, location: point)
    }
}

extension GeometryKernel {
    /// GEOS's repair of an invalid polygon (MakeValid): the same area split into valid
    /// polygons, loops of a self-intersecting outline becoming polygons of their own.
    public func makeValid(_ polygon: Polygon) throws -> [Polygon] {
        let g = try geometry(polygon)
        let out = try own(GEOSMakeValid_r(context, g.pointer), "make valid")
        return try polygons(from: out.pointer).filter { $0.area > 0 }
    }
}
