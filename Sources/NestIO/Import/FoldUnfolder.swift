import NestGeometry

/// Unfolds a piece drawn as half of itself about its fold (mirror) line, as AAMA/ASTM
/// D6673 layer 6 marks it: the piece that is cut is the drawing together with its mirror
/// image about the line, cut-outs included, as one polygon.
///
/// Guarantees: the result is the GEOS union of the half and its reflection, with the
/// vertices that lie on the line (within `tolerance`) moved onto it first so both halves
/// share that edge exactly (no sliver along the fold). A fold line that does not run along
/// the piece's edge, a piece that lies on both sides of its line, or an unfolding that is not
/// one polygon is refused with the reason — never guessed.
struct FoldUnfolder {
    let kernel: GeometryKernel
    /// Largest distance (mm) of a boundary point from the fold line that still counts as on it.
    let tolerance: Double

    struct Refusal: Error { var reason: String }

    /// `polygon` unfolded about the line through `a` and `b`.
    func unfold(_ polygon: Polygon, about a: Point, _ b: Point) throws -> Polygon {
        let direction = b - a
        let length = direction.length
        guard length > tolerance, length.isFinite else {
            throw Refusal(reason: "the fold line is \(DecimalText.trimmed(length, decimals: 3)) mm long: too short to mirror about")
        }
        let unit = direction * (1 / length)
        func offset(_ p: Point) -> Double { Point.cross(unit, p - a) }
        func foot(_ p: Point) -> Point { a + unit * Point.dot(unit, p - a) }

        let outline = polygon.exterior.points
        let sides = outline.map(offset)
        let above = sides.contains { $0 > tolerance }, below = sides.contains { $0 < -tolerance }
        if above && below {
            throw Refusal(reason: "the piece lies on both sides of its fold line: it is not half of a piece")
        }
        // How much of the fold line the boundary runs along: edges with both ends on the line.
        var covered = 0.0
        let n = outline.count
        for i in 0..<n {
            let p = outline[i], q = outline[(i + 1) % n]
            guard abs(sides[i]) <= tolerance, abs(sides[(i + 1) % n]) <= tolerance else { continue }
            let s = Point.dot(unit, p - a), t = Point.dot(unit, q - a)
            covered += max(0, min(max(s, t), length) - max(min(s, t), 0))
        }
        guard covered >= 0.5 * length else {
            throw Refusal(reason: String(format: "the fold line runs along the piece's edge for %.3g of its %.4g mm: "
                + "a fold line must lie on the edge of the half it mirrors", covered, length))
        }

        func snapped(_ ring: Ring) -> Ring {
            Ring(points: ring.points.map { abs(offset($0)) <= tolerance ? foot($0) : $0 })
        }
        func mirrored(_ ring: Ring) -> Ring {
            // Points on the line are their own images, exactly.
            Ring(points: ring.points.reversed().map { p in abs(offset(p)) <= tolerance ? p : foot(p) * 2 - p })
        }
        let half = Polygon(exterior: snapped(polygon.exterior), holes: polygon.holes.map(snapped))
        let image = Polygon(exterior: mirrored(half.exterior), holes: half.holes.map(mirrored))
        let whole = try kernel.union([half, image])
        guard whole.count == 1, let piece = whole.first else {
            throw Refusal(reason: "the piece and its mirror image meet only at a point: unfolded it is \(whole.count) pieces")
        }
        return piece
    }
}
