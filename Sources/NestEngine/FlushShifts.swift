import NestGeometry

/// The moves that lay a shape's box against the boxes it overlaps — other parts' spacing
/// shapes and its container's sides — along x, along y, or both: the exact contact
/// positions that a part filling a gap exactly (a row or column across the width, the last
/// cell of a grid) has, and that sampling and descent only approach.
///
/// Guarantees: every shift is non-zero and no longer than the body's box on its axis
/// (longer moves are other poses); against a part, the spacing shapes' boxes end `gap`
/// apart (`OrientedShape.contactGap`: without spacing, the bodies' boxes then meet), so
/// shapes as straight as their boxes do not collide and the contact band is left whole;
/// against the container the body's box ends on its side. The order depends only on the
/// boxes, never on hashing: the same boxes give the same shifts.
struct FlushShifts {
    /// Shifts along x and along y, ascending.
    let x: [Double]
    let y: [Double]

    /// The shifts of a shape whose body's box is `body` and spacing shape's box `spaced`
    /// (both placed) in `container`, against `others` (the placed boxes of the spacing
    /// shapes it meets), `gap` apart. With `nearestOnly`, only the shortest shift each way
    /// on each axis.
    init(body: Rect, spaced: Rect, container: Rect, others: [Rect], gap: Double, nearestOnly: Bool) {
        var dx = [container.minX - body.minX, container.maxX - body.maxX]
        var dy = [container.minY - body.minY, container.maxY - body.maxY]
        for other in others {
            dx += [other.maxX + gap - spaced.minX, other.minX - gap - spaced.maxX]
            dy += [other.maxY + gap - spaced.minY, other.minY - gap - spaced.maxY]
        }
        func kept(_ shifts: [Double], within reach: Double) -> [Double] {
            let useful = Array(Set(shifts.filter { $0 != 0 && abs($0) <= reach })).sorted()
            guard nearestOnly else { return useful }
            return [useful.last { $0 < 0 }, useful.first { $0 > 0 }].compactMap { $0 }
        }
        x = kept(dx, within: body.width)
        y = kept(dy, within: body.height)
    }

    /// Every move: along x alone, along y alone, then both at once.
    var moves: [Point] {
        x.map { Point($0, 0) } + y.map { Point(0, $0) } + x.flatMap { dx in y.map { Point(dx, $0) } }
    }
}
