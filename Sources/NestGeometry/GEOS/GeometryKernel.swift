import CGEOS

/// The GEOS wrapper: one reentrant GEOS context and every operation the project needs,
/// taking and returning the value types of this module.
///
/// Guarantees: every GEOS handle made here is owned by a Swift object and freed
/// exactly once; GEOS errors become thrown `GeometryError`s carrying GEOS's message.
/// Not `Sendable`: GEOS contexts are not thread-safe, so make one kernel per thread
/// or task (they are cheap) and never share it.
public final class GeometryKernel {
    let context: GEOSContextHandle_t
    private let messages: MessageBox

    /// Collects the last error GEOS reported through the context's handler.
    final class MessageBox {
        var lastError: String?
    }

    /// Throws when GEOS cannot make a context (it returns NULL only when out of memory).
    public init() throws(GeometryError) {
        guard let ctx = GEOS_init_r() else {
            throw GeometryError(operation: "GEOS_init_r", message: "GEOS could not create a context (out of memory)")
        }
        context = ctx
        messages = MessageBox()
        let box = Unmanaged.passUnretained(messages).toOpaque()
        GEOSContext_setErrorMessageHandler_r(context, { message, userdata in
            guard let userdata, let message else { return }
            Unmanaged<GeometryKernel.MessageBox>.fromOpaque(userdata).takeUnretainedValue().lastError =
                String(cString: message)
        }, box)
        GEOSContext_setNoticeMessageHandler_r(context, { _, _ in }, nil)
    }

    deinit { GEOS_finish_r(context) }

    /// The GEOS library version, e.g. "3.11.1-CAPI-1.17.1".
    public static var geosVersion: String { String(cString: GEOSversion()) }

    func fail(_ operation: String) -> GeometryError {
        defer { messages.lastError = nil }
        return GeometryError(operation: operation, message: messages.lastError ?? "GEOS returned no result")
    }

    /// Wraps a freshly created GEOS geometry (NULL means failure) into an owner.
    func own(_ pointer: OpaquePointer?, _ operation: String) throws -> GEOSHandle {
        guard let pointer else { throw fail(operation) }
        return GEOSHandle(pointer, kernel: self)
    }

    // MARK: Conversion

    func coordinateSequence(_ ring: Ring) throws -> OpaquePointer {
        var buffer = [Double]()
        buffer.reserveCapacity(2 * (ring.count + 1))
        for p in ring.closedPoints {
            buffer.append(p.x)
            buffer.append(p.y)
        }
        let seq = buffer.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(context, $0.baseAddress, UInt32(ring.count + 1), 0, 0)
        }
        guard let seq else { throw fail("coordinate sequence") }
        return seq
    }

    func linearRing(_ ring: Ring) throws -> OpaquePointer {
        guard ring.count >= 3 else {
            throw GeometryError(operation: "ring", message: "a ring needs at least 3 points, got \(ring.count)")
        }
        let seq = try coordinateSequence(ring)
        // Takes ownership of `seq`, also on failure.
        guard let lr = GEOSGeom_createLinearRing_r(context, seq) else { throw fail("linear ring") }
        return lr
    }

    func geometry(_ polygon: Polygon) throws -> GEOSHandle {
        let shell = try linearRing(polygon.exterior)
        var holes: [OpaquePointer?] = []
        do {
            for h in polygon.holes { holes.append(try linearRing(h)) }
        } catch {
            GEOSGeom_destroy_r(context, shell)
            for h in holes { if let h { GEOSGeom_destroy_r(context, h) } }
            throw error
        }
        // Takes ownership of the shell and the holes, not of the array holding them.
        let poly = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(context, shell, $0.baseAddress, UInt32(polygon.holes.count))
        }
        return try own(poly, "polygon")
    }

    func geometry(_ polygons: [Polygon]) throws -> GEOSHandle {
        if polygons.count == 1 { return try geometry(polygons[0]) }
        var parts: [OpaquePointer?] = []
        for p in polygons {
            let g = try geometry(p)
            // Clone so the collection can take ownership while `g` frees its own copy.
            parts.append(GEOSGeom_clone_r(context, g.pointer))
        }
        let count = UInt32(parts.count)
        let multi = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, count)
        }
        return try own(multi, "multipolygon")
    }

    func ring(from ringPointer: OpaquePointer) throws -> Ring {
        // Borrowed: the coordinate sequence belongs to its ring.
        guard let seq = GEOSGeom_getCoordSeq_r(context, ringPointer) else { throw fail("ring coordinates") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(context, seq, &size) != 0 else { throw fail("ring size") }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        let ok = buffer.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(context, seq, $0.baseAddress, 0, 0)
        }
        guard ok != 0 else { throw fail("ring copy") }
        var pts = [Point]()
        pts.reserveCapacity(Int(size))
        for i in 0..<Int(size) { pts.append(Point(buffer[2 * i], buffer[2 * i + 1])) }
        return Ring(points: pts)
    }

    /// Converts any areal GEOS geometry into polygons; points and lines are ignored.
    func polygons(from g: OpaquePointer) throws -> [Polygon] {
        let type = GEOSGeomTypeId_r(context, g)
        switch type {
        case Int32(GEOS_POLYGON.rawValue):
            if GEOSisEmpty_r(context, g) == 1 { return [] }
            // Borrowed pointers: owned by the polygon.
            guard let shell = GEOSGetExteriorRing_r(context, g) else { throw fail("exterior ring") }
            let n = GEOSGetNumInteriorRings_r(context, g)
            var holes = [Ring]()
            if n > 0 {
                for i in 0..<n {
                    guard let h = GEOSGetInteriorRingN_r(context, g, i) else { throw fail("interior ring") }
                    holes.append(try ring(from: h))
                }
            }
            return [Polygon(exterior: try ring(from: shell), holes: holes)]
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            var out = [Polygon]()
            let n = GEOSGetNumGeometries_r(context, g)
            if n > 0 {
                for i in 0..<n {
                    guard let part = GEOSGetGeometryN_r(context, g, i) else { throw fail("geometry part") }
                    out += try polygons(from: part)
                }
            }
            return out
        default:
            return []
        }
    }
}
