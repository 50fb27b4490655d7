import Foundation

/// A rigid transform of the plane with an optional mirror:
/// first mirror (x → −x) when `mirrored`, then rotate counter-clockwise by
/// `rotationDegrees` about the origin, then translate by `translation`.
///
/// This is the order `report.json` documents for a placement. Distances and areas are
/// preserved exactly up to floating-point rounding.
public struct Transform: Hashable, Sendable {
    public var rotationDegrees: Double
    public var mirrored: Bool
    public var translation: Point

    @usableFromInline let cosA: Double
    @usableFromInline let sinA: Double

    public init(rotationDegrees: Double = 0, mirrored: Bool = false, translation: Point = .zero) {
        self.rotationDegrees = rotationDegrees
        self.mirrored = mirrored
        self.translation = translation
        let r = rotationDegrees * .pi / 180
        // Exact values for the quarter turns, so 90° and 180° add no rounding noise.
        switch rotationDegrees.truncatingRemainder(dividingBy: 360) {
        case 0: (cosA, sinA) = (1, 0)
        case 90, -270: (cosA, sinA) = (0, 1)
        case 180, -180: (cosA, sinA) = (-1, 0)
        case 270, -90: (cosA, sinA) = (0, -1)
        default: (cosA, sinA) = (cos(r), sin(r))
        }
    }

    public static let identity = Transform()

    @inlinable public func apply(_ p: Point) -> Point {
        let x = mirrored ? -p.x : p.x
        return Point(x * cosA - p.y * sinA + translation.x, x * sinA + p.y * cosA + translation.y)
    }

    /// Applies only the mirror and rotation (no translation): directions and offsets.
    @inlinable public func applyLinear(_ p: Point) -> Point {
        let x = mirrored ? -p.x : p.x
        return Point(x * cosA - p.y * sinA, x * sinA + p.y * cosA)
    }

    /// The same mirror and rotation with another translation.
    public func translated(to t: Point) -> Transform {
        Transform(rotationDegrees: rotationDegrees, mirrored: mirrored, translation: t)
    }
}
