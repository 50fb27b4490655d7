import NestGeometry

/// The parts on one sheet as hazards of the collision engine: item `i` is a spacing shape
/// (in its own frame) at a translation, indexed by the one broad phase (`SpatialGrid`).
/// Items are appended, moved, and removed by index; a query collects the items a shape at a
/// pose meets (touching counts), or says whether it meets any.
///
/// The stock's own hazards — its outline, holes, defects and the zones worse than a part's
/// grade — are not items: GEOS merges them, per grade, into the `FreeRegion` a part of that
/// grade must lie in (the grade is the filter that says which of them matter).
///
/// Every query visits the items near its box in an order that depends only on the order of
/// the changes made, never on the clock or on threads. A value type: copying it copies the
/// index (a search keeps its best state so, and workers get their own).
public struct ItemHazards: Sendable {
    /// Each item's spacing shape, in its own frame.
    public private(set) var shapes: [CollisionPolygon] = []
    /// Each item's translation.
    public private(set) var positions: [Point] = []
    @usableFromInline var grid: SpatialGrid
    /// The area the broad phase was asked to cover (its cells may reach beyond it): every
    /// refill lays its cells out from this, so a refilled index is laid out as the first.
    public let gridArea: Rect

    /// No items, a broad phase of square cells of `cell` over `area` (items outside it go
    /// into its edge cells).
    public init(area: Rect, cell: Double) {
        gridArea = area
        grid = SpatialGrid(area: area, cell: cell)
    }

    public var count: Int { shapes.count }

    /// The cell size of the broad phase.
    public var gridCell: Double { grid.cell }

    /// Adds an item; it gets index `count - 1`.
    public mutating func append(_ shape: CollisionPolygon, at position: Point) {
        shapes.append(shape)
        positions.append(position)
        grid.addSlot()
        grid.insert(shapes.count - 1, box: shape.bounds.offsetBy(position))
    }

    /// Gives item `i` a new shape (another orientation) and position.
    public mutating func set(_ i: Int, _ shape: CollisionPolygon, at position: Point) {
        grid.remove(i)
        shapes[i] = shape
        positions[i] = position
        grid.insert(i, box: shape.bounds.offsetBy(position))
    }

    /// Gives item `i` another copy of its shape (equal to the one it holds: same points,
    /// same box), leaving the broad phase as it is.
    public mutating func replaceShape(_ i: Int, with shape: CollisionPolygon) {
        precondition(shape.bounds == shapes[i].bounds, "a copy of the same shape")
        shapes[i] = shape
    }

    /// Removes the last item.
    public mutating func removeLast() {
        grid.remove(shapes.count - 1)
        grid.removeSlot()
        shapes.removeLast()
        positions.removeLast()
    }

    /// Removes item `k`; the items after it move down one index, and the broad phase is
    /// refilled in index order (as one filled afresh with the remaining items would be).
    public mutating func remove(at k: Int) {
        shapes.remove(at: k)
        positions.remove(at: k)
        grid = SpatialGrid(area: gridArea, cell: grid.cell, capacity: shapes.count)
        for i in shapes.indices { grid.insert(i, box: shapes[i].bounds.offsetBy(positions[i])) }
    }

    /// The same items in a broad phase laid out anew over `area` with cells of `cell`,
    /// filled in index order.
    public func refilled(area: Rect, cell: Double) -> ItemHazards {
        var fresh = ItemHazards(area: area, cell: cell)
        for i in shapes.indices { fresh.append(shapes[i], at: positions[i]) }
        return fresh
    }

    /// Calls `body` with each item that `shape` at `t` meets or touches, in the broad
    /// phase's order, until `body` returns false.
    @inlinable
    public func forEachCollision(_ shape: borrowing CollisionPolygon, at t: Point, _ body: (Int) -> Bool) {
        // The pair is decided in its own frame (`polygonsCollide`); the broad phase and the
        // quick look at the boxes take a box a hair wider than the query's, so that a part
        // in contact is never passed over because the two boxes, placed in world
        // coordinates, round apart.
        let box = SpatialGrid.candidateBox(shape.bounds.offsetBy(t))
        forEachCandidate(near: box) { j in
            guard shapes[j].bounds.offsetBy(positions[j]).intersects(box),
                  polygonsCollide(shape, at: t, shapes[j], at: positions[j]) else { return true }
            return body(j)
        }
    }

    /// True when `shape` at `t` meets or touches any item.
    public func collidesWithAny(_ shape: CollisionPolygon, at t: Point) -> Bool {
        var hit = false
        forEachCollision(shape, at: t) { _ in
            hit = true
            return false
        }
        return hit
    }

    /// The broad phase's candidates near `box` (see `SpatialGrid.forEachCandidate`).
    @inlinable
    public func forEachCandidate(near box: Rect, _ body: (Int) -> Bool) {
        grid.forEachCandidate(near: box, body)
    }

    /// The broad phase's cell lists, sorted: what an invariant check compares with a grid
    /// filled afresh.
    public var cellContents: [[Int32]] { grid.cellContents }
}
