import Foundation
import NestCollision
import NestGeometry

/// The best feasible position of a part over all its orientations on one sheet: a
/// `PositionSearch` per orientation (in parallel when `config.threads > 1`), the lowest
/// score kept, ties to the lowest orientation index, so threads never change the answer.
///
/// Randomness: orientation `k` draws from the stream `stream + [k]` of the seed.
struct OrientationSearch {
    let config: NestConfiguration
    let stream: [UInt64]
    /// Collision queries made (for statistics).
    private(set) var queries = 0

    init(config: NestConfiguration, stream: [UInt64]) {
        self.config = config
        self.stream = stream
    }

    /// The orientation index and translation of the best position found, slid onto what
    /// it stops against (`PositionSearch.settle`), or nil.
    mutating func best(_ shapes: [OrientedShape], region: FreeRegion, placed: SearchLayout, clearance: ClearanceMap?,
                       score: PlacementScore) -> (Int, Point)? {
        let shapes = Array(Self.searched(shapes, inside: region.bounds))
        let aimed = clearance?.cells(withClearance: shapes.first?.poleRadius ?? 0) ?? []
        let seed = config.seed
        let config = self.config
        let stream = self.stream
        let found = perOrientation(shapes.count, empty: nil) { k -> (PositionSearch.Found?, Int) in
            var rng = SeededGenerator(seed: seed, stream: stream + [UInt64(k)])
            var finder = PositionSearch(region: region, placed: placed, clearance: clearance, aimed: aimed, config: config, score: score)
            let f = finder.best(for: shapes[k], rng: &rng)
            return (f, finder.queries)
        }
        var best: (Int, PositionSearch.Found)?
        for (k, f) in found.enumerated() {
            guard let f else { continue }
            if best == nil || f.score < best!.1.score { best = (k, f) }
        }
        // The winner slid onto what it stops against (the others' scores are close enough
        // to choose by: the slide moves a part less than the descent's finest step, mostly).
        guard let (k, f) = best else { return nil }
        var finder = PositionSearch(region: region, placed: placed, clearance: clearance, aimed: aimed, config: config, score: score)
        let settled = finder.settle(shapes[k], from: f)
        queries += finder.queries
        return (k, settled.offset)
    }

    /// Every free pose of the raster-fine sweep (`PositionSearch.sweep`) in every
    /// orientation of `shapes`, the separator's turns included, as (orientation index,
    /// translation and score), in orientation then cell order whatever the thread count.
    mutating func sweep(_ shapes: [OrientedShape], region: FreeRegion, placed: SearchLayout, clearance: ClearanceMap,
                        score: PlacementScore) -> [(Int, PositionSearch.Found)] {
        let aimed = clearance.cells(withClearance: shapes.first?.poleRadius ?? 0)
        guard !aimed.isEmpty else { return [] }
        let config = self.config
        let found = perOrientation(shapes.count, empty: []) { k -> ([PositionSearch.Found], Int) in
            var finder = PositionSearch(region: region, placed: placed, clearance: clearance, aimed: aimed, config: config, score: score)
            return (finder.sweep(for: shapes[k]), finder.queries)
        }
        return found.enumerated().flatMap { k, poses in poses.map { (k, $0) } }
    }

    /// `work` for each of `count` orientations — side by side when `config.threads > 1`,
    /// each task writing only its own slot — and the values in orientation order; the
    /// queries each made are counted.
    private mutating func perOrientation<Value>(_ count: Int, empty: Value,
                                                _ work: @escaping @Sendable (Int) -> (Value, Int)) -> [Value] {
        let slots = Slots(count, empty: empty)
        let task: @Sendable (Int) -> Void = { k in
            let (value, queries) = work(k)
            slots.set(k, value, queries: queries)
        }
        if config.threads > 1, count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: task)
        } else {
            for k in 0..<count { task(k) }
        }
        queries += slots.queries
        return slots.values
    }

    /// The orientations the first nest tries: all but the separator's turns, which come
    /// after them (so an index into these is an index into all) — and the turns too when
    /// none of the others fits inside `bounds` (a long strip on a wide grain band may go
    /// onto a narrow roll only turned towards the band's end).
    static func searched(_ shapes: [OrientedShape], inside bounds: Rect) -> ArraySlice<OrientedShape> {
        let first = shapes.prefix { !$0.isTurn }
        return first.contains { fits($0, inside: bounds) } ? first : shapes[...]
    }

    /// Whether the box of `shape` is no larger than `bounds` either way (to the rounding of
    /// an exact fit, `FreeRegion.sideSlack` on each side).
    static func fits(_ shape: OrientedShape, inside bounds: Rect) -> Bool {
        let b = shape.body.bounds, slack = 2 * FreeRegion.sideSlack
        return b.width <= bounds.width + slack && b.height <= bounds.height + slack
    }

    /// One slot per orientation, written by the task that searched it. The slots live in
    /// memory allocated once: tasks on other threads write their own slot through the
    /// pointer, never through an array (whose every write is an access to all of it).
    private final class Slots<Value>: @unchecked Sendable {
        let count: Int
        private let valueSlots: UnsafeMutablePointer<Value>
        private let querySlots: UnsafeMutablePointer<Int>

        init(_ n: Int, empty: Value) {
            count = n
            valueSlots = .allocate(capacity: max(1, n))
            valueSlots.initialize(repeating: empty, count: max(1, n))
            querySlots = .allocate(capacity: max(1, n))
            querySlots.initialize(repeating: 0, count: max(1, n))
        }

        deinit {
            valueSlots.deinitialize(count: max(1, count))
            valueSlots.deallocate()
            querySlots.deallocate()
        }

        func set(_ k: Int, _ value: Value, queries: Int) {
            valueSlots[k] = value
            querySlots[k] = queries
        }

        var values: [Value] { Array(UnsafeBufferPointer(start: valueSlots, count: count)) }
        var queries: Int { UnsafeBufferPointer(start: querySlots, count: count).reduce(0, +) }
    }
}
