/// A ring drawn a hair inside itself: what lets two parts without spacing touch.
extension Ring {
    /// The ring with every edge moved `distance` inward (to its left on a counter-clockwise
    /// ring), corners mitred: meant for distances far below the ring's shortest edge (the
    /// engine's contact band, 10⁻¹² mm), where the result is the same simple ring a hair
    /// smaller.
    ///
    /// Guarantees: each vertex moves inward along its corner's bisector, to the mitre point
    /// or, at a corner sharper than `mitreLimit` allows (the mitre more than `mitreLimit` ×
    /// `distance` away), only that far; a shorter move keeps more of the ring, so the result
    /// always contains every point of the ring farther than `distance` from its edges. An
    /// edge parallel to an axis stays parallel to it (its normal is exact), so two
    /// rectangles drawn this way side by side are exactly `2 × distance` apart when their
    /// rings touch. Orientation and point count are kept; a ring of fewer than three points,
    /// or a zero `distance`, comes back unchanged.
    public func inset(by distance: Double, mitreLimit: Double = 8) -> Ring {
        let n = points.count
        guard n >= 3, distance > 0 else { return self }
        // Inward is to the left of a counter-clockwise ring's edges, to the right otherwise.
        let side: Double = isCounterClockwise ? 1 : -1
        func inwardNormal(_ a: Point, _ b: Point) -> Point? {
            let d = b - a
            let length = d.length
            guard length > 0 else { return nil }
            return Point(-d.y / length * side, d.x / length * side)
        }
        var moved = points
        for i in 0..<n {
            let previous = points[(i + n - 1) % n], here = points[i], next = points[(i + 1) % n]
            guard let n1 = inwardNormal(previous, here), let n2 = inwardNormal(here, next) else { continue }
            // The mitre point of two offset lines: here + (n1 + n2) · distance / (1 + n1·n2).
            let sum = n1 + n2
            let denominator = 1 + (n1.x * n2.x + n1.y * n2.y)
            let reach = sum.length
            guard reach > 0 else { continue }
            var shift = sum * (distance / max(denominator, 1e-300))
            if denominator <= 0 || shift.length > mitreLimit * distance {
                shift = sum * (mitreLimit * distance / reach)
            }
            moved[i] = here + shift
        }
        return Ring(points: moved)
    }
}
