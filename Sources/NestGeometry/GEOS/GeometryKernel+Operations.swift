import Foundation
import CGEOS

/// How the corners of an offset are shaped.
public enum OffsetJoin: Sendable {
    /// Rounded corners, arcs approximated by `quadrantSegments` chords per quarter circle.
    case round
    /// Sharp corners, cut off beyond `mitreLimit` × distance.
    case mitre(limit: Double)
}

extension GeometryKernel {
    /// Area of a polygon (exterior minus holes), computed by GEOS.
    public func area(_ polygon: Polygon) throws -> Double {
        let g = try geometry(polygon)
        var a = 0.0
        guard GEOSArea_r(context, g.pointer, &a) != 0 else { throw fail("area") }  // 1 ok, 0 exception
        return a
    }

    public func area(_ polygons: [Polygon]) throws -> Double {
        try polygons.reduce(0) { $0 + (try area($1)) }
    }

    /// Offsets a region outward (positive distance) or inward (negative).
    ///
    /// With a round join, GEOS approximates arcs by chords that lie *inside* the true
    /// arc, and simplifies the input by up to 1% of the distance. Pass `conservative: true`
    /// to enlarge the distance so that the result lies on or outside the exact offset: then an offset region always contains the exact one
    /// (outward) or lies within it (inward), which keeps spacing and margins safe.
    public func offset(_ polygons: [Polygon], by distance: Double, join: OffsetJoin = .round,
                       quadrantSegments: Int = 8, conservative: Bool = true) throws -> [Polygon] {
        guard !polygons.isEmpty else { return [] }
        if distance == 0 { return try union(polygons) }
        var d = distance
        if conservative, case .round = join {
            // A chord of an arc of radius r spanning π/(2q) lies r·(1 − cos(π/4q)) inside it.
            // GEOS also simplifies the input by up to 1% of the distance before offsetting;
            // 2% more covers that.
            d = distance / cos(Double.pi / Double(4 * quadrantSegments)) + 0.02 * distance + (distance > 0 ? 1e-6 : -1e-6)
        }
        let g = try geometry(polygons)
        let joinStyle: GEOSBufJoinStyles
        var mitre = 5.0
        switch join {
        case .round: joinStyle = GEOSBUF_JOIN_ROUND
        case .mitre(let limit):
            joinStyle = GEOSBUF_JOIN_MITRE
            mitre = limit
        }
        let out = try own(GEOSBufferWithStyle_r(context, g.pointer, d, Int32(quadrantSegments),
                                                Int32(GEOSBUF_CAP_ROUND.rawValue), Int32(joinStyle.rawValue), mitre),
                          "offset")
        return try self.polygons(from: out.pointer)
    }

    /// An outward offset of `polygon` that contains its exact offset by `distance` (every
    /// point within `distance` of it), with about one vertex per vertex of `polygon`:
    /// mitred joins (cut off at twice the distance), kept only when GEOS's exact distance
    /// (indexed, `PreparedBoundary`) says every point of its boundary lies at least
    /// `distance` from `polygon`. Tried first at `distance + slack / 2`, so that the offset
    /// lies within `slack` of the exact one wherever `polygon` is straight (GEOS's own
    /// rounding and its simplification of the input stay far inside half of it); then
    /// enlarged by the 2 % that covers any simplification; else the conservative round
    /// offset (`offset`). A round offset spends `quadrantSegments` chords on the arc of
    /// every convex corner — twice the vertices of a smooth outline — and still lies
    /// further out on the mean; the mitred one bulges only at sharp corners.
    public func coveringOffset(_ polygon: Polygon, by distance: Double, slack: Double = 0,
                               quadrantSegments: Int) throws -> [Polygon] {
        precondition(distance > 0 && slack >= 0, "coveringOffset grows a region")
        let tries = (slack > 0 ? [distance + slack / 2] : []) + [distance * 1.02 + 1e-6]
        for grown in tries {
            let mitred = try offset([polygon], by: grown, join: .mitre(limit: 2), conservative: false)
            if mitred.count == 1, try contains(mitred, [polygon]),
               try PreparedBoundary(of: mitred, kernel: self).distance(to: polygon) >= distance {
                return mitred
            }
        }
        return try offset([polygon], by: distance, quadrantSegments: quadrantSegments)
    }

    /// The union of all polygons, as disjoint polygons.
    public func union(_ polygons: [Polygon]) throws -> [Polygon] {
        guard !polygons.isEmpty else { return [] }
        let g = try geometry(polygons)
        let out = try own(GEOSUnaryUnion_r(context, g.pointer), "union")
        return try self.polygons(from: out.pointer)
    }

    /// `a` minus `b`.
    public func difference(_ a: [Polygon], _ b: [Polygon]) throws -> [Polygon] {
        guard !a.isEmpty else { return [] }
        guard !b.isEmpty else { return try union(a) }
        let ga = try geometry(try union(a)), gb = try geometry(try union(b))
        let out = try own(GEOSDifference_r(context, ga.pointer, gb.pointer), "difference")
        return try self.polygons(from: out.pointer)
    }

    /// The part of `a` that is also in `b`.
    public func intersection(_ a: [Polygon], _ b: [Polygon]) throws -> [Polygon] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        let ga = try geometry(try union(a)), gb = try geometry(try union(b))
        let out = try own(GEOSIntersection_r(context, ga.pointer, gb.pointer), "intersection")
        return try self.polygons(from: out.pointer)
    }

    /// Smallest distance between the two regions (0 when they touch or overlap).
    ///
    /// Regions that meet are 0 apart; for the others GEOS's indexed distance (edges near
    /// each other only, not every pair of edges: parts of thousands of points are measured
    /// in a fraction of the time) is the distance, since between disjoint regions the
    /// nearest points lie on their edges. (The indexed distance alone measures edge to edge,
    /// so it would call a region inside another apart from it.)
    public func distance(_ a: [Polygon], _ b: [Polygon]) throws -> Double {
        let ga = try geometry(a), gb = try geometry(b)
        let meets = GEOSIntersects_r(context, ga.pointer, gb.pointer)  // 1 true, 0 false, 2 exception
        guard meets != 2 else { throw fail("intersects") }
        if meets == 1 { return 0 }
        var d = 0.0
        guard GEOSDistanceIndexed_r(context, ga.pointer, gb.pointer, &d) != 0 else { throw fail("distance") }
        return d
    }

    /// Smallest distance from the region `a` to the boundary (edges) of region `b`.
    public func distanceToBoundary(_ a: [Polygon], of b: [Polygon]) throws -> Double {
        let ga = try geometry(a), gb = try geometry(b)
        let boundary = try own(GEOSBoundary_r(context, gb.pointer), "boundary")
        var d = 0.0
        guard GEOSDistance_r(context, ga.pointer, boundary.pointer, &d) != 0 else { throw fail("distance") }
        return d
    }

    /// True when the closed regions share at least one point.
    public func intersects(_ a: [Polygon], _ b: [Polygon]) throws -> Bool {
        let ga = try geometry(a), gb = try geometry(b)
        let r = GEOSIntersects_r(context, ga.pointer, gb.pointer)  // 1 true, 0 false, 2 exception
        guard r != 2 else { throw fail("intersects") }
        return r == 1
    }

    /// True when no point of `b` lies outside `a` and their interiors meet (OGC contains).
    public func contains(_ a: [Polygon], _ b: [Polygon]) throws -> Bool {
        let ga = try geometry(a), gb = try geometry(b)
        let r = GEOSContains_r(context, ga.pointer, gb.pointer)  // 1 true, 0 false, 2 exception
        guard r != 2 else { throw fail("contains") }
        return r == 1
    }

    /// Douglas–Peucker simplification that keeps the topology valid. Does not guarantee
    /// containment either way: callers that need a one-sided simplification use `simplifyOutward`.
    public func simplify(_ polygons: [Polygon], tolerance: Double) throws -> [Polygon] {
        let g = try geometry(polygons)
        let out = try own(GEOSTopologyPreserveSimplify_r(context, g.pointer, tolerance), "simplify")
        return try self.polygons(from: out.pointer)
    }

    /// A simplified shape guaranteed to *contain* the input: the simplification is
    /// followed by the union with the original, so no point of the original is lost.
    ///
    /// A jagged outline (a digitizer's or scanner's points, with noise of hundredths of a
    /// millimetre) pokes out of its simplification all along, so the union keeps nearly every
    /// point; for such a shape (the union more than four times the simplification's points) the
    /// simplification grown by the tolerance is taken instead — it holds every point within
    /// the tolerance of the simplification, so the whole original, checked with GEOS.
    public func simplifyOutward(_ polygon: Polygon, tolerance: Double) throws -> Polygon {
        let simple = try simplify([polygon], tolerance: tolerance)
        let merged = try union(simple + [polygon])
        // The union of a shape with its simplification is one polygon in practice; when
        // it is not (a pathological input) fall back to the original, which is always safe.
        guard merged.count == 1, merged[0].vertexCount <= polygon.vertexCount else { return polygon }
        let simpleCount = simple.reduce(0) { $0 + $1.vertexCount }
        guard merged[0].vertexCount > 4 * simpleCount + 16, tolerance > 0 else { return merged[0] }
        // Mitred corners (cut at twice the distance) hold the round offset; 2 % more covers
        // GEOS's own simplification of the buffer's input, as in `offset`.
        let grown = try offset(simple, by: tolerance * 1.02 + 1e-6, join: .mitre(limit: 2), conservative: false)
        guard grown.count == 1, grown[0].holes.isEmpty, grown[0].vertexCount < merged[0].vertexCount,
              try area(try difference([polygon], grown)) == 0 else { return merged[0] }
        return grown[0]
    }

    /// Convex hull of all points of the polygons.
    public func convexHull(_ polygons: [Polygon]) throws -> Polygon? {
        let g = try geometry(polygons)
        let out = try own(GEOSConvexHull_r(context, g.pointer), "convex hull")
        return try self.polygons(from: out.pointer).first
    }

    /// The polygons' minimum width (GEOS): the shortest segment across them, from a vertex
    /// of their hull perpendicular to the opposite edge; nil when they have no width.
    public func minimumWidth(_ polygons: [Polygon]) throws -> (from: Point, to: Point)? {
        let g = try geometry(polygons)
        let out = try own(GEOSMinimumWidth_r(context, g.pointer), "minimum width")
        let points = try ring(from: out.pointer).points
        guard points.count == 2, points[0] != points[1] else { return nil }
        return (points[0], points[1])
    }

    /// Hausdorff distance between the boundaries of two regions.
    public func hausdorffDistance(_ a: [Polygon], _ b: [Polygon]) throws -> Double {
        let ga = try geometry(a), gb = try geometry(b)
        var d = 0.0
        guard GEOSHausdorffDistance_r(context, ga.pointer, gb.pointer, &d) != 0 else { throw fail("hausdorff") }
        return d
    }
}
