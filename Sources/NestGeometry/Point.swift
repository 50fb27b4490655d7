/// A point or vector in the plane, in millimetres unless a type says otherwise.
///
/// A plain value type of two `Double`s, laid out contiguously so that `[Point]`
/// loops run at C speed (see "Performance" in the README). Equality is exact.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    @inlinable public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    @inlinable public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(0, 0)

    @inlinable public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    @inlinable public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    @inlinable public static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }

    /// The z component of the cross product `a × b`.
    @inlinable public static func cross(_ a: Point, _ b: Point) -> Double { a.x * b.y - a.y * b.x }
    @inlinable public static func dot(_ a: Point, _ b: Point) -> Double { a.x * b.x + a.y * b.y }

    @inlinable public var length: Double { (x * x + y * y).squareRoot() }

    @inlinable public func distance(to other: Point) -> Double { (self - other).length }

    /// True when both coordinates are finite (neither NaN nor infinite).
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }
}
