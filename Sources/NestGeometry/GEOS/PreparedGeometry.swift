import CGEOS

/// A GEOS geometry and its prepared form, owned together: the prepared form is destroyed
/// first and never outlives the geometry. The one owner behind `PreparedRegion` and
/// `PreparedBoundary`. Not `Sendable` (belongs to its kernel's thread).
final class PreparedGeometry {
    let kernel: GeometryKernel
    let geometry: GEOSHandle
    let prepared: OpaquePointer

    init(_ geometry: GEOSHandle, kernel: GeometryKernel) throws {
        self.kernel = kernel
        self.geometry = geometry
        guard let p = GEOSPrepare_r(kernel.context, geometry.pointer) else { throw kernel.fail("prepare") }
        prepared = p
    }

    deinit { GEOSPreparedGeom_destroy_r(kernel.context, prepared) }

    /// GEOS's answer for a prepared predicate: 1 true, 0 false, 2 an exception (thrown).
    func answer(_ r: CChar, _ operation: String) throws -> Bool {
        guard r != 2 else { throw kernel.fail(operation) }
        return r == 1
    }

    func intersects(_ g: GEOSHandle) throws -> Bool {
        try answer(GEOSPreparedIntersects_r(kernel.context, prepared, g.pointer), "prepared intersects")
    }
}
