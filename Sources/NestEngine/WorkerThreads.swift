import Foundation
import Synchronization

/// A few threads kept for one separation, running the independent passes of each
/// separator iteration (tasks `0..<count`) beside the calling thread.
///
/// Why not `DispatchQueue.concurrentPerform`: an iteration's passes take a few hundred
/// microseconds, and waking pooled threads for each one cost about 30 µs per iteration on
/// this 2-core machine (measured on albano, 6 000 iterations: 0.19 s of 2.6 s). These
/// threads wait for the next iteration spinning for a short while, then asleep.
///
/// Guarantees: `run` returns once every task has finished, each run exactly once (on any
/// of the threads — a task must not depend on which); a task never sees another run's
/// closure. The caller must call `stop()` when done: the threads hold the object until
/// then, and end at once after it.
final class WorkerThreads: @unchecked Sendable {
    /// What one run asks: its number, its closure and its task count.
    private struct Job {
        let run: Int
        let count: Int
        let task: @Sendable (Int) -> Void
    }

    /// The current run's job, under `jobLock` (a pthread mutex, which ThreadSanitizer sees;
    /// `Synchronization.Mutex` on Linux is a bare futex it cannot follow).
    private var job: Job?
    private let jobLock = NSLock()
    /// The current run's number (high 32 bits) and the next task to claim (low 32 bits):
    /// a thread that took an older run's job can never claim a newer run's task.
    private let next = Atomic<UInt64>(0)
    /// Tasks of the current run finished.
    private let finished = Atomic<Int>(0)
    /// The number of the latest run (threads wait for it to change).
    private let published = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    /// Threads asleep on `wake`, each owed one signal.
    private let sleeping = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    private let helpers: Int

    /// Spins before a waiting thread sleeps (about 0.1 ms).
    private static let spinsBeforeSleep = 20_000

    /// `helpers` threads besides the caller's.
    init(helpers: Int) {
        self.helpers = helpers
        for _ in 0..<helpers {
            let thread = Thread { [self] in helperLoop() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `task(0) … task(count - 1)` on the caller's thread and the helpers; returns
    /// when all have finished.
    func run(_ count: Int, _ task: @escaping @Sendable (Int) -> Void) {
        let run = published.load(ordering: .relaxed) + 1
        finished.store(0, ordering: .relaxed)
        jobLock.withLock { job = Job(run: run, count: count, task: task) }
        next.store(UInt64(run) << 32, ordering: .releasing)
        published.store(run, ordering: .releasing)
        wakeSleepers()
        drain(Job(run: run, count: count, task: task))
        var spins = 0
        while finished.load(ordering: .acquiring) < count {
            spins += 1
            if spins & 1023 == 0 { sched_yield() }
        }
    }

    /// Lets the threads end (they finish nothing further).
    func stop() {
        stopping.store(true, ordering: .releasing)
        published.wrappingAdd(1, ordering: .releasing)
        let asleep = sleeping.exchange(0, ordering: .acquiringAndReleasing)
        for _ in 0..<max(asleep, 0) { wake.signal() }
    }

    private func wakeSleepers() {
        let asleep = sleeping.exchange(0, ordering: .acquiringAndReleasing)
        for _ in 0..<max(asleep, 0) { wake.signal() }
    }

    /// Claims and runs tasks of `job` until none is left.
    private func drain(_ job: Job) {
        var seen = next.load(ordering: .acquiring)
        while true {
            guard Int(seen >> 32) == job.run, Int(seen & 0xFFFF_FFFF) < job.count else { return }
            let (exchanged, original) = next.compareExchange(expected: seen, desired: seen + 1, ordering: .acquiringAndReleasing)
            if exchanged {
                job.task(Int(seen & 0xFFFF_FFFF))
                finished.wrappingAdd(1, ordering: .releasing)
                seen += 1
            } else {
                seen = original
            }
        }
    }

    private func helperLoop() {
        var seen = 0
        while true {
            var spins = 0
            while published.load(ordering: .acquiring) == seen {
                spins += 1
                if spins >= Self.spinsBeforeSleep {
                    sleep(untilAfter: seen)
                    spins = 0
                }
            }
            if stopping.load(ordering: .acquiring) { return }
            seen = published.load(ordering: .acquiring)
            if let current = jobLock.withLock({ job }) { drain(current) }
        }
    }

    /// Sleeps until a run after `seen` is published (or returns at once if one already is).
    private func sleep(untilAfter seen: Int) {
        sleeping.wrappingAdd(1, ordering: .acquiringAndReleasing)
        if published.load(ordering: .acquiring) == seen {
            wake.wait()
            return
        }
        // A run arrived meanwhile: take back the registration, or, if the publisher already
        // took it, consume the signal it owes.
        var asleep = sleeping.load(ordering: .acquiring)
        while asleep > 0 {
            let (exchanged, original) = sleeping.compareExchange(expected: asleep, desired: asleep - 1,
                                                                 ordering: .acquiringAndReleasing)
            if exchanged { return }
            asleep = original
        }
        wake.wait()
    }
}
