import NestGeometry
import NestModel

/// The map from a sheet's frame (mm, y up, as in the report) to a machine's frame: the
/// origin at the profile's corner of the sheet's bounding box, axes pointing into the
/// sheet. A mirror when the corner is bottom-right or top-left; lengths are preserved.
public struct MachineFrame: Sendable, Hashable {
    public let bounds: Rect
    public let corner: OriginCorner

    public init(bounds: Rect, corner: OriginCorner) {
        self.bounds = bounds
        self.corner = corner
    }

    /// The corner itself, in the sheet's frame.
    public var origin: Point {
        switch corner {
        case .bottomLeft: Point(bounds.minX, bounds.minY)
        case .bottomRight: Point(bounds.maxX, bounds.minY)
        case .topLeft: Point(bounds.minX, bounds.maxY)
        case .topRight: Point(bounds.maxX, bounds.maxY)
        }
    }

    /// Sheet millimetres to machine millimetres.
    public func apply(_ p: Point) -> Point {
        let o = origin
        let x = (corner == .bottomLeft || corner == .topLeft) ? p.x - o.x : o.x - p.x
        let y = (corner == .bottomLeft || corner == .bottomRight) ? p.y - o.y : o.y - p.y
        return Point(x, y)
    }

    /// Machine millimetres back to the sheet's frame (the map is its own inverse up to the origin).
    public func inverse(_ p: Point) -> Point {
        let o = origin
        let x = (corner == .bottomLeft || corner == .topLeft) ? p.x + o.x : o.x - p.x
        let y = (corner == .bottomLeft || corner == .bottomRight) ? p.y + o.y : o.y - p.y
        return Point(x, y)
    }
}
