/// A circle: centre and radius (mm).
public struct Circle: Hashable, Sendable {
    public var center: Point
    public var radius: Double

    @inlinable public init(center: Point, radius: Double) {
        self.center = center
        self.radius = radius
    }
}

extension Polygon {
    /// Disjoint circles inside the polygon, largest first, each the largest that fits
    /// inside the polygon and outside the earlier ones: a cheap surrogate of the shape
    /// for measuring how deeply two shapes overlap. Found on a grid, so each circle is
    /// within about 2 % of the polygon's size of the best; deterministic.
    ///
    /// Stops at `maxCount` circles, when they cover `coverage` of the area, or when the
    /// next circle would be smaller than `minRadiusRatio` of the first.
    public func inscribedCircles(maxCount: Int = 16, coverage: Double = 0.85, minRadiusRatio: Double = 0.08,
                                 grid: Int = 48) -> [Circle] {
        let b = bounds
        guard b.width > 0, b.height > 0 else { return [] }
        var samples: [(p: Point, d: Double)] = []
        // Which grid points lie inside, a row of the grid at a time (the even-odd test of
        // each point, from the crossings of its row).
        let rows = (0...grid).map { j in
            let y = b.minY + b.height * Double(j) / Double(grid)
            return (exterior: exterior.crossings(atY: y), holes: holes.map { $0.crossings(atY: y) })
        }
        for i in 0...grid {
            for j in 0...grid {
                let p = Point(b.minX + b.width * Double(i) / Double(grid), b.minY + b.height * Double(j) / Double(grid))
                // Only points inside count: their distance is measured, the others' never.
                guard rows[j].exterior.contains(p.x), !rows[j].holes.contains(where: { $0.contains(p.x) }) else { continue }
                let d = boundaryDistance(to: p)
                if d > 0 { samples.append((p, d)) }
            }
        }
        var circles: [Circle] = []
        let first = poleOfInaccessibility()
        guard first.radius > 0 else { return [] }
        circles.append(Circle(center: first.point, radius: first.radius))
        // Room left at each sample once the existing circles are taken out.
        var room = samples.map { min($0.d, $0.p.distance(to: first.point) - first.radius) }
        var covered = Double.pi * first.radius * first.radius
        let total = area
        while circles.count < maxCount, covered < coverage * total {
            guard let k = room.indices.max(by: { room[$0] < room[$1] }), room[k] >= minRadiusRatio * first.radius else { break }
            let c = Circle(center: samples[k].p, radius: room[k])
            circles.append(c)
            covered += Double.pi * c.radius * c.radius
            for i in room.indices { room[i] = min(room[i], samples[i].p.distance(to: c.center) - c.radius) }
        }
        return circles
    }
}
