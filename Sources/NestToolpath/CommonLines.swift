import NestGeometry

/// Common-line cutting: remembers every stretch already cut and removes, from each later
/// contour, the stretches that lie on one (parts nested at zero spacing share edges; the
/// knife cuts the shared edge once). Two edges count as shared where they are parallel
/// and lie within `tolerance` of each other; pieces shorter than `tolerance` are dropped.
struct CommonLines {
    let tolerance: Double
    var cut = SegmentGrid(cell: 25)

    init(tolerance: Double) { self.tolerance = tolerance }

    mutating func record(_ path: [Point]) {
        for (a, b) in zip(path, path.dropFirst()) where a != b { cut.insert(a, b) }
    }

    /// The parts of the closed walk `walk` (first point = last point) not cut yet, as open
    /// polylines in walking order. One polyline equal to `walk` when nothing is shared.
    func uncut(_ walk: [Point]) -> [[Point]] {
        var pieces: [[Point]] = []
        var current: [Point] = []
        for (a, b) in zip(walk, walk.dropFirst()) {
            for (s, e) in free(a, b) {
                let p = a + (b - a) * s, q = a + (b - a) * e
                if let last = current.last, (last - p).length <= 1e-9 {
                    current.append(q)
                } else {
                    if current.count >= 2 { pieces.append(current) }
                    current = [p, q]
                }
            }
        }
        if current.count >= 2 { pieces.append(current) }
        // A piece running through the start point joins the last piece to the first.
        if pieces.count >= 2, let f = pieces.first?.first, let l = pieces.last?.last, (f - l).length <= 1e-9 {
            pieces[0] = pieces.removeLast() + pieces[0].dropFirst()
        }
        return pieces.filter { zip($0, $0.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) } > tolerance }
    }

    /// Fractions of `a`–`b` not covered by a parallel segment already cut, as sorted intervals.
    func free(_ a: Point, _ b: Point) -> [(Double, Double)] {
        let d = b - a
        let len = d.length
        guard len > 0 else { return [] }
        let u = d * (1 / len)
        var covered: [(Double, Double)] = []
        for i in cut.near(a, b) {
            let (p, q) = cut.segments[i]
            // Both ends within tolerance of the line through a and b, and overlapping along it.
            guard abs(Point.cross(u, p - a)) <= tolerance, abs(Point.cross(u, q - a)) <= tolerance else { continue }
            var s = Point.dot(p - a, u) / len, e = Point.dot(q - a, u) / len
            if s > e { swap(&s, &e) }
            s = max(s, 0)
            e = min(e, 1)
            if (e - s) * len > tolerance { covered.append((s, e)) }
        }
        covered.sort { $0.0 < $1.0 }
        var out: [(Double, Double)] = []
        var at = 0.0
        for (s, e) in covered {
            if s > at { out.append((at, s)) }
            at = max(at, e)
        }
        if at < 1 { out.append((at, 1)) }
        return out.filter { ($0.1 - $0.0) * len > 1e-9 }
    }
}
