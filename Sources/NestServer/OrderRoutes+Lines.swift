import Foundation
import Hummingbird
import NestGeometry
import NestIO
import NestModel

/// Pairs added to an open order: `POST /api/orders/{id}/lines` with order lines in the job
/// file's format (`OrderLines`). What is left grows by their parts; every hide nested and
/// not yet confirmed is re-nested from its current nest (a warm start, as after a late
/// defect) against the grown order, so the new pairs fill in around the parts it keeps.
/// Hides still being nested finish with the lines they had. The query's budget
/// (`samples`, `iterations`, `time_limit`, `priority`) applies to the re-nests.
extension OrderRoutes {
    func addLines(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let data: Data, budget: Budget
        do { (data, budget) = try await bodyAndBudget(request) } catch let refusal as Refusal { return refusal.response }
        let kernel = try GeometryKernel()
        for _ in 0..<5 {
            guard let order = try await queue.order(id) else { return Self.unknown(id) }
            let state = try OrderStateFile.read(data: Data(order.state.utf8), name: "order \(id) state")
            let grown: (bundle: Data, state: OrderRemainder, added: Int)
            do {
                let bundle = try OrderLines.withSessionStock(order)
                grown = try InputLimits.$current.withValue(limits) {
                    try OrderLines.add(data, order: bundle, state: state, kernel: kernel)
                }
            } catch let e as InputError {
                return ServerRoutes.refusal(.badRequest, e.description)
            }
            guard try await queue.addLines(order: id, from: order.state, to: OrderStateFile.text(grown.state), bundle: grown.bundle) else {
                continue  // another hide was booked meanwhile: add to the order as it is now
            }
            guard let now = try await queue.order(id) else { return Self.unknown(id) }
            var renested: [JSONValue] = []
            for hide in now.hides where hide.isOpen {
                guard OrderPool.nested(try await queue.job(hide.job)) else { continue }
                let object = try OrderJob.jsonObject(hide.hide, file: "hide \(hide.number)")
                do {
                    let (number, job, parts) = try await queueHideJob(now, hide: object, name: hide.name, lateDefects: hide.lateDefects,
                                                                      replacing: hide, budget: budget, kernel: kernel)
                    renested.append(.object([("hide", .integer(number)), ("job", .integer(Int(job.id))), ("parts", .integer(parts))]))
                } catch let refusal as Refusal {
                    // Confirmed, discarded or re-nested meanwhile: said, not re-nested.
                    renested.append(.object([("hide", .integer(hide.number)), ("job", .null),
                                             ("refused", .integer(Int(refusal.response.status.code)))]))
                }
            }
            guard let after = try await queue.order(id), case .object(var fields) = try await json(after) else { return Self.unknown(id) }
            fields.append(("parts_added", .integer(grown.added)))
            fields.append(("renested", .array(renested)))
            return ServerRoutes.json(.object(fields))
        }
        return Self.conflict("order \(id): the order kept changing while the lines were added: try again")
    }
}
