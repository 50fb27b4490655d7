import CGEOS

/// The boundary (every ring's edges) of a region, prepared once by GEOS for many distance
/// queries: how close a polygon comes to the region's edges, as
/// `GeometryKernel.distanceToBoundary` gives it, but indexed — a query looks at the edges
/// near the polygon instead of pairing each of its edges with each of the boundary's (on a
/// scanned hide's outline of 12 000 points the plain distance took a second for a hundred
/// parts).
///
/// Owns the boundary geometry and its prepared form and frees them together. Not
/// `Sendable` (belongs to its kernel's thread).
public final class PreparedBoundary {
    let base: PreparedGeometry

    public init(of polygons: [Polygon], kernel: GeometryKernel) throws {
        let region = try kernel.geometry(polygons)
        base = try PreparedGeometry(try kernel.own(GEOSBoundary_r(kernel.context, region.pointer), "boundary"), kernel: kernel)
    }

    /// Smallest distance from `polygon` (a region: 0 when it covers a boundary point) to the
    /// boundary. GEOS's prepared distance measures between edges only, so a polygon holding
    /// a whole ring of the boundary (a hole of the region inside it) would get the distance
    /// from its edges to that ring: whether they meet at all is asked first.
    public func distance(to polygon: Polygon) throws -> Double {
        let g = try base.kernel.geometry(polygon)
        if try base.intersects(g) { return 0 }
        var d = 0.0
        guard GEOSPreparedDistance_r(base.kernel.context, base.prepared, g.pointer, &d) != 0 else {
            throw base.kernel.fail("prepared distance")
        }
        return d
    }
}
