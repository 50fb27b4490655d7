import Foundation
import PostgresNIO

/// What the open hides of an order hold, on PostgreSQL: giving a hide up, recording what a
/// hide is nested against (checked against the basis it was computed from, the order's row
/// locked), and pairs added to an order (compare and set on its state).
extension PostgresJobQueue {
    public func discardHide(order: Int64, number: Int) async throws -> DiscardOutcome? {
        try await run("discarding hide \(number) of order \(order)") { client in
            try await client.withTransaction(logger: Self.logger) { c -> DiscardOutcome? in
                // As a confirmation: one change of the order's hides at a time.
                _ = try await Self.ids(c.query("SELECT id FROM nest_orders WHERE id = \(order) FOR UPDATE", logger: Self.logger))
                var found: (Int64, Double?, Double?)?
                for try await row in try await c.query("""
                    SELECT job_id, confirmed_at, discarded_at FROM nest_order_hides WHERE order_id = \(order) AND n = \(number)
                    """, logger: Self.logger) {
                    found = try row.decode((Int64, Double?, Double?).self)
                }
                guard let found else { return nil }
                let (job, confirmed, discarded) = found
                if confirmed != nil { return .confirmed }
                if discarded != nil { return .alreadyDiscarded }
                try await c.query("""
                    UPDATE nest_order_hides SET discarded_at = \(unescaped: Self.now) WHERE order_id = \(order) AND n = \(number)
                    """, logger: Self.logger)
                return .discarded(job: job)
            }
        }
    }

    public func settleHide(order: Int64, number: Int, job: Int64, state: String, basis: OrderPool.Basis) async throws -> Bool {
        try await run("recording what hide \(number) of order \(order) is nested against") { client in
            try await client.withTransaction(logger: Self.logger) { c -> Bool in
                var current: String?
                for try await row in try await c.query("SELECT state FROM nest_orders WHERE id = \(order) FOR UPDATE", logger: Self.logger) {
                    current = try row.decode(String.self)
                }
                guard current == basis.state else { return false }
                var open: [OrderPool.OpenHide] = []
                for try await row in try await c.query("""
                    SELECT h.n, h.job_id, COALESCE(j.status, 'gone') FROM nest_order_hides h LEFT JOIN nest_jobs j ON j.id = h.job_id
                    WHERE h.order_id = \(order) AND h.n <> \(number) AND h.confirmed_at IS NULL AND h.discarded_at IS NULL ORDER BY h.n
                    """, logger: Self.logger) {
                    let (n, j, status) = try row.decode((Int, Int64, String).self)
                    open.append(OrderPool.OpenHide(number: n, job: j, status: status))
                }
                guard open == basis.open else { return false }
                var changed = 0
                for try await _ in try await c.query("""
                    UPDATE nest_order_hides SET state_before = \(state)
                    WHERE order_id = \(order) AND n = \(number) AND job_id = \(job) AND confirmed_at IS NULL AND discarded_at IS NULL
                    RETURNING n
                    """, logger: Self.logger) { changed += 1 }
                return changed == 1
            }
        }
    }

    public func addLines(order: Int64, from: String, to: String, bundle: Data) async throws -> Bool {
        try await run("adding lines to order \(order)") { client in
            var changed = 0
            for try await _ in try await client.query("""
                UPDATE nest_orders SET state = \(to), bundle = \(bundle) WHERE id = \(order) AND state = \(from) RETURNING id
                """) { changed += 1 }
            return changed == 1
        }
    }
}
