import CGEOS

/// A GEOS STRtree over a fixed set of polygons, answering "which of them may meet
/// this envelope?" The tree is built at the first query, so all shapes are given at once.
///
/// Owns the tree and the geometries it references and frees them together.
public final class ShapeIndex {
    let kernel: GeometryKernel
    let tree: OpaquePointer
    let shapes: [GEOSHandle]

    public init(_ polygons: [Polygon], kernel: GeometryKernel) throws {
        self.kernel = kernel
        guard let t = GEOSSTRtree_create_r(kernel.context, 10) else { throw kernel.fail("STRtree") }
        tree = t
        shapes = try polygons.map { try kernel.geometry($0) }
        for (i, s) in shapes.enumerated() {
            // The item is the shape's index, stored as a pointer-sized integer.
            GEOSSTRtree_insert_r(kernel.context, tree, s.pointer, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }

    deinit { GEOSSTRtree_destroy_r(kernel.context, tree) }

    /// Indices of the shapes whose envelopes meet the polygon's envelope grown by `margin`.
    public func candidates(near polygon: Polygon, margin: Double = 0) throws -> [Int] {
        let b = polygon.bounds.insetBy(-margin)
        let box = Polygon([Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.maxX, b.maxY), Point(b.minX, b.maxY)])
        let g = try kernel.geometry(box)
        final class Hits { var items: [Int] = [] }
        let hits = Hits()
        let userdata = Unmanaged.passUnretained(hits).toOpaque()
        GEOSSTRtree_query_r(kernel.context, tree, g.pointer, { item, userdata in
            guard let userdata else { return }
            let hits = Unmanaged<Hits>.fromOpaque(userdata).takeUnretainedValue()
            hits.items.append(Int(bitPattern: item) - 1)
        }, userdata)
        return hits.items.sorted()
    }
}
