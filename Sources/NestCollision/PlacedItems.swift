import NestGeometry

/// The parts already on a sheet, as their spacing shapes at absolute positions, indexed by
/// the collision engine's broad phase (`SpatialGrid`).
///
/// Adding is O(cells covered); a query tests only the items near its box, each once, so
/// its cost does not grow with the number of items on the sheet. `forEachCollision` says
/// which items a shape meets; `collides` stops at the first.
public struct PlacedItems: Sendable {
    public private(set) var items: [CollisionPolygon] = []
    private var grid: SpatialGrid

    /// An empty set over `area` (items outside it still work, through the edge cells).
    public init(area: Rect, cellSize requested: Double = 100) {
        let a = area.isEmpty ? Rect(minX: 0, minY: 0, maxX: 1, maxY: 1) : area
        // At most about 40 000 cells, and no more than 200 along a side unless the area is
        // long and thin (a roll of many metres), where cells stay square.
        let cell = max(requested, min(max(a.width, a.height) / 200, (a.width * a.height / 40_000).squareRoot()))
        grid = SpatialGrid(area: a, cell: cell)
    }

    /// Adds a placed item (already at its absolute position); returns its index.
    @discardableResult
    public mutating func add(_ item: CollisionPolygon) -> Int {
        let index = items.count
        items.append(item)
        grid.addSlot()
        grid.insert(index, box: item.bounds)
        return index
    }

    /// Calls `body` with the index of every placed item that `shape` at `offset` meets (or
    /// touches), until `body` returns false.
    public func forEachCollision(_ shape: CollisionPolygon, at offset: Point, _ body: (Int) -> Bool) {
        guard !items.isEmpty else { return }
        let box = shape.bounds.offsetBy(offset)
        grid.forEachCandidate(near: box) { i in
            let item = items[i]
            guard item.bounds.intersects(box), polygonsCollide(shape, at: offset, item, at: .zero) else { return true }
            return body(i)
        }
    }

    /// True when `shape` placed at `offset` meets (or touches) any placed item.
    public func collides(_ shape: CollisionPolygon, at offset: Point) -> Bool {
        var hit = false
        forEachCollision(shape, at: offset) { _ in hit = true; return false }
        return hit
    }
}
