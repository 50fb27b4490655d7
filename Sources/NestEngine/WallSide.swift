import NestGeometry

/// The side of a hide a compression wall comes from: the parts beyond the wall are pushed
/// behind it, and the leather between the wall and that side of the hide is freed.
public enum WallSide: String, Sendable, Hashable, CaseIterable {
    case top, right, left, bottom

    /// The half-plane kept by a wall `step` (a fraction of the hide's extent across the
    /// wall) inside the outermost edge of `layout`'s parts on this side, as a rectangle
    /// reaching past `box` (the hide's bounds) on the other three sides.
    func keptSide(of layout: SearchLayout, in box: Rect, step: Double) -> Polygon {
        let bodies = layout.items.map { $0.shape.body.bounds.offsetBy($0.position) }
        var lo = Point(box.minX - 1, box.minY - 1), hi = Point(box.maxX + 1, box.maxY + 1)
        switch self {
        case .top: hi.y = bodies.reduce(box.minY) { max($0, $1.maxY) } - step * box.height
        case .bottom: lo.y = bodies.reduce(box.maxY) { min($0, $1.minY) } + step * box.height
        case .right: hi.x = bodies.reduce(box.minX) { max($0, $1.maxX) } - step * box.width
        case .left: lo.x = bodies.reduce(box.maxX) { min($0, $1.minX) } + step * box.width
        }
        return Polygon([lo, Point(hi.x, lo.y), hi, Point(lo.x, hi.y)])
    }
}
