import NestGeometry

/// A uniform grid over the strip holding, per cell, the items whose spacing shapes'
/// bounding boxes touch it. Items move: `remove` then `insert`. Queries visit each
/// candidate once (an item is reported only from the first cell it shares with the query).
struct ItemGrid {
    let origin: Point
    let cell: Double
    let columns: Int
    let rows: Int
    private var cells: [[Int32]]
    private(set) var ranges: [(c0: Int, c1: Int, r0: Int, r1: Int)]

    init(area: Rect, cellSize: Double, itemCount: Int) {
        origin = Point(area.minX, area.minY)
        cell = max(cellSize, max(area.width, area.height) / 512)
        columns = max(1, Int((area.width / cell).rounded(.up)))
        rows = max(1, Int((area.height / cell).rounded(.up)))
        cells = Array(repeating: [], count: columns * rows)
        ranges = Array(repeating: (0, -1, 0, -1), count: itemCount)
    }

    @inline(__always)
    func range(of box: Rect) -> (c0: Int, c1: Int, r0: Int, r1: Int) {
        func clamp(_ v: Double, _ n: Int) -> Int { min(n - 1, max(0, Int(v.rounded(.down)))) }
        return (clamp((box.minX - origin.x) / cell, columns), clamp((box.maxX - origin.x) / cell, columns),
                clamp((box.minY - origin.y) / cell, rows), clamp((box.maxY - origin.y) / cell, rows))
    }

    /// Room for one more item index (appended).
    mutating func addSlot() { ranges.append((0, -1, 0, -1)) }

    /// Drops the last item index; the item must have been removed.
    mutating func removeSlot() { ranges.removeLast() }

    mutating func insert(_ item: Int, box: Rect) {
        let r = range(of: box)
        ranges[item] = r
        for row in r.r0...r.r1 {
            for col in r.c0...r.c1 { cells[row * columns + col].append(Int32(item)) }
        }
    }

    mutating func remove(_ item: Int) {
        let r = ranges[item]
        guard r.c0 <= r.c1 else { return }
        let id = Int32(item)
        for row in r.r0...r.r1 {
            for col in r.c0...r.c1 {
                let k = row * columns + col
                if let at = cells[k].firstIndex(of: id) { cells[k].remove(at: at) }
            }
        }
        ranges[item] = (0, -1, 0, -1)
    }

    /// Calls `body` once for every item whose cells meet the box's cells; stops when it
    /// returns false.
    func forEachCandidate(near box: Rect, _ body: (Int) -> Bool) {
        let q = range(of: box)
        for row in q.r0...q.r1 {
            for col in q.c0...q.c1 {
                for id in cells[row * columns + col] {
                    let j = Int(id)
                    let r = ranges[j]
                    // Report from the first shared cell only.
                    if col == max(q.c0, r.c0), row == max(q.r0, r.r0) {
                        if !body(j) { return }
                    }
                }
            }
        }
    }
}
