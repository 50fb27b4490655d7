import Foundation

/// The cutting-session orders a server keeps, in the same database as its job queue (every
/// `JobQueue` is one), so an order survives restarts and, on PostgreSQL, is shared by every
/// machine.
///
/// An order holds its bundled job (patterns and order lines, no stock), what is left of it
/// (an `OrderStateFile` text, `nest-order-state/1`, as `nest JOB --remaining` keeps it) and
/// its hides, numbered from 1 in the order they were posted. Each hide is nested by a job of
/// the queue against the state the order had when the hide was posted; its parts are booked
/// off only when the cut is confirmed. Until then a nested hide *holds* its parts
/// (`OrderPool`): every other hide is nested against the order less what the open hides
/// hold, so two cutting tables never get the same parts; a hide given up (discarded) holds
/// nothing.
///
/// Guarantees every implementation keeps: a hide and the job that nests it are recorded in
/// one transaction (no worker ever sees the job without its hide); a confirmation books a
/// hide at most once and changes the order's state only when it is still the state it was
/// computed from (compare and set), so two confirmations at once never book the same parts;
/// a confirmed hide is never discarded nor a discarded one confirmed; what a hide is nested
/// against is recorded only while the order and its open hides are as they were when it
/// was computed (`settleHide`).
public protocol OrderStore: Sendable {
    /// Opens an order; `state` is the whole order's state file text. Returns its id.
    func openOrder(name: String, bundle: Data, state: String) async throws -> Int64
    /// The order with its hides (by number), or nil.
    func order(_ id: Int64) async throws -> StoredOrder?
    /// Queues `job` and records it as the job that nests a hide of `order`, in one
    /// transaction: a new hide (numbered next) when `replacing` is nil, otherwise a re-nest
    /// of hide `replacing.number`, only while its current job is still `replacing.job` and it
    /// is not confirmed. Nil when the order does not exist or the hide changed meanwhile.
    func nestHide(order: Int64, replacing: (number: Int, job: Int64)?, hide: NewHide, job: NewJob) async throws
        -> (number: Int, job: QueuedJob)?
    /// What the worker of `job` needs when that job nests a hide of an order; nil for a job
    /// of its own.
    func orderRun(job: Int64) async throws -> OrderRun?
    /// Books hide `number`: in one transaction, marks it confirmed if its job is still `job`
    /// and it is not confirmed yet, and sets the order's state to `to` if it is still `from`.
    func confirmHide(order: Int64, number: Int, job: Int64, from: String, to: String) async throws -> ConfirmOutcome
    /// Gives hide `number` up (the operator will not cut it): marks it discarded if it is
    /// neither confirmed nor discarded yet, so it holds no parts any more. Nil: no such hide.
    func discardHide(order: Int64, number: Int) async throws -> DiscardOutcome?
    /// Records `state` as what hide `number` (nested by `job`) is nested against, in one
    /// transaction that first checks the basis it was computed from: the order's state is
    /// still `basis.state` and its other open hides, their jobs and those jobs' statuses are
    /// still `basis.open`. False (nothing written) when anything changed: compute again.
    func settleHide(order: Int64, number: Int, job: Int64, state: String, basis: OrderPool.Basis) async throws -> Bool
    /// Adds order lines: the order's bundle becomes `bundle` and its state `to`, only if its
    /// state is still `from` (compare and set). False when it changed (or no such order).
    func addLines(order: Int64, from: String, to: String, bundle: Data) async throws -> Bool
}

/// How giving a hide up went.
public enum DiscardOutcome: Sendable, Equatable {
    /// Discarded now; its job (to cancel when it is still queued or running).
    case discarded(job: Int64)
    /// Its cut was confirmed: its parts are booked and stay so.
    case confirmed
    case alreadyDiscarded
}

/// A job to queue (what `JobQueue.submit` takes).
public struct NewJob: Sendable {
    public var name: String
    public var parts: Int
    public var priority: Int
    public var timeLimit: Double?
    /// Stop once the best nest reaches this yield, in percent; nil: run the whole budget.
    public var targetYield: Double? = nil
    /// The bundled job's JSON.
    public var bundle: Data
}

/// A hide to record with the job that nests it.
public struct NewHide: Sendable {
    /// The hide's own name (from its file).
    public var name: String
    /// The hide file's JSON, with any defects marked late.
    public var hide: Data
    /// The order's state the hide is nested against (`OrderStateFile` text).
    public var stateBefore: String
    /// Defects marked on it after it was first nested.
    public var lateDefects: Int
    /// The job whose report the nest starts from (a warm start), or nil.
    public var startJob: Int64?
    /// For a re-nest: the parts its previous nest placed (`OrderStateFile` text, counts
    /// only), which the hide keeps holding until its new nest is done; nil for a new hide.
    public var held: String? = nil
}

/// What a worker needs to nest a hide of an order: the state to nest against and the job
/// whose report to start from.
public struct OrderRun: Sendable, Equatable {
    public var order: Int64
    public var hide: Int
    /// `OrderStateFile` text.
    public var state: String
    public var startJob: Int64?
}

/// How a confirmation went.
public enum ConfirmOutcome: Sendable, Equatable {
    case confirmed
    /// The hide was confirmed already, or its nest was replaced (a re-nest) meanwhile.
    case hideChanged
    /// The order's state changed since it was read (another hide was booked): read again.
    case orderChanged
}

/// One order as the store keeps it.
public struct StoredOrder: Sendable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
    /// The order's bundled job: patterns and order lines, no stock.
    public var bundle: Data
    /// What is left of it: `OrderStateFile` text.
    public var state: String
    public var hides: [StoredHide]
}

/// One hide of an order.
public struct StoredHide: Sendable {
    public var number: Int
    public var name: String
    public var hide: Data
    /// The order's state the hide was nested against (`OrderStateFile` text).
    public var stateBefore: String
    /// The job that nests it now.
    public var job: Int64
    public var startJob: Int64?
    public var lateDefects: Int
    /// When its cut was confirmed (its parts booked off); nil until then.
    public var confirmedAt: Date?
    /// When it was given up (it holds no parts since); nil if it was not.
    public var discardedAt: Date? = nil
    /// The parts its previous nest placed while it is re-nested (`NewHide.held`), or nil.
    public var held: String? = nil

    /// Neither confirmed nor discarded: its nest, once done, holds its parts.
    public var isOpen: Bool { confirmedAt == nil && discardedAt == nil }
}
