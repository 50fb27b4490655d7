import NestGeometry

/// The parts already on a sheet, as their spacing shapes at absolute positions, with a
/// bucket grid over their bounding boxes for the broad phase.
///
/// Adding is O(cells covered); a query tests only the items whose buckets its box meets,
/// each at most once (in the first bucket that both boxes share), so the cost of a query
/// does not grow with the number of items on the sheet, only with the items nearby.
public struct PlacedItems: Sendable {
    public private(set) var items: [CollisionPolygon] = []
    /// Each item's first bucket (column, row): where a query that meets it tests it.
    var firstCell: [(column: Int32, row: Int32)] = []
    let origin: Point
    let cellSize: Double
    let columns: Int
    let rows: Int
    var buckets: [[Int32]]

    /// An empty set over `area` (items outside it still work, through the edge cells).
    public init(area: Rect, cellSize requested: Double = 100) {
        let a = area.isEmpty ? Rect(minX: 0, minY: 0, maxX: 1, maxY: 1) : area
        // At most about 40 000 buckets, and no more than 200 along a side unless the area is
        // long and thin (a roll of many metres), where buckets stay square.
        let cs = max(requested, min(max(a.width, a.height) / 200, (a.width * a.height / 40_000).squareRoot()))
        origin = Point(a.minX, a.minY)
        cellSize = cs
        columns = max(1, Int((a.width / cs).rounded(.up)))
        rows = max(1, Int((a.height / cs).rounded(.up)))
        buckets = [[Int32]](repeating: [], count: columns * rows)
    }

    @inline(__always) func cellRange(_ box: Rect) -> (Int, Int, Int, Int) {
        func clamp(_ v: Int, _ n: Int) -> Int { min(n - 1, max(0, v)) }
        return (clamp(Int(((box.minX - origin.x) / cellSize).rounded(.down)), columns),
                clamp(Int(((box.maxX - origin.x) / cellSize).rounded(.down)), columns),
                clamp(Int(((box.minY - origin.y) / cellSize).rounded(.down)), rows),
                clamp(Int(((box.maxY - origin.y) / cellSize).rounded(.down)), rows))
    }

    /// Adds a placed item (already at its absolute position); returns its index.
    @discardableResult
    public mutating func add(_ item: CollisionPolygon) -> Int {
        let index = items.count
        items.append(item)
        let (c0, c1, r0, r1) = cellRange(item.bounds)
        firstCell.append((Int32(c0), Int32(r0)))
        for r in r0...r1 {
            for c in c0...c1 { buckets[r * columns + c].append(Int32(index)) }
        }
        return index
    }

    /// True when `shape` placed at `offset` meets (or touches) any placed item.
    public func collides(_ shape: CollisionPolygon, at offset: Point) -> Bool {
        guard !items.isEmpty else { return false }
        let box = shape.bounds.offsetBy(offset)
        let (c0, c1, r0, r1) = cellRange(box)
        for r in r0...r1 {
            for c in c0...c1 {
                for i in buckets[r * columns + c] {
                    // An item spanning several of the query's buckets is tested in the first only.
                    let first = firstCell[Int(i)]
                    guard max(Int(first.column), c0) == c, max(Int(first.row), r0) == r else { continue }
                    let item = items[Int(i)]
                    if item.bounds.intersects(box), polygonsCollide(shape, at: offset, item, at: .zero) { return true }
                }
            }
        }
        return false
    }
}
