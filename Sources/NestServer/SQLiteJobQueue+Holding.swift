import Foundation
import GRDB

/// What the open hides of an order hold, on SQLite: giving a hide up, recording what a hide
/// is nested against (checked against the basis it was computed from), and pairs added to
/// an order (compare and set on its state); each one write transaction of GRDB's queue.
extension SQLiteJobQueue {
    /// Registered after `jobs-3` (migrations run in the order they are registered).
    static func registerHoldingMigrations(_ migrator: inout DatabaseMigrator) {
        // A hide given up, and what a hide being re-nested keeps holding.
        migrator.registerMigration("orders-2") { db in
            try db.execute(sql: "ALTER TABLE order_hides ADD COLUMN discarded_at REAL; ALTER TABLE order_hides ADD COLUMN held TEXT")
        }
    }

    public func discardHide(order: Int64, number: Int) throws -> DiscardOutcome? {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT job_id, confirmed_at, discarded_at FROM order_hides WHERE order_id = ? AND n = ?",
                                             arguments: [order, number]) else { return nil }
            if (row["confirmed_at"] as Double?) != nil { return .confirmed }
            if (row["discarded_at"] as Double?) != nil { return .alreadyDiscarded }
            try db.execute(sql: "UPDATE order_hides SET discarded_at = ? WHERE order_id = ? AND n = ?", arguments: [Self.now(), order, number])
            return .discarded(job: row["job_id"])
        }
    }

    public func settleHide(order: Int64, number: Int, job: Int64, state: String, basis: OrderPool.Basis) throws -> Bool {
        try database.write { db in
            guard try String.fetchOne(db, sql: "SELECT state FROM orders WHERE id = ?", arguments: [order]) == basis.state else { return false }
            let open = try Row.fetchAll(db, sql: """
                SELECT h.n, h.job_id, COALESCE(j.status, 'gone') AS status FROM order_hides h LEFT JOIN jobs j ON j.id = h.job_id
                WHERE h.order_id = ? AND h.n <> ? AND h.confirmed_at IS NULL AND h.discarded_at IS NULL ORDER BY h.n
                """, arguments: [order, number]).map { OrderPool.OpenHide(number: $0["n"], job: $0["job_id"], status: $0["status"]) }
            guard open == basis.open else { return false }
            try db.execute(sql: """
                UPDATE order_hides SET state_before = ?
                WHERE order_id = ? AND n = ? AND job_id = ? AND confirmed_at IS NULL AND discarded_at IS NULL
                """, arguments: [state, order, number, job])
            return db.changesCount == 1
        }
    }

    public func addLines(order: Int64, from: String, to: String, bundle: Data) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "UPDATE orders SET state = ?, bundle = ? WHERE id = ? AND state = ?", arguments: [to, bundle, order, from])
            return db.changesCount == 1
        }
    }
}
