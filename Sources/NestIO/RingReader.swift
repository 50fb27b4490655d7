import NestGeometry

/// Turns JSON coordinate lists into validated geometry, with errors naming the item, and
/// notes of what it repaired on its own (`notes`).
struct RingReader {
    let file: String
    let scale: Double
    let kernel: GeometryKernel
    /// What was read its own way: spikes left out (see `ring`).
    private(set) var notes: [String] = []

    init(file: String, scale: Double, kernel: GeometryKernel) {
        self.file = file
        self.scale = scale
        self.kernel = kernel
    }

    /// A spike is left out when that changes the ring's area by at most this share (as an
    /// imported DXF piece's repair tolerance by default): a point out and back along one
    /// line encloses next to nothing.
    static let spikeAreaShare = 0.005

    /// The largest coordinate accepted, in millimetres (10 km; a roll is at most some 100 m).
    static let farthestCoordinate = 1e7

    /// A ring from `[[x, y], ...]`: finite numbers no farther than `farthestCoordinate`, at least 3 distinct points; either open
    /// or closed by repeating the first point *exactly*. A last point within 0.05 mm of the
    /// first but not equal (and much closer than the ring's other points are to each other)
    /// is taken for a contour that was meant to close but does not, and refused. Repeated
    /// consecutive points are read once; a spike (the ring turns back on itself at a point,
    /// more than `ShapeCheck.spikeDegrees`: a digitizer's stray point, a scanner's torn
    /// fibre) is left out with a note when that changes the area by at most
    /// `spikeAreaShare`, and kept otherwise.
    mutating func ring(_ raw: [[Double]], item: String) throws -> Ring {
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
            let p = ReadPrecision.rounded(Point(xy[0] * scale, xy[1] * scale))
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
        // Consecutive duplicates are harmless for GEOS but degenerate for collision; drop them.
        let read = Ring(points: pts).withoutRepeats().ring
        let distinct = Set(read.points).count
        guard distinct >= 3 else {
            throw InputError(file: file, item: item, problem: "a ring needs at least 3 distinct points, got \(distinct)")
        }
        guard let repair = read.withoutSmallSpikes(areaShare: Self.spikeAreaShare), Set(repair.ring.points).count >= 3 else {
            return read
        }
        notes.append(String(format: "%@: %@: the outline doubles back (a spike) at (%@)%@: left out (area changed by %.2g mm²)",
                            file, item, formatPoint(repair.spikes[0]), repair.spikes.count > 1 ? " and \(repair.spikes.count - 1) more" : "",
                            repair.areaChange))
        return repair.ring
    }

    /// A valid polygon from an outline and holes, checked by GEOS.
    mutating func polygon(outline: [[Double]], holes: [[[Double]]]?, item: String) throws -> Polygon {
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
