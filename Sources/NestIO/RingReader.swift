import NestGeometry

/// Turns JSON coordinate lists into validated geometry, with errors naming the item.
struct RingReader {
    let file: String
    let scale: Double
    let kernel: GeometryKernel

    /// The largest coordinate accepted, in millimetres (10 km; a roll is at most some 100 m).
    static let farthestCoordinate = 1e7

    /// A ring from `[[x, y], ...]`: finite numbers no farther than `farthestCoordinate`, at least 3 distinct points; either open
    /// or closed by repeating the first point *exactly*. A last point within 0.05 mm of the
    /// first but not equal (and much closer than the ring's other points are to each other)
    /// is taken for a contour that was meant to close but does not, and refused.
    func ring(_ raw: [[Double]], item: String) throws -> Ring {
        try InputLimits.checkRing(count: raw.count, file: file, item: item)
        var pts: [Point] = []
        pts.reserveCapacity(raw.count)
        for (i, xy) in raw.enumerated() {
            guard xy.count == 2 else {
                throw InputError(file: file, item: "\(item) point \(i)", problem: "a point must be [x, y], got \(xy.count) numbers")
            }
            guard xy[0].isFinite, xy[1].isFinite else {
                throw InputError(file: file, item: "\(item) point \(i)", problem: "coordinate is not a finite number")
            }
            let p = Point(xy[0] * scale, xy[1] * scale)
            guard abs(p.x) <= Self.farthestCoordinate, abs(p.y) <= Self.farthestCoordinate else {
                throw InputError(file: file, item: "\(item) point \(i)", problem: String(
                    format: "coordinate %.6g mm lies more than 10 km from the origin: the file's units or origin are wrong (areas computed that far out lose their precision)",
                    abs(p.x) > abs(p.y) ? p.x : p.y))
            }
            pts.append(p)
        }
        if pts.count >= 2, let first = pts.first, let last = pts.last, first != last {
            let gap = first.distance(to: last)
            let meanEdge = Ring(points: pts).perimeter / Double(pts.count)
            if gap < 0.05, gap < 0.1 * meanEdge {
                throw InputError(file: file, item: item, problem: String(
                    format: "ring is not closed: its last point is %.3g mm from its first; repeat the first point exactly or leave it off",
                    gap))
            }
        }
        let ring = Ring(points: pts)
        // Consecutive duplicates are harmless for GEOS but degenerate for collision; drop them.
        var cleaned: [Point] = []
        for p in ring.points where cleaned.last != p { cleaned.append(p) }
        if cleaned.count > 1, cleaned.first == cleaned.last { cleaned.removeLast() }
        guard Set(cleaned).count >= 3 else {
            throw InputError(file: file, item: item, problem: "a ring needs at least 3 distinct points, got \(Set(cleaned).count)")
        }
        return Ring(points: cleaned)
    }

    /// A valid polygon from an outline and holes, checked by GEOS.
    func polygon(outline: [[Double]], holes: [[[Double]]]?, item: String) throws -> Polygon {
        let ext = try ring(outline, item: "\(item) outline")
        var hs: [Ring] = []
        for (i, h) in (holes ?? []).enumerated() { hs.append(try ring(h, item: "\(item) holes[\(i)]")) }
        let poly = Polygon(exterior: ext, holes: hs)
        let problem: ValidityProblem?
        do {
            problem = try kernel.validityProblem(poly)
        } catch {
            throw InputError(file: file, item: item, problem: "\(error)")
        }
        if let problem {
            throw InputError(file: file, item: item, problem: "invalid polygon: \(problem.description.lowercasedFirst)")
        }
        guard poly.area > 0 else { throw InputError(file: file, item: item, problem: "polygon has zero area") }
        return poly
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
