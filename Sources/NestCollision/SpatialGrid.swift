import NestGeometry

/// The collision engine's broad phase: a uniform grid of square cells over an area, holding
/// per cell the indices of the items whose bounding boxes touch it. Items are inserted,
/// removed and moved (remove, then insert) by index; a box outside the area lands in the
/// edge cells, so nothing is ever lost.
///
/// A query visits each candidate exactly once — from the first cell that the candidate and
/// the query share — so its cost grows with the items near the box, not with all items.
/// The order of the visits depends only on the insertions, never on the clock or threads.
/// A value type: copying it copies the index.
public struct SpatialGrid: Sendable {
    public let origin: Point
    public let cell: Double
    public let columns: Int
    public let rows: Int
    @usableFromInline var cells: [[Int32]]
    /// Each item's covered cells; an empty range (`c0 > c1`) while it is not in the grid.
    @usableFromInline var ranges: [(c0: Int, c1: Int, r0: Int, r1: Int)]

    @usableFromInline static let absent = (c0: 0, c1: -1, r0: 0, r1: -1)

    /// An empty grid over `area` with cells of exactly `cell` on a side, with room for
    /// `capacity` item indices (0..<capacity).
    public init(area: Rect, cell: Double, capacity: Int = 0) {
        let a = area.isEmpty ? Rect(minX: 0, minY: 0, maxX: 1, maxY: 1) : area
        origin = Point(a.minX, a.minY)
        self.cell = cell
        columns = max(1, Int((a.width / cell).rounded(.up)))
        rows = max(1, Int((a.height / cell).rounded(.up)))
        cells = Array(repeating: [], count: columns * rows)
        ranges = Array(repeating: Self.absent, count: capacity)
    }

    /// The area the cells cover (at least the area given).
    public var area: Rect {
        Rect(minX: origin.x, minY: origin.y, maxX: origin.x + Double(columns) * cell, maxY: origin.y + Double(rows) * cell)
    }

    /// How many item indices the grid has room for.
    public var capacity: Int { ranges.count }

    /// `box` grown by 10⁻⁹ of its largest coordinate (at least 10⁻⁹ mm): a query for the
    /// parts that may meet a shape, so that one lying against it is found even when the two
    /// boxes, placed in world coordinates, round apart about a cell's edge.
    @inlinable
    public static func candidateBox(_ box: Rect) -> Rect {
        let reach = max(1, abs(box.minX), abs(box.maxX), abs(box.minY), abs(box.maxY)) * 1e-9
        return Rect(minX: box.minX - reach, minY: box.minY - reach, maxX: box.maxX + reach, maxY: box.maxY + reach)
    }

    @inlinable @inline(__always)
    func range(of box: Rect) -> (c0: Int, c1: Int, r0: Int, r1: Int) {
        func clamp(_ v: Double, _ n: Int) -> Int { min(n - 1, max(0, Int(v.rounded(.down)))) }
        return (clamp((box.minX - origin.x) / cell, columns), clamp((box.maxX - origin.x) / cell, columns),
                clamp((box.minY - origin.y) / cell, rows), clamp((box.maxY - origin.y) / cell, rows))
    }

    /// Room for one more item index, `capacity` before the call.
    public mutating func addSlot() { ranges.append(Self.absent) }

    /// Drops the last item index; that item must have been removed.
    public mutating func removeSlot() {
        precondition(ranges.last.map { $0.c0 > $0.c1 } ?? false, "SpatialGrid: the last slot still holds an item")
        ranges.removeLast()
    }

    /// Puts `item` (an index below `capacity`, not in the grid) under `box`.
    @inlinable
    public mutating func insert(_ item: Int, box: Rect) {
        let r = range(of: box)
        ranges[item] = r
        for row in r.r0...r.r1 {
            for col in r.c0...r.c1 { cells[row * columns + col].append(Int32(item)) }
        }
    }

    /// Takes `item` out of the grid (nothing happens when it is not in it).
    @inlinable
    public mutating func remove(_ item: Int) {
        let r = ranges[item]
        guard r.c0 <= r.c1 else { return }
        let id = Int32(item)
        for row in r.r0...r.r1 {
            for col in r.c0...r.c1 {
                let k = row * columns + col
                if let at = cells[k].firstIndex(of: id) { cells[k].remove(at: at) }
            }
        }
        ranges[item] = Self.absent
    }

    /// Calls `body` once for every item whose cells meet the cells of `box`; stops as soon
    /// as `body` returns false.
    @inlinable
    public func forEachCandidate(near box: Rect, _ body: (Int) -> Bool) {
        let q = range(of: box)
        for row in q.r0...q.r1 {
            for col in q.c0...q.c1 {
                for id in cells[row * columns + col] {
                    let j = Int(id)
                    let r = ranges[j]
                    // Visit from the first shared cell only.
                    if col == max(q.c0, r.c0), row == max(q.r0, r.r0) {
                        if !body(j) { return }
                    }
                }
            }
        }
    }

    /// The items listed in each cell, sorted (the order of insertion is not part of it):
    /// what an invariant check compares with a grid built afresh.
    public var cellContents: [[Int32]] { cells.map { $0.sorted() } }
}
