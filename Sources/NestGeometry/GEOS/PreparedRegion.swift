import CGEOS

/// A region prepared once by GEOS for many fast predicate tests against it.
///
/// Owns both the geometry and its prepared form and frees them together; the prepared
/// form never outlives the geometry. Not `Sendable` (belongs to its kernel's thread).
public final class PreparedRegion {
    let base: PreparedGeometry
    var kernel: GeometryKernel { base.kernel }

    public init(_ polygons: [Polygon], kernel: GeometryKernel) throws {
        base = try PreparedGeometry(try kernel.geometry(polygons), kernel: kernel)
    }

    /// True when the region and the polygon share at least one point.
    public func intersects(_ polygon: Polygon) throws -> Bool {
        try base.intersects(try kernel.geometry(polygon))
    }

    /// True when the polygon lies entirely inside the region (OGC covers: boundary contact allowed).
    public func covers(_ polygon: Polygon) throws -> Bool {
        let g = try kernel.geometry(polygon)
        return try base.answer(GEOSPreparedCovers_r(kernel.context, base.prepared, g.pointer), "prepared covers")
    }
}

/// A polygon converted to GEOS once, for repeated predicate calls (benchmarks, checks).
public final class GEOSShape {
    let handle: GEOSHandle

    public init(_ polygon: Polygon, kernel: GeometryKernel) throws {
        handle = try kernel.geometry(polygon)
    }
}

extension PreparedRegion {
    /// `intersects` on a shape already converted to GEOS: the predicate alone.
    public func intersects(_ shape: GEOSShape) throws -> Bool {
        try base.intersects(shape.handle)
    }
}
