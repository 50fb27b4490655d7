import Foundation
import Hummingbird

/// Giving a hide up: `POST /api/orders/{id}/hides/{n}/discard`. The operator will not cut
/// the hide as it was nested (it went back to the stack, another hide is cut instead): it
/// stops holding its parts, so the next hides may take them; its job is cancelled when it
/// is still queued or running. A confirmed hide's parts are booked and stay so (409).
extension OrderRoutes {
    func discard(_ context: BasicRequestContext) async throws -> Response {
        let order: StoredOrder, hide: StoredHide
        do { (order, hide, _) = try await self.hide(context) } catch let refusal as Refusal { return refusal.response }
        let which = "order \(order.id): hide \(hide.number)"
        switch try await queue.discardHide(order: order.id, number: hide.number) {
        case nil:
            return ServerRoutes.refusal(.notFound, "order \(order.id): no hide \(hide.number)")
        case .confirmed?:
            return Self.conflict("\(which): its cut was confirmed already: its parts are booked and cannot be given back")
        case .alreadyDiscarded?:
            return Self.conflict("\(which): it was discarded already")
        case .discarded(let job)?:
            if let running = try await queue.job(job), running.status == .queued || running.status == .running {
                _ = try await queue.cancel(job)
            }
        }
        guard let now = try await queue.order(order.id) else { return Self.unknown(order.id) }
        return ServerRoutes.json(try await json(now))
    }
}
