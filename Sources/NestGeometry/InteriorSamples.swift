/// Points spread evenly over a polygon's interior, each standing for an equal share of its
/// area: the centres of a square lattice's cells that fall inside, the lattice sized so
/// that about `target` of them do. Used to measure what lies under a shape (the leather's
/// grade) with a few lookups instead of an intersection.
extension Polygon {
    /// About `target` interior points (at least one: the pole when the lattice misses the
    /// polygon), in lattice order. Deterministic.
    public func interiorSamples(target: Int) -> [Point] {
        let b = bounds
        guard area > 0, target > 0, !b.isEmpty else { return [] }
        var step = (area / Double(target)).squareRoot()
        var points: [Point] = []
        // A thin polygon can fall between lattice rows: refine until enough points land.
        for _ in 0..<4 {
            points.removeAll(keepingCapacity: true)
            let columns = max(1, Int((b.width / step).rounded(.up)))
            let rows = max(1, Int((b.height / step).rounded(.up)))
            let x0 = b.minX + (b.width - Double(columns - 1) * step) / 2
            let y0 = b.minY + (b.height - Double(rows - 1) * step) / 2
            for r in 0..<rows {
                for c in 0..<columns {
                    let p = Point(x0 + Double(c) * step, y0 + Double(r) * step)
                    if contains(p) { points.append(p) }
                }
            }
            if points.count * 2 >= target { break }
            step /= 1.5
        }
        return points.isEmpty ? [poleOfInaccessibility().point] : points
    }
}
