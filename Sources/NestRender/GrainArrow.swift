import NestGeometry

/// An arrow from `from` to `to` as one ring to fill: a shaft `shaft` wide with a head
/// `head` long at `to`, and at `from` too when `doubleHeaded` (a reversible grain).
/// Units are the caller's (sheet millimetres on a canvas).
func grainArrow(from a: Point, to b: Point, head: Double, doubleHeaded: Bool, shaft: Double? = nil) -> [Ring] {
    let d = b - a
    let l = d.length
    guard l > 0 else { return [] }
    let u = d * (1 / l), v = Point(-u.y, u.x)
    let h = min(head, l / (doubleHeaded ? 2.2 : 1.2))
    let w = 0.42 * h, t = (shaft ?? 0.13 * h) / 2
    var points = [b, b - u * h + v * w, b - u * h + v * t]
    if doubleHeaded {
        points += [a + u * h + v * t, a + u * h + v * w, a, a + u * h - v * w, a + u * h - v * t]
    } else {
        points += [a + v * t, a - v * t]
    }
    points += [b - u * h - v * t, b - u * h - v * w]
    return [Ring(points: points)]
}
