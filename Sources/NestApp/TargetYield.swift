import NestEngine
import Synchronization

/// Stops a run early once its best nest reaches a target yield: a listener (it watches the
/// optimizer's progress and passes every update on to `inner`) that is also the run's
/// terminator.
///
/// Only the optimizer's updates count: they give the yield of its best complete nest, which
/// the run keeps and verifies whatever stops it; during the first nest the yield of the
/// sheets filled so far says nothing about the whole. Whether the target is reached depends
/// on the seed and the budgets alone, so a run with a target stops at the same iteration
/// every time. Thread-safe.
public final class TargetYield<Inner: NestListener>: NestListener, Terminator {
    /// The yield to reach, in percent; nil: never stops the run.
    public let percent: Double?
    let inner: Inner
    private let reached = Atomic<Bool>(false)

    public init(percent: Double?, passingTo inner: Inner) {
        self.percent = percent
        self.inner = inner
    }

    /// True once an optimizer update reported at least `percent`.
    public var wasReached: Bool { reached.load(ordering: .relaxed) }

    public var shouldStop: Bool { wasReached }

    public func progress(_ update: NestProgress) {
        if let percent, update.optimizerIteration != nil, update.yieldPercent >= percent {
            reached.store(true, ordering: .relaxed)
        }
        inner.progress(update)
    }

    public func step(_ name: String) { inner.step(name) }
}
