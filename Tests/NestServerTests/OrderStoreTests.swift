import Foundation
@testable import NestServer
import NestIO
import NestModel
import Testing

/// The cutting-session store on SQLite, without HTTP: hides numbered in order and recorded
/// with their job, a re-nest only of the hide's current job, a confirmation that books once
/// and rolls back whole when the order changed under it; and the booking arithmetic.
struct OrderStoreTests {
    static let vampL = OrderRemainder.Kind(orderLine: 0, size: "8", panel: "vamp", side: .left)
    static let vampR = OrderRemainder.Kind(orderLine: 0, size: "8", panel: "vamp", side: .right)
    static let tongue = OrderRemainder.Kind(orderLine: 0, size: "9", panel: "tongue", side: .none)

    @Test func bookingTakesOffWhatTheNestPlacedAndNeverGoesBelowZero() {
        let before = OrderRemainder(job: "j", counts: [Self.vampL: 3, Self.vampR: 3, Self.tongue: 1])
        let after = OrderRemainder(job: "j", counts: [Self.vampL: 1, Self.vampR: 3])
        let placed = OrderRemainder.booked(from: before, to: after)
        #expect(placed == [Self.vampL: 2, Self.tongue: 1])
        // Another hide took the tongue meanwhile: one short.
        var now = OrderRemainder(job: "j", counts: [Self.vampL: 3, Self.vampR: 2])
        #expect(now.shortage(of: placed) == [Self.tongue: 1])
        now.counts[Self.tongue] = 1
        #expect(now.shortage(of: placed).isEmpty)
        now.book(placed, stock: "cow-1")
        #expect(now.counts == [Self.vampL: 1, Self.vampR: 2] && now.total == 3)
        #expect(now.cuts == [OrderRemainder.Cut(stock: "cow-1", parts: 3)])
    }

    static func job(_ name: String) -> NewJob {
        NewJob(name: name, parts: 2, priority: 100, timeLimit: 10, bundle: Data("{}".utf8))
    }

    static func hide(_ state: String, start: Int64? = nil) -> NewHide {
        NewHide(name: "cow", hide: Data("{\"name\": \"cow\"}".utf8), stateBefore: state, lateDefects: start == nil ? 0 : 1, startJob: start)
    }

    @Test func hidesAreNumberedConfirmedOnceAndTheStateIsComparedAndSet() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-orders-\(UUID().uuidString)").path
        let path = (folder as NSString).appendingPathComponent("queue.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let queue = try SQLiteJobQueue(path: path, data: folder)
        let whole = OrderStateFile.text(OrderRemainder(job: "j", counts: [Self.vampL: 3, Self.vampR: 3]))
        let id = try queue.openOrder(name: "j", bundle: Data("{}".utf8), state: whole)
        #expect(try queue.nestHide(order: id + 1, replacing: nil, hide: Self.hide(whole), job: Self.job("x")) == nil, "no such order")

        let first = try #require(try queue.nestHide(order: id, replacing: nil, hide: Self.hide(whole), job: Self.job("h1")))
        let second = try #require(try queue.nestHide(order: id, replacing: nil, hide: Self.hide(whole), job: Self.job("h2")))
        #expect(first.number == 1 && second.number == 2 && first.job.status == .queued && first.job.priority == 100)
        #expect(try queue.orderRun(job: first.job.id) == OrderRun(order: id, hide: 1, state: whole, startJob: nil))
        #expect(try queue.orderRun(job: 999) == nil)

        // A re-nest replaces the hide's current job only.
        #expect(try queue.nestHide(order: id, replacing: (1, second.job.id), hide: Self.hide(whole, start: second.job.id), job: Self.job("r")) == nil)
        let renest = try #require(try queue.nestHide(order: id, replacing: (1, first.job.id), hide: Self.hide(whole, start: first.job.id),
                                                     job: Self.job("h1 again")))
        #expect(renest.number == 1)
        #expect(try queue.orderRun(job: renest.job.id)?.startJob == first.job.id)
        #expect(try queue.orderRun(job: first.job.id) == nil, "the first job no longer nests the hide")

        // The order changed since it was read: nothing is booked, the hide stays open.
        let booked = OrderStateFile.text(OrderRemainder(job: "j", counts: [Self.vampL: 1, Self.vampR: 3], cuts: [.init(stock: "cow", parts: 2)]))
        #expect(try queue.confirmHide(order: id, number: 1, job: renest.job.id, from: "stale", to: booked) == .orderChanged)
        #expect(try queue.order(id)?.hides.first?.confirmedAt == nil && queue.order(id)?.state == whole)
        #expect(try queue.confirmHide(order: id, number: 1, job: first.job.id, from: whole, to: booked) == .hideChanged, "not its job now")
        #expect(try queue.confirmHide(order: id, number: 1, job: renest.job.id, from: whole, to: booked) == .confirmed)
        #expect(try queue.confirmHide(order: id, number: 1, job: renest.job.id, from: booked, to: booked) == .hideChanged, "once")
        #expect(try queue.nestHide(order: id, replacing: (1, renest.job.id), hide: Self.hide(whole), job: Self.job("late")) == nil,
                "a confirmed hide is not re-nested")

        // Reopened from the file: all of it is there.
        let again = try SQLiteJobQueue(path: path, data: folder)
        let order = try #require(try again.order(id))
        #expect(order.state == booked && order.hides.map(\.number) == [1, 2] && order.hides[0].confirmedAt != nil)
        #expect(order.hides[0].job == renest.job.id && order.hides[0].startJob == first.job.id && order.hides[0].lateDefects == 1)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// What a hide is nested against is recorded only on the basis it was computed from; a
    /// hide is discarded once, never after its confirmation, and a discarded one is neither
    /// confirmed nor re-nested.
    @Test func aHidesPoolIsSettledOnlyOnItsBasisAndDiscardingIsFinal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-orders-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let queue = try SQLiteJobQueue(path: (folder as NSString).appendingPathComponent("queue.sqlite"), data: folder)
        let whole = OrderStateFile.text(OrderRemainder(job: "j", counts: [Self.vampL: 3, Self.vampR: 3]))
        let id = try queue.openOrder(name: "j", bundle: Data("{}".utf8), state: whole)
        let h1 = try #require(try queue.nestHide(order: id, replacing: nil, hide: Self.hide(whole), job: Self.job("h1")))
        let h2 = try #require(try queue.nestHide(order: id, replacing: nil, hide: Self.hide(whole), job: Self.job("h2")))
        let less = OrderStateFile.text(OrderRemainder(job: "j", counts: [Self.vampL: 2, Self.vampR: 2]))
        let basis = OrderPool.Basis(state: whole, open: [.init(number: 1, job: h1.job.id, status: "queued")])
        // Another hide's job changed status since: computed again.
        _ = try queue.claim(worker: "w")
        #expect(try queue.settleHide(order: id, number: 2, job: h2.job.id, state: less, basis: basis) == false)
        let now = OrderPool.Basis(state: whole, open: [.init(number: 1, job: h1.job.id, status: "running")])
        #expect(try queue.settleHide(order: id, number: 2, job: h2.job.id, state: less, basis: OrderPool.Basis(state: "stale", open: now.open)) == false)
        #expect(try queue.settleHide(order: id, number: 2, job: h1.job.id, state: less, basis: now) == false, "not hide 2's job")
        #expect(try queue.settleHide(order: id, number: 2, job: h2.job.id, state: less, basis: now))
        #expect(try queue.order(id)?.hides[1].stateBefore == less)

        #expect(try queue.discardHide(order: id, number: 1) == .discarded(job: h1.job.id))
        #expect(try queue.discardHide(order: id, number: 1) == .alreadyDiscarded)
        #expect(try queue.discardHide(order: id, number: 9) == nil)
        #expect(try queue.order(id)?.hides[0].isOpen == false)
        #expect(try queue.confirmHide(order: id, number: 1, job: h1.job.id, from: whole, to: less) == .hideChanged)
        #expect(try queue.nestHide(order: id, replacing: (1, h1.job.id), hide: Self.hide(whole), job: Self.job("again")) == nil)
        // Hide 1 no longer counts among hide 2's open hides.
        #expect(try queue.settleHide(order: id, number: 2, job: h2.job.id, state: less, basis: now) == false)
        #expect(try queue.settleHide(order: id, number: 2, job: h2.job.id, state: less, basis: OrderPool.Basis(state: whole, open: [])))
        #expect(try queue.confirmHide(order: id, number: 2, job: h2.job.id, from: whole, to: less) == .confirmed)
        #expect(try queue.discardHide(order: id, number: 2) == .confirmed)
        #expect(try queue.addLines(order: id, from: whole, to: whole, bundle: Data()) == false, "the state changed")
        #expect(try queue.addLines(order: id, from: less, to: whole, bundle: Data("{\"x\": 1}".utf8)))
        #expect(try queue.order(id)?.state == whole && queue.order(id)?.bundle == Data("{\"x\": 1}".utf8))
    }
}
