import Foundation
import NestGeometry
import Synchronization
import Testing

@testable import NestEngine

/// The separator's threads and the workers' private shapes: every task of every run runs
/// exactly once before `run` returns, and a layout reading a worker's copies computes what
/// it computed with its own shapes.
struct WorkerThreadsTests {
    /// Counts, per run, how often each task ran (under a pthread mutex, which
    /// ThreadSanitizer follows; `Synchronization.Mutex` on Linux is a futex it cannot).
    private final class Tally: @unchecked Sendable {
        private var values: [Int] = []
        private let lock = NSLock()
        var counts: [Int] { lock.withLock { values } }
        func reset(_ n: Int) { lock.withLock { values = Array(repeating: 0, count: n) } }
        func add(_ k: Int) { lock.withLock { values[k] += 1 } }
        func touch() -> Int { lock.withLock { values.count } }
    }

    @Test(arguments: [1, 2, 3])
    func everyTaskRunsOnceBeforeRunReturns(helpers: Int) {
        let threads = WorkerThreads(helpers: helpers)
        defer { threads.stop() }
        for run in 0..<3_000 {
            let count = 1 + run % 5
            let tally = Tally()
            tally.reset(count)
            threads.run(count) { k in
                // Uneven tasks, so that threads finish at different times.
                if k == run % count { for _ in 0..<(run % 7) * 200 { _ = tally.touch() } }
                tally.add(k)
            }
            let counts = tally.counts
            #expect(counts == Array(repeating: 1, count: count), "run \(run)")
            if counts != Array(repeating: 1, count: count) { return }
        }
    }

    @Test func threadsThatSleptWakeForTheNextRun() {
        let threads = WorkerThreads(helpers: 1)
        defer { threads.stop() }
        let ran = Atomic<Int>(0)
        for _ in 0..<3 {
            Thread.sleep(forTimeInterval: 0.02)  // long past the spinning: the helper sleeps
            threads.run(4) { _ in ran.wrappingAdd(1, ordering: .relaxed) }
        }
        #expect(ran.load(ordering: .relaxed) == 12)
    }

    @Test func workersCopiesAreEqualInValueAndOwnStorage() throws {
        var (layout, roll) = try StripOptimizerTests.firstNestLayout("shapes0", keepingOrientations: true, lengthShare: 0.85)
        let copies = WorkerShapeCopies(of: layout, workers: 3)
        #expect(copies.items.count == 3)
        let own = layout.items[0].shapes[0].spaced
        for w in 1..<3 {
            let copy = copies.items[w][0].shapes[0].spaced
            #expect(copy == own)
            #expect(copies.items[w][0].shapes[0] !== layout.items[0].shapes[0])
            let ownBase = own.points.withUnsafeBufferPointer { $0.baseAddress }
            let copyBase = copy.points.withUnsafeBufferPointer { $0.baseAddress }
            #expect(ownBase != copyBase)
        }
        // Items of one part share one shape list in a worker, as they do on the sheet.
        let sameKind = layout.items.indices.filter { layout.items[$0].shapes[0] === layout.items[0].shapes[0] }
        #expect(sameKind.count > 1)
        for i in sameKind { #expect(copies.items[1][i].shapes[0] === copies.items[1][0].shapes[0]) }

        let probe = (0..<40).map { k in Point(Double(k) * layout.length / 40, roll.width * Double(k % 7) / 7) }
        let before = probe.map { layout.weightedLoss(of: 3, shape: layout.items[3].shapes[0], at: $0) }
        let totalBefore = layout.totalLoss
        layout.adopt(copies.items[2])
        #expect(layout.items[3].shapes[0] === copies.items[2][3].shapes[0])
        #expect(layout.hazardsMatchItems)
        #expect(probe.map { layout.weightedLoss(of: 3, shape: layout.items[3].shapes[0], at: $0) } == before)
        #expect(layout.totalLoss == totalBefore)
        #expect(totalBefore > 0)
    }
}
