import CGEOS

/// A region prepared once by GEOS for many fast predicate tests against it.
///
/// Owns both the geometry and its prepared form and frees them together; the prepared
/// form never outlives the geometry. Not `Sendable` (belongs to its kernel's thread).
public final class PreparedRegion {
    let kernel: GeometryKernel
    let geometry: GEOSHandle
    let prepared: OpaquePointer

    public init(_ polygons: [Polygon], kernel: GeometryKernel) throws {
        self.kernel = kernel
        geometry = try kernel.geometry(polygons)
        guard let p = GEOSPrepare_r(kernel.context, geometry.pointer) else { throw kernel.fail("prepare") }
        prepared = p
    }

    deinit { GEOSPreparedGeom_destroy_r(kernel.context, prepared) }

    /// True when the region and the polygon share at least one point.
    public func intersects(_ polygon: Polygon) throws -> Bool {
        let g = try kernel.geometry(polygon)
        let r = GEOSPreparedIntersects_r(kernel.context, prepared, g.pointer)  // 1 true, 0 false, 2 exception
        guard r != 2 else { throw kernel.fail("prepared intersects") }
        return r == 1
    }

    /// True when the polygon lies entirely inside the region (OGC covers: boundary contact allowed).
    public func covers(_ polygon: Polygon) throws -> Bool {
        let g = try kernel.geometry(polygon)
        let r = GEOSPreparedCovers_r(kernel.context, prepared, g.pointer)  // 1 true, 0 false, 2 exception
        guard r != 2 else { throw kernel.fail("prepared covers") }
        return r == 1
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
        let r = GEOSPreparedIntersects_r(kernel.context, prepared, shape.handle.pointer)  // 1 true, 0 false, 2 exception
        guard r != 2 else { throw kernel.fail("prepared intersects") }
        return r == 1
    }
}
