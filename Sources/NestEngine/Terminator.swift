import Foundation

/// Decides when a run must stop early (time limit, Ctrl-C). The engine polls it between
/// steps; whatever it returns, the engine finishes with a valid, complete result.
public protocol Terminator: Sendable {
    var shouldStop: Bool { get }
    /// True when the stop came from outside the run (Ctrl-C, SIGTERM), not from a limit.
    var wasInterrupted: Bool { get }
}

extension Terminator {
    public var wasInterrupted: Bool { false }
}

/// Never stops: the run ends when its iteration budget is spent.
public struct NeverStop: Terminator {
    public init() {}
    public var shouldStop: Bool { false }
}

/// Stops after a wall-clock limit, or when `stop()` is called (e.g. from a signal handler).
public final class StopSignal: Terminator, @unchecked Sendable {
    private let deadline: Date?
    private let lock = NSLock()
    private var stopped = false
    private var interrupted = false

    public init(timeLimitSeconds: Double?) {
        deadline = timeLimitSeconds.map { Date().addingTimeInterval($0) }
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    /// Stops the run because of a signal: the same as `stop()`, and the run is marked
    /// as interrupted.
    public func interrupt() {
        lock.lock()
        stopped = true
        interrupted = true
        lock.unlock()
    }

    public var wasInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }

    public var shouldStop: Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return true }
        if let deadline, Date() >= deadline { return true }
        return false
    }
}

/// Stops at a wall-clock deadline counted from its creation.
public struct Deadline: Terminator {
    let end: Date

    public init(seconds: Double) {
        end = Date().addingTimeInterval(seconds)
    }

    public var shouldStop: Bool { Date() >= end }
}

/// Stops when either of two terminators says so.
public struct EitherStop<A: Terminator, B: Terminator>: Terminator {
    let a: A
    let b: B

    public init(_ a: A, _ b: B) {
        self.a = a
        self.b = b
    }

    public var shouldStop: Bool { a.shouldStop || b.shouldStop }
    public var wasInterrupted: Bool { a.wasInterrupted || b.wasInterrupted }
}

/// Receives progress from the engine. The engine never writes anything itself.
public protocol NestListener: Sendable {
    /// Called after each part is tried, with the running totals.
    func progress(_ update: NestProgress)
    /// Called when a run enters a step after the nesting itself (checking, planning,
    /// writing), named for the user: "writing the cut sheets".
    func step(_ name: String)
}

extension NestListener {
    public func step(_ name: String) {}
}

/// A snapshot of a run's progress.
public struct NestProgress: Sendable {
    public var partsTried: Int
    public var partsTotal: Int
    public var partsPlaced: Int
    public var sheetsUsed: Int
    /// Gross yield of the sheets used so far, in percent.
    public var yieldPercent: Double
    /// During optimization: iterations spent, the budget, and the best length (rolls).
    public var optimizerIteration: Int? = nil
    public var optimizerBudget: Int = 0
    public var lengthMM: Double? = nil
}

/// Ignores progress (tests).
public struct SilentListener: NestListener {
    public init() {}
    public func progress(_ update: NestProgress) {}
}
