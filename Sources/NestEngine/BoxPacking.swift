import NestGeometry

/// Axis-aligned boxes packed into a strip of fixed width, as short as it can find: the
/// maximal-rectangles method (Jylänki, "A thousand ways to pack the bin", 2010). The free
/// room is kept as the list of its maximal empty rectangles; each box in turn takes the
/// free rectangle and orientation a placement rule likes best, at that rectangle's lower
/// left corner. Several rules and box orders are tried, and the strip's length is narrowed
/// by bisection between the boxes' area bound and the best length found.
///
/// Made for orders of rectangular pieces (straps, reinforcements, panels cut from a
/// sheet), where it lays pieces edge to edge and often rebuilds a sheet they were cut from
/// exactly — which a search over free positions and turns seldom does. Knows nothing of
/// collision shapes: the caller gives each box its sizes per allowed orientation, with the
/// spacing added, and checks the result with the exact engine.
///
/// Deterministic: the same boxes, strip and seed give the same packing.
struct BoxPacking {
    /// A box to pack: its sizes along the strip (`length`) and across it (`width`), one
    /// entry per orientation it may take (`orientation` is the caller's index).
    struct Box {
        var sizes: [Size]
    }

    /// A box's size in one orientation: along the strip and across it.
    typealias Size = (orientation: Int, length: Double, width: Double)

    /// Where box `index` went: its lower left corner and orientation.
    struct Placement: Equatable {
        var index: Int
        var orientation: Int
        var x: Double
        var y: Double
    }

    /// How a box chooses among the free rectangles it fits.
    enum Rule: CaseIterable {
        /// The least reach along the strip, then the lowest.
        case bottomLeft
        /// The least room left on the rectangle's shorter side (a snug fit).
        case bestShortSide
        /// The least room left on the longer side.
        case bestLongSide
        /// The smallest rectangle.
        case bestArea
    }

    let boxes: [Box]
    let width: Double
    /// What two sizes may differ by and still count as equal (a box exactly as wide as a
    /// free rectangle fits it).
    let tolerance: Double

    init(boxes: [Box], width: Double) {
        self.boxes = boxes
        self.width = width
        let largest = boxes.reduce(width) { m, b in b.sizes.reduce(m) { max($0, $1.length, $1.width) } }
        tolerance = 1e-9 * max(1, largest)
    }

    /// The shortest packing found within `length`, with the length it reaches (the
    /// largest `x + length` of its boxes); nil when no rule and order packs every box.
    /// Tries each rule with each of a few orders (largest area, longest side, longest
    /// along the strip, widest, longest perimeter first) and, for a few boxes, `shuffles`
    /// seeded random orders too; then bisects the length down towards the area bound,
    /// keeping every packing that fits.
    func shortest(within length: Double, shuffles: Int, seed: UInt64) -> (placements: [Placement], reach: Double)? {
        let orders = self.orders(shuffles: shuffles, seed: seed)
        var best: (placements: [Placement], reach: Double)?
        func tryAll(_ limit: Double) -> Bool {
            var packed = false
            for order in orders {
                for rule in Rule.allCases {
                    guard let p = pack(order: order, rule: rule, length: limit) else { continue }
                    packed = true
                    let reach = Self.reach(of: p, boxes: boxes)
                    if best == nil || reach < best!.reach - tolerance { best = (p, reach) }
                }
            }
            return packed
        }
        if tryAll(length), var high = best?.reach {
            var low = max(areaBound, longestMinimum)
            // Bisection on the length: a packing within `mid` narrows from above; none, from below.
            for _ in 0..<40 where high - low > tolerance {
                let mid = low + (high - low) / 2
                if tryAll(mid) {
                    high = min(mid, best!.reach)
                } else {
                    low = mid
                }
            }
            // The bound itself, when bisection stopped a hair above it.
            if best!.reach > low + tolerance { _ = tryAll(low + tolerance) }
        }
        // Boxes that may tile a strip of the bound's length exactly (pieces cut from one
        // sheet) are searched for such a tiling outright, even where no rule packed them
        // within `length`.
        if best.map({ $0.reach > areaBound + tolerance }) ?? true, boxes.count <= Self.perfectFillMaximum,
           areaBound <= length, let tiled = perfectFill(length: areaBound + tolerance, nodeBudget: Self.perfectFillNodes) {
            best = (tiled, Self.reach(of: tiled, boxes: boxes))
        }
        return best
    }

    /// A packing of every box within `length`, or nil: each order and rule of
    /// `shortest`, then the search for a tiling.
    func packAll(within length: Double, shuffles: Int, seed: UInt64) -> [Placement]? {
        for order in orders(shuffles: shuffles, seed: seed) {
            for rule in Rule.allCases {
                if let p = pack(order: order, rule: rule, length: length) { return p }
            }
        }
        guard boxes.count <= Self.perfectFillMaximum else { return nil }
        return perfectFill(length: length, nodeBudget: Self.perfectFillNodes)
    }

    /// Most boxes a search for a tiling is tried on, and the most partial tilings it may
    /// look at: a sheet cut into a dozen pieces is tiled again in a few thousand.
    static let perfectFillMaximum = 24
    static let perfectFillNodes = 200_000

    /// A packing within `length` that leaves no room in the strip unused, or nil when the
    /// search finds none within `nodeBudget` partial packings. Depth first: the room not yet
    /// filled nearest the strip's start (then lowest) must be some box's lower left corner
    /// in any tiling, so each step tries there each kind of box left, in each of its sizes
    /// that fits — complete for tilings, up to the budget.
    func perfectFill(length: Double, nodeBudget: Int) -> [Placement]? {
        // Equal boxes are one kind: trying a second of a kind where the first failed is
        // the same search again.
        var kinds: [(sizes: [Size], members: [Int])] = []
        for (i, b) in boxes.enumerated() {
            var sizes: [Size] = []
            for s in b.sizes where !sizes.contains(where: { $0.length == s.length && $0.width == s.width }) { sizes.append(s) }
            if let k = kinds.firstIndex(where: { kind in
                kind.sizes.count == sizes.count && zip(kind.sizes, sizes).allSatisfy { $0.length == $1.length && $0.width == $1.width }
            }) {
                kinds[k].members.append(i)
            } else {
                kinds.append((sizes, [i]))
            }
        }
        var used = [Int](repeating: 0, count: kinds.count)
        // The filled reach along the strip, in segments across it: (from, to, reach).
        var skyline: [(y0: Double, y1: Double, x: Double)] = [(0, width, 0)]
        var placed: [Placement] = []
        var nodes = 0
        func search() -> Bool {
            nodes += 1
            if placed.count == boxes.count { return true }
            if nodes > nodeBudget { return false }
            var low = 0
            for k in skyline.indices where skyline[k].x < skyline[low].x - tolerance { low = k }
            let seg = skyline[low]
            // Room narrower than every box left can never be filled: a box must not leave
            // such a strip beside it across the segment, nor such a gap before the strip's end.
            func narrowest(after k: Int, _ measure: (Size) -> Double) -> Double {
                var m = Double.infinity
                for j in kinds.indices {
                    let left = kinds[j].members.count - used[j] - (j == k ? 1 : 0)
                    if left > 0 { for size in kinds[j].sizes { m = min(m, measure(size)) } }
                }
                return m
            }
            // Boxes that fill the segment across exactly and end flush with a neighbour (or
            // the strip's end) first, then those doing one of the two, each largest first:
            // a tiling is made of such fits, and finding one early spares the search.
            var candidates: [(rank: Int, area: Double, kind: Int, size: Size)] = []
            let ends = [low > 0 ? skyline[low - 1].x : nil, low + 1 < skyline.count ? skyline[low + 1].x : nil, length]
            for k in kinds.indices where used[k] < kinds[k].members.count {
                for size in kinds[k].sizes
                where size.width <= seg.y1 - seg.y0 + tolerance && seg.x + size.length <= length + tolerance {
                    let across = abs(seg.y1 - seg.y0 - size.width) <= 2 * tolerance
                    let flush = ends.contains { $0.map { abs(seg.x + size.length - $0) <= 2 * tolerance } ?? false }
                    candidates.append((across && flush ? 0 : across ? 1 : flush ? 2 : 3, size.length * size.width, k, size))
                }
            }
            candidates.sort { ($0.rank, -$0.area, $0.kind, $0.size.orientation) < ($1.rank, -$1.area, $1.kind, $1.size.orientation) }
            for (_, _, k, size) in candidates {
                let acrossLeft = narrowest(after: k) { $0.width }, alongLeft = narrowest(after: k) { $0.length }
                // (Within two tolerances a room is none: the length asked may carry one.)
                let beside = seg.y1 - seg.y0 - size.width, before = length - seg.x - size.length
                if beside > 2 * tolerance, beside < acrossLeft - tolerance { continue }
                if before > 2 * tolerance, before < alongLeft - tolerance { continue }
                let saved = skyline
                let top = min(seg.y0 + size.width, seg.y1)
                var next = Array(skyline[..<low])
                next.append((seg.y0, top, seg.x + size.length))
                if seg.y1 - top > tolerance { next.append((top, seg.y1, seg.x)) }
                next += skyline[(low + 1)...]
                // Neighbours reaching equally far are one segment.
                var merged: [(y0: Double, y1: Double, x: Double)] = []
                for s in next {
                    if let last = merged.last, abs(last.x - s.x) <= tolerance {
                        merged[merged.count - 1].y1 = s.y1
                    } else {
                        merged.append(s)
                    }
                }
                skyline = merged
                placed.append(Placement(index: kinds[k].members[used[k]], orientation: size.orientation, x: seg.x, y: seg.y0))
                used[k] += 1
                if search() { return true }
                used[k] -= 1
                placed.removeLast()
                skyline = saved
                if nodes > nodeBudget { return false }
            }
            return false
        }
        return search() ? placed : nil
    }

    /// The boxes' total area over the strip's width (each box at its smallest area).
    var areaBound: Double {
        boxes.reduce(0) { sum, b in sum + (b.sizes.map { $0.length * $0.width }.min() ?? 0) } / width
    }

    /// The longest that some box must reach, whichever orientation that fits the width it takes.
    var longestMinimum: Double {
        boxes.reduce(0) { m, b in max(m, b.sizes.filter { $0.width <= width + tolerance }.map(\.length).min() ?? .infinity) }
    }

    /// One packing: the boxes in `order`, each at the free rectangle and orientation
    /// `rule` scores best; nil when a box fits nowhere within `length`.
    func pack(order: [Int], rule: Rule, length: Double) -> [Placement]? {
        var free = [Rect(minX: 0, minY: 0, maxX: length, maxY: width)]
        var placed: [Placement] = []
        placed.reserveCapacity(order.count)
        for index in order {
            var chosen: (score: (Double, Double), rect: Rect, size: Size)?
            for f in free {
                for size in boxes[index].sizes
                where size.length <= f.width + tolerance && size.width <= f.height + tolerance {
                    let score = Self.score(rule, size: size, in: f)
                    if chosen == nil || score < chosen!.score { chosen = (score, f, size) }
                }
            }
            guard let c = chosen else { return nil }
            let box = Rect(minX: c.rect.minX, minY: c.rect.minY,
                           maxX: c.rect.minX + c.size.length, maxY: c.rect.minY + c.size.width)
            placed.append(Placement(index: index, orientation: c.size.orientation, x: box.minX, y: box.minY))
            free = split(free, by: box)
        }
        return placed
    }

    /// A rule's score of a box of `size` in free rectangle `f` (lower is better): ties
    /// go to the lower, then the earlier rectangle along the strip.
    private static func score(_ rule: Rule, size: Size, in f: Rect) -> (Double, Double) {
        let dx = f.width - size.length, dy = f.height - size.width
        switch rule {
        case .bottomLeft: return (f.minX + size.length, f.minY)
        case .bestShortSide: return (min(dx, dy), max(dx, dy))
        case .bestLongSide: return (max(dx, dy), min(dx, dy))
        case .bestArea: return (f.width * f.height - size.length * size.width, min(dx, dy))
        }
    }

    /// The free rectangles after `box` is taken out of them: each one it overlaps gives
    /// way to the up to four maximal rectangles of itself beside the box, and a new one
    /// that another holds is dropped. (The rectangles the box missed were maximal and
    /// stay so; a new one, part of an old one, can hold none of them.)
    private func split(_ free: [Rect], by box: Rect) -> [Rect] {
        var kept: [Rect] = []
        var made: [Rect] = []
        kept.reserveCapacity(free.count + 4)
        for f in free {
            guard f.minX < box.maxX - tolerance, box.minX < f.maxX - tolerance,
                  f.minY < box.maxY - tolerance, box.minY < f.maxY - tolerance else {
                kept.append(f)
                continue
            }
            if box.minX - f.minX > tolerance { made.append(Rect(minX: f.minX, minY: f.minY, maxX: box.minX, maxY: f.maxY)) }
            if f.maxX - box.maxX > tolerance { made.append(Rect(minX: box.maxX, minY: f.minY, maxX: f.maxX, maxY: f.maxY)) }
            if box.minY - f.minY > tolerance { made.append(Rect(minX: f.minX, minY: f.minY, maxX: f.maxX, maxY: box.minY)) }
            if f.maxY - box.maxY > tolerance { made.append(Rect(minX: f.minX, minY: box.maxY, maxX: f.maxX, maxY: f.maxY)) }
        }
        let untouched = kept.count
        for (k, r) in made.enumerated() {
            let held = kept[..<untouched].contains { $0.contains(r, slack: 0) }
                || made.indices.contains { j in j != k && made[j].contains(r, slack: 0) && (!r.contains(made[j], slack: 0) || j < k) }
            if !held { kept.append(r) }
        }
        return kept
    }

    /// The orders the boxes are tried in: by decreasing area, longest side, length along
    /// the strip, width across it and perimeter (each box at its first orientation, ties
    /// by index), then `shuffles` seeded random orders.
    private func orders(shuffles: Int, seed: UInt64) -> [[Int]] {
        let keys: [(Box) -> Double] = [
            { $0.sizes[0].length * $0.sizes[0].width },
            { max($0.sizes[0].length, $0.sizes[0].width) },
            { $0.sizes[0].length },
            { $0.sizes[0].width },
            { $0.sizes[0].length + $0.sizes[0].width },
        ]
        var orders = keys.map { key in
            boxes.indices.sorted { key(boxes[$0]) != key(boxes[$1]) ? key(boxes[$0]) > key(boxes[$1]) : $0 < $1 }
        }
        var rng = SeededGenerator(seed: seed, stream: [0xB0C5])
        for _ in 0..<shuffles {
            var order = Array(boxes.indices)
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            orders.append(order)
        }
        return orders
    }

    /// The furthest the placed boxes reach along the strip.
    static func reach(of placements: [Placement], boxes: [Box]) -> Double {
        placements.reduce(0) { m, p in
            max(m, p.x + boxes[p.index].sizes.first { $0.orientation == p.orientation }!.length)
        }
    }
}
