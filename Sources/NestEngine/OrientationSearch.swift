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

    /// The orientation index and translation of the best position found, or nil.
    mutating func best(_ shapes: [OrientedShape], region: FreeRegion, placed: SearchLayout, clearance: ClearanceMap?,
                       score: PlacementScore) -> (Int, Point)? {
        let shapes = Array(Self.searched(shapes, inside: region.bounds))
        let results = SearchResults(shapes.count)
        let aimed = clearance?.cells(withClearance: shapes.first?.poleRadius ?? 0) ?? []
        let seed = config.seed
        let config = self.config
        let stream = self.stream
        let work: @Sendable (Int) -> Void = { k in
            var rng = SeededGenerator(seed: seed, stream: stream + [UInt64(k)])
            var finder = PositionSearch(region: region, placed: placed, clearance: clearance, aimed: aimed, config: config, score: score)
            let f = finder.best(for: shapes[k], rng: &rng)
            results.set(k, found: f, queries: finder.queries)
        }
        if config.threads > 1, shapes.count > 1 {
            // Each task writes only its own slot.
            DispatchQueue.concurrentPerform(iterations: shapes.count, execute: work)
        } else {
            for k in shapes.indices { work(k) }
        }
        queries += results.queries.reduce(0, +)
        var best: (Int, PositionSearch.Found)?
        for (k, f) in results.found.enumerated() {
            guard let f else { continue }
            if best == nil || f.score < best!.1.score { best = (k, f) }
        }
        return best.map { ($0.0, $0.1.offset) }
    }

    /// Every free pose of the raster-fine sweep (`PositionSearch.sweep`) in every
    /// orientation of `shapes`, the separator's turns included, as (orientation index,
    /// translation and score), in orientation then cell order whatever the thread count.
    mutating func sweep(_ shapes: [OrientedShape], region: FreeRegion, placed: SearchLayout, clearance: ClearanceMap,
                        score: PlacementScore) -> [(Int, PositionSearch.Found)] {
        let slots = SweepResults(shapes.count)
        let aimed = clearance.cells(withClearance: shapes.first?.poleRadius ?? 0)
        guard !aimed.isEmpty else { return [] }
        let config = self.config
        let work: @Sendable (Int) -> Void = { k in
            var finder = PositionSearch(region: region, placed: placed, clearance: clearance, aimed: aimed, config: config, score: score)
            slots.set(k, found: finder.sweep(for: shapes[k]), queries: finder.queries)
        }
        if config.threads > 1, shapes.count > 1 {
            DispatchQueue.concurrentPerform(iterations: shapes.count, execute: work)  // each task writes its own slot
        } else {
            for k in shapes.indices { work(k) }
        }
        queries += slots.queries
        return shapes.indices.flatMap { k in slots.found(k).map { (k, $0) } }
    }

    /// The orientations the first nest tries: all but the separator's turns, which come
    /// after them (so an index into these is an index into all) — and the turns too when
    /// none of the others fits inside `bounds` (a long strip on a wide grain band may go
    /// onto a narrow roll only turned towards the band's end).
    static func searched(_ shapes: [OrientedShape], inside bounds: Rect) -> ArraySlice<OrientedShape> {
        let first = shapes.prefix { !$0.isTurn }
        return first.contains { fits($0, inside: bounds) } ? first : shapes[...]
    }

    /// Whether the box of `shape` is no larger than `bounds` either way.
    static func fits(_ shape: OrientedShape, inside bounds: Rect) -> Bool {
        let b = shape.body.bounds
        return b.width <= bounds.width && b.height <= bounds.height
    }

    /// One slot per orientation, written by the task that searched it. The slots live in
    /// memory allocated once: tasks on other threads write their own slot through the
    /// pointer, never through an array (whose every write is an access to all of it).
    private final class SearchResults: @unchecked Sendable {
        let count: Int
        private let foundSlots: UnsafeMutablePointer<PositionSearch.Found?>
        private let querySlots: UnsafeMutablePointer<Int>

        init(_ n: Int) {
            count = n
            foundSlots = .allocate(capacity: max(1, n))
            foundSlots.initialize(repeating: nil, count: max(1, n))
            querySlots = .allocate(capacity: max(1, n))
            querySlots.initialize(repeating: 0, count: max(1, n))
        }

        deinit {
            foundSlots.deinitialize(count: max(1, count))
            foundSlots.deallocate()
            querySlots.deallocate()
        }

        func set(_ k: Int, found: PositionSearch.Found?, queries: Int) {
            foundSlots[k] = found
            querySlots[k] = queries
        }

        var found: [PositionSearch.Found?] { Array(UnsafeBufferPointer(start: foundSlots, count: count)) }
        var queries: [Int] { Array(UnsafeBufferPointer(start: querySlots, count: count)) }
    }

    /// One list of poses per orientation, written by the task that swept it (as
    /// `SearchResults`, through memory allocated once).
    private final class SweepResults: @unchecked Sendable {
        let count: Int
        private let foundSlots: UnsafeMutablePointer<[PositionSearch.Found]>
        private let querySlots: UnsafeMutablePointer<Int>

        init(_ n: Int) {
            count = n
            foundSlots = .allocate(capacity: max(1, n))
            foundSlots.initialize(repeating: [], count: max(1, n))
            querySlots = .allocate(capacity: max(1, n))
            querySlots.initialize(repeating: 0, count: max(1, n))
        }

        deinit {
            foundSlots.deinitialize(count: max(1, count))
            foundSlots.deallocate()
            querySlots.deallocate()
        }

        func set(_ k: Int, found: [PositionSearch.Found], queries: Int) {
            foundSlots[k] = found
            querySlots[k] = queries
        }

        func found(_ k: Int) -> [PositionSearch.Found] { foundSlots[k] }
        var queries: Int { UnsafeBufferPointer(start: querySlots, count: count).reduce(0, +) }
    }
}
