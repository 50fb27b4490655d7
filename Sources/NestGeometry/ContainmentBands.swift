/// A polygon prepared for many point-in-polygon questions: its edges sorted into
/// horizontal bands, so that a point looks only at the edges of its band.
///
/// Guarantees the answers of `Polygon.contains` — the even-odd test of each ring with its
/// one crossing rule (`Ring.crossingX`), inside the exterior and inside no hole — point for
/// point: an edge that crosses a point's height spans that height, so it is listed in the
/// point's band (bands are found by one monotone rule), and the same edges toggle the same
/// parities. Costs one pass over the edges to build; a question then costs the edges of a
/// band, a few on an outline of hundreds of points.
public struct ContainmentBands: Sendable {
    /// One edge of ring `ring`, from `previous` to `current` (a ring's order).
    struct Edge: Sendable {
        let ring: Int
        let previous: Point
        let current: Point
    }

    private let minY: Double
    private let bandHeight: Double
    private let bandCount: Int
    /// Each band's edges, by ring (the exterior's first, then each hole's).
    private let bands: [[Edge]]
    /// False when the exterior has fewer than three points: then nothing is inside.
    private let hasInside: Bool

    public init(_ polygon: Polygon) {
        let rings = [polygon.exterior] + polygon.holes
        let box = polygon.bounds
        let edgeCount = rings.reduce(0) { $0 + $1.points.count }
        hasInside = polygon.exterior.points.count >= 3
        minY = box.isEmpty ? 0 : box.minY
        let height = box.isEmpty ? 0 : box.maxY - box.minY
        bandCount = height > 0 && height.isFinite ? max(1, min(4_096, edgeCount / 2)) : 1
        bandHeight = height > 0 && height.isFinite ? height / Double(bandCount) : 1
        var bands = [[Edge]](repeating: [], count: bandCount)
        // Rings the even-odd test calls empty (under three points) contribute no edges.
        for (r, ring) in rings.enumerated() where ring.points.count >= 3 {
            var previous = ring.points[ring.points.count - 1]
            for current in ring.points {
                let low = Self.band(of: min(previous.y, current.y), minY: minY, height: bandHeight, count: bandCount)
                let high = Self.band(of: max(previous.y, current.y), minY: minY, height: bandHeight, count: bandCount)
                for b in low...high { bands[b].append(Edge(ring: r, previous: previous, current: current)) }
                previous = current
            }
        }
        self.bands = bands
    }

    /// The band of height `y`: monotone in `y`, clamped to the `count` bands.
    private static func band(of y: Double, minY: Double, height: Double, count: Int) -> Int {
        let k = ((y - minY) / height).rounded(.down)
        guard !k.isNaN else { return 0 }
        return Int(max(0, min(Double(count - 1), k)))
    }

    /// True when `p` lies inside the polygon: `Polygon.contains(p)`, to the bit.
    public func contains(_ p: Point) -> Bool {
        // A NaN height crosses no edge in the plain test: nothing toggles, nothing is inside.
        guard hasInside, !p.y.isNaN else { return false }
        var ring = 0, inside = false
        for e in bands[Self.band(of: p.y, minY: minY, height: bandHeight, count: bandCount)] {
            if e.ring != ring {
                // A ring's parity is complete: outside the exterior, or inside a hole.
                if ring == 0 ? !inside : inside { return false }
                ring = e.ring
                inside = false
            }
            if (e.current.y > p.y) != (e.previous.y > p.y), p.x < Ring.crossingX(e.previous, e.current, atY: p.y) {
                inside.toggle()
            }
        }
        return ring == 0 ? inside : !inside
    }
}
