import CGEOS

/// Owns one `GEOSGeometry*` and destroys it in `deinit`.
///
/// Internal: GEOS pointers never leave this module. Each handle keeps its kernel alive,
/// so the context outlives every geometry made in it.
final class GEOSHandle {
    let pointer: OpaquePointer
    let kernel: GeometryKernel

    init(_ pointer: OpaquePointer, kernel: GeometryKernel) {
        self.pointer = pointer
        self.kernel = kernel
    }

    deinit { GEOSGeom_destroy_r(kernel.context, pointer) }
}
