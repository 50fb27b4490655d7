import Foundation
import NestIO
import NestModel

/// What of a cutting-session order a hide may be nested against: the order as booked, less
/// the parts the other open hides hold.
///
/// A hide that was nested and not yet confirmed nor discarded *holds* the parts its nest
/// placed (its state before, less the `order-state.json` its job wrote); while it is
/// re-nested (a late defect, pairs added) it keeps holding what its previous nest placed
/// (`StoredHide.held`). A hide whose first nest is still queued or running holds nothing
/// yet. `free` is the booked state less everything held (never below zero per kind).
///
/// The worker computes the pool when it starts a hide's job and records it with
/// `OrderStore.settleHide`, which checks in its transaction that the `basis` is unchanged
/// (the order's state, its open hides, their jobs and the jobs' statuses); so hides nested
/// one after the other never share a part. Hides of one order are nested one after the
/// other even with several workers: a worker about to nest a hide first waits while an
/// older job (a smaller id) nests another hide of the order — at most
/// `waitForEarlierHides` seconds, after which it goes ahead, and two hides nested at the
/// same moment may then place the same part; the confirmation that comes second is then
/// refused (409), as the booking re-checks the order as it is.
public struct OrderPool: Sendable {
    /// What a pool was computed from, compared again in the transaction that records it.
    public struct Basis: Sendable, Equatable {
        /// The order's booked state text.
        public var state: String
        /// The open hides other than the one nested: number, job, the job's status.
        public var open: [OpenHide]
    }

    /// One open hide as the basis saw it.
    public struct OpenHide: Sendable, Hashable, Comparable {
        public var number: Int
        public var job: Int64
        public var status: String

        public static func < (a: OpenHide, b: OpenHide) -> Bool { a.number < b.number }
    }

    /// The order as booked.
    public var booked: OrderRemainder
    /// The parts each open hide holds, by hide number (hides holding nothing are absent).
    public var held: [Int: [OrderRemainder.Kind: Int]]
    /// The booked state less everything held.
    public var free: OrderRemainder
    public var basis: Basis

    /// Parts of the order held by the open hides (booked less free).
    public var reserved: Int { booked.total - free.total }

    /// The pool of `order` for a hide other than `excluding` (nil: a new hide).
    static func of(_ order: StoredOrder, excluding: Int?, queue: any JobQueue) async throws -> OrderPool {
        let booked = try OrderStateFile.read(data: Data(order.state.utf8), name: "order \(order.id) state")
        var held: [Int: [OrderRemainder.Kind: Int]] = [:]
        var open: [OpenHide] = []
        for hide in order.hides where hide.isOpen && hide.number != excluding {
            let job = try await queue.job(hide.job)
            open.append(OpenHide(number: hide.number, job: hide.job, status: job?.status.rawValue ?? "gone"))
            if let parts = try await holding(hide, job: job, queue: queue), !parts.isEmpty { held[hide.number] = parts }
        }
        var free = booked
        for parts in held.values {
            for (kind, n) in parts {
                let left = (free.counts[kind] ?? 0) - n
                free.counts[kind] = left > 0 ? left : nil
            }
        }
        return OrderPool(booked: booked, held: held, free: free, basis: Basis(state: order.state, open: open.sorted()))
    }

    /// Whether `job` nested its hide: done, or cancelled while it ran with its best nest written.
    static func nested(_ job: QueuedJob?) -> Bool {
        guard let job else { return false }
        return job.status == .done || job.status == .cancelled && job.files.contains(JobWorker.orderStateName)
    }

    /// The parts an open `hide` holds (its job `job`), or nil when it holds none.
    static func holding(_ hide: StoredHide, job: QueuedJob?, queue: any JobQueue) async throws -> [OrderRemainder.Kind: Int]? {
        guard hide.isOpen else { return nil }
        if nested(job) { return try await placed(hide, queue: queue) }
        return try hide.held.map { try OrderStateFile.read(data: Data($0.utf8), name: "hide \(hide.number) held").counts }
    }

    /// The parts `hide`'s current nest placed, per kind: its state before, less the state its
    /// job wrote (`order-state.json`); nil when its job wrote none.
    static func placed(_ hide: StoredHide, queue: any JobQueue) async throws -> [OrderRemainder.Kind: Int]? {
        guard let after = try await queue.file(hide.job, name: JobWorker.orderStateName) else { return nil }
        let before = try OrderStateFile.read(data: Data(hide.stateBefore.utf8), name: "hide \(hide.number) state")
        return OrderRemainder.booked(from: before, to: try OrderStateFile.read(data: after, name: JobWorker.orderStateName))
    }

    /// Counts as the text `StoredHide.held` keeps (a state file of `job` with only counts).
    static func heldText(_ parts: [OrderRemainder.Kind: Int], job: String) -> String {
        OrderStateFile.text(OrderRemainder(job: job, counts: parts))
    }

    /// How long a worker waits, at most, for older jobs nesting other hides of the order
    /// before it nests its hide anyway (seconds): a hide's job has a time limit of 10 s by
    /// default, and a stuck one is put back after 30 s without a heartbeat.
    static let waitForEarlierHides = 120.0

    /// Who holds what, for a refusal: "hide 2 (14), hide 3 (6)".
    var holders: String {
        held.keys.sorted().map { "hide \($0) (\(held[$0]!.values.reduce(0, +)))" }.joined(separator: ", ")
    }

    /// For the worker about to nest hide `run.hide` with job `job`: waits while older jobs
    /// nest other hides of the order (or until `stopped()`), computes the hide's pool and
    /// records it as the state the hide is nested against, again until the order stood still
    /// while it was computed. Throws an `InputError` (the job fails with it) when the hide was
    /// given up or cut meanwhile, nothing is left for it, or it was stopped while it waited.
    static func settle(_ run: OrderRun, job: Int64, queue: any JobQueue, stopped: @escaping @Sendable () -> Bool = { false }) async throws
        -> OrderRun
    {
        let waitUntil = Date().addingTimeInterval(waitForEarlierHides)
        var attempts = 0
        while attempts < 20 {
            guard !stopped() else {
                throw InputError(file: "order \(run.order)", item: "hide \(run.hide)", problem: "stopped before it was nested")
            }
            guard let order = try await queue.order(run.order) else {
                throw InputError(file: "order \(run.order)", item: "", problem: "the order is gone")
            }
            guard let hide = order.hides.first(where: { $0.number == run.hide }), hide.job == job, hide.isOpen else {
                throw InputError(file: "order \(run.order)", item: "hide \(run.hide)",
                                 problem: "it was discarded, confirmed or re-nested before its job \(job) started: nothing to nest")
            }
            let pool = try await of(order, excluding: run.hide, queue: queue)
            // Another hide of the order is being nested by an older job: its parts are not known yet.
            if pool.basis.open.contains(where: { $0.status == JobStatus.running.rawValue && $0.job < job }), Date() < waitUntil {
                try await Task.sleep(for: .milliseconds(200))
                continue
            }
            attempts += 1
            guard pool.free.total > 0 else {
                throw InputError(file: "order \(run.order)", item: "hide \(run.hide)", problem: pool.booked.total == 0
                    ? "nothing is left to cut: every part was booked"
                    : "nothing is left to nest: the \(pool.booked.total) parts left are held by \(pool.holders): confirm or discard them")
            }
            let state = OrderStateFile.text(pool.free)
            if try await queue.settleHide(order: run.order, number: run.hide, job: job, state: state, basis: pool.basis) {
                var settled = run
                settled.state = state
                return settled
            }
        }
        throw InputError(file: "order \(run.order)", item: "hide \(run.hide)", problem: "the order kept changing while its job started: post the hide again")
    }
}
