import NestGeometry

/// Straight lead-ins and lead-outs on a contour's scrap side (outside an outline, inside a
/// cut-out), at 45° to the contour so the knife enters and leaves smoothly, or (from a
/// corner, where that would leave the scrap) square to it or at 45° the other way. A lead that still crosses any
/// contour of the sheet is halved until it does not (at most six times, then dropped), so
/// leads never cut into a part.
struct LeadMoves {
    let contours: [CutContour]
    let edgeIndex: SegmentGrid

    init(contours: [CutContour]) {
        self.contours = contours
        var grid = SegmentGrid(cell: 25)
        for c in contours {
            for (a, b) in Self.edges(c.points) { grid.insert(a, b) }
        }
        self.edgeIndex = grid
    }

    static func edges(_ ring: [Point]) -> [(Point, Point)] {
        ring.indices.map { (ring[$0], ring[($0 + 1) % ring.count]) }
    }

    /// The unit direction of cutting at `start` and the unit normal pointing to scrap.
    func frame(_ c: CutContour, _ start: RingPosition) -> (tangent: Point, scrap: Point)? {
        let n = c.points.count
        let a = c.points[start.edge], b = c.points[(start.edge + 1) % n]
        let d = b - a
        let len = d.length
        guard len > 0 else { return nil }
        let t = d * (1 / len)
        let left = Point(-t.y, t.x)
        // The ring's inside is on the left of a counter-clockwise walk.
        let insideIsLeft = Ring(points: c.points).isCounterClockwise
        let scrapIsInside = c.kind == .hole
        return (t, insideIsLeft == scrapIsInside ? left : left * -1)
    }

    /// The lead's far end, `length` from `start` towards scrap, pulled back along the contour
    /// by `along` (−1 for a lead-in, +1 for a lead-out), or nil for no lead.
    func lead(_ c: CutContour, _ start: RingPosition, length: Double, along: Double) -> Point? {
        guard length > 0, let f = frame(c, start) else { return nil }
        // At 45° first; from a corner that may run off the scrap, so square to the contour
        // next, then at 45° the other way.
        let r = 1 / 2.0.squareRoot()
        let directions = [(f.scrap + f.tangent * along) * r, f.scrap, (f.scrap - f.tangent * along) * r]
        let ring = Ring(points: c.points)
        // On scrap: inside a cut-out, outside an outline (a lead from a corner can leave it).
        func onScrap(_ p: Point) -> Bool { ring.contains(p) == (c.kind == .hole) }
        var l = length
        for _ in 0..<7 {
            for dir in directions {
                let end = start.point + dir * l
                let from = start.point + dir * (l * 1e-4)
                if onScrap(end), onScrap(start.point + dir * (l / 2)), !edgeIndex.crosses(from, end) { return end }
            }
            l /= 2
        }
        return nil
    }
}

/// A bucket grid of segments for "does this segment cross any of them" queries.
struct SegmentGrid {
    let cell: Double
    var buckets: [Int64: [Int]] = [:]
    var segments: [(Point, Point)] = []

    init(cell: Double) { self.cell = cell }

    @inline(__always) func key(_ i: Int, _ j: Int) -> Int64 { Int64(i) &* 1_000_003 &+ Int64(j) }

    func cells(_ a: Point, _ b: Point) -> [Int64] {
        let i0 = Int((min(a.x, b.x) / cell).rounded(.down)), i1 = Int((max(a.x, b.x) / cell).rounded(.down))
        let j0 = Int((min(a.y, b.y) / cell).rounded(.down)), j1 = Int((max(a.y, b.y) / cell).rounded(.down))
        var out: [Int64] = []
        for i in i0...i1 { for j in j0...j1 { out.append(key(i, j)) } }
        return out
    }

    mutating func insert(_ a: Point, _ b: Point) {
        segments.append((a, b))
        for k in cells(a, b) { buckets[k, default: []].append(segments.count - 1) }
    }

    /// Indices of the segments that share a cell with `a`–`b`, ascending and unique.
    func near(_ a: Point, _ b: Point) -> [Int] {
        var out: [Int] = []
        for k in cells(a, b) { out += buckets[k] ?? [] }
        out.sort()
        var unique: [Int] = []
        for i in out where unique.last != i { unique.append(i) }
        return unique
    }

    func crosses(_ a: Point, _ b: Point) -> Bool {
        near(a, b).contains { Self.intersect(a, b, segments[$0].0, segments[$0].1) }
    }

    /// True when the closed segments meet.
    static func intersect(_ p1: Point, _ p2: Point, _ q1: Point, _ q2: Point) -> Bool {
        let d1 = Point.cross(q2 - q1, p1 - q1), d2 = Point.cross(q2 - q1, p2 - q1)
        let d3 = Point.cross(p2 - p1, q1 - p1), d4 = Point.cross(p2 - p1, q2 - p1)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        func on(_ a: Point, _ b: Point, _ p: Point) -> Bool {
            min(a.x, b.x) <= p.x && p.x <= max(a.x, b.x) && min(a.y, b.y) <= p.y && p.y <= max(a.y, b.y)
        }
        if d1 == 0 && on(q1, q2, p1) { return true }
        if d2 == 0 && on(q1, q2, p2) { return true }
        if d3 == 0 && on(p1, p2, q1) { return true }
        if d4 == 0 && on(p1, p2, q2) { return true }
        return false
    }
}
