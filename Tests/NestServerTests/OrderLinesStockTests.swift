import Foundation
@testable import NestServer
import NestIO
import NestModel
import Testing

/// Pairs added to an order count the panels its session cuts: an order opened before the
/// bundle kept its stand-in stock takes the materials of the panels its states name.
struct OrderLinesStockTests {
    static var bundle: [String: Any] { [
        "format": "nest-job/1", "name": "j",
        "order": [["pattern": ["name": "p", "panels": [["name": "vamp", "material": "leather"], ["name": "lining", "material": "mesh"]]],
                   "sizes": ["8": 1]]],
    ] }

    static func order(bundle: [String: Any], state: OrderRemainder) throws -> StoredOrder {
        StoredOrder(id: 1, name: "j", createdAt: Date(), bundle: try JSONSerialization.data(withJSONObject: bundle),
                    state: OrderStateFile.text(state), hides: [])
    }

    @Test func anOrderWithoutItsStockCountsTheMaterialsItsStateNames() throws {
        let leather = OrderRemainder(job: "j", counts: [.init(orderLine: 0, size: "8", panel: "vamp", side: .left): 1])
        let made = try OrderLines.withSessionStock(try Self.order(bundle: Self.bundle, state: leather))
        let object = try #require(try JSONSerialization.jsonObject(with: made) as? [String: Any])
        let hides = try #require((object["stock"] as? [String: Any])?["hides"] as? [[String: Any]])
        #expect(hides.map { $0["material"] as? String } == ["leather"], "\(hides)")
        // An order that keeps its stock is left as it is.
        var kept = Self.bundle
        kept["stock"] = OrderJob.standIn(["mesh"])
        let order = try Self.order(bundle: kept, state: leather)
        #expect(try OrderLines.withSessionStock(order) == order.bundle)
    }
}
