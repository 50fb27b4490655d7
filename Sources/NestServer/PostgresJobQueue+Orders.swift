import Foundation
import PostgresNIO

/// The cutting-session orders in the queue's PostgreSQL database (tables `nest_orders` and
/// `nest_order_hides`, created with the queue's). A hide names its job by id without a
/// foreign key, so old jobs can be deleted from the queue (an order then shows that hide's
/// job as gone; its booking stays). A new hide and a confirmation lock the
/// order's row first, so servers on several machines number hides and book parts one at a
/// time.
extension PostgresJobQueue {
    static let orderTables = [
        """
        CREATE TABLE IF NOT EXISTS nest_orders (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            bundle BYTEA NOT NULL,
            state TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS nest_order_hides (
            order_id BIGINT NOT NULL REFERENCES nest_orders (id),
            n INTEGER NOT NULL,
            name TEXT NOT NULL,
            hide BYTEA NOT NULL,
            state_before TEXT NOT NULL,
            job_id BIGINT NOT NULL,
            start_job BIGINT,
            late_defects INTEGER NOT NULL DEFAULT 0,
            confirmed_at DOUBLE PRECISION,
            PRIMARY KEY (order_id, n)
        )
        """,
        "CREATE INDEX IF NOT EXISTS nest_order_hides_job ON nest_order_hides (job_id)",
        // A hide given up, and what a hide being re-nested keeps holding.
        "ALTER TABLE nest_order_hides ADD COLUMN IF NOT EXISTS discarded_at DOUBLE PRECISION",
        "ALTER TABLE nest_order_hides ADD COLUMN IF NOT EXISTS held TEXT",
    ]

    public func openOrder(name: String, bundle: Data, state: String) async throws -> Int64 {
        try await run("opening an order") { client in
            let ids = try await Self.ids(client.query("""
                INSERT INTO nest_orders (name, created_at, bundle, state) VALUES (\(name), \(unescaped: Self.now), \(bundle), \(state))
                RETURNING id
                """))
            guard let id = ids.first else { throw DatabaseUnavailable(database: "", reason: "the INSERT returned no row") }
            return id
        }
    }

    public func order(_ id: Int64) async throws -> StoredOrder? {
        try await run("reading order \(id)") { client in
            var order: StoredOrder?
            for try await row in try await client.query("SELECT id, name, created_at, bundle, state FROM nest_orders WHERE id = \(id)") {
                let (i, name, created, bundle, state) = try row.decode((Int64, String, Double, Data, String).self)
                order = StoredOrder(id: i, name: name, createdAt: Date(timeIntervalSince1970: created), bundle: bundle, state: state, hides: [])
            }
            guard var found = order else { return nil }
            for try await row in try await client.query("""
                SELECT n, name, hide, state_before, job_id, start_job, late_defects, confirmed_at, discarded_at, held
                FROM nest_order_hides WHERE order_id = \(id) ORDER BY n
                """) {
                let (n, name, hide, before, job, start, defects, confirmed, discarded, held) =
                    try row.decode((Int, String, Data, String, Int64, Int64?, Int, Double?, Double?, String?).self)
                found.hides.append(StoredHide(number: n, name: name, hide: hide, stateBefore: before, job: job, startJob: start,
                                              lateDefects: defects, confirmedAt: confirmed.map { Date(timeIntervalSince1970: $0) },
                                              discardedAt: discarded.map { Date(timeIntervalSince1970: $0) }, held: held))
            }
            return found
        }
    }

    public func nestHide(order: Int64, replacing: (number: Int, job: Int64)?, hide: NewHide, job: NewJob) async throws
        -> (number: Int, job: QueuedJob)?
    {
        let replaced = replacing.map { [$0.number, Int($0.job)] }
        return try await run("queueing a hide of order \(order)") { client in
            try await client.withTransaction(logger: Self.logger) { c -> (number: Int, job: QueuedJob)? in
                // One hide at a time per order, on every machine.
                guard try await !Self.ids(c.query("SELECT id FROM nest_orders WHERE id = \(order) FOR UPDATE", logger: Self.logger)).isEmpty
                else { return nil }
                let number: Int
                if let replaced {
                    let current = try await Self.ids(c.query("""
                        SELECT job_id FROM nest_order_hides
                        WHERE order_id = \(order) AND n = \(replaced[0]) AND job_id = \(Int64(replaced[1])) AND confirmed_at IS NULL
                            AND discarded_at IS NULL
                        """, logger: Self.logger))
                    guard !current.isEmpty else { return nil }
                    number = replaced[0]
                } else {
                    var last = 0
                    for try await row in try await c.query("SELECT COALESCE(MAX(n), 0) FROM nest_order_hides WHERE order_id = \(order)",
                                                           logger: Self.logger) {
                        last = try row.decode(Int.self)
                    }
                    number = last + 1
                }
                let inserted = try await Self.jobs(c.query(Self.insert(job), logger: Self.logger))
                guard let queued = inserted.first else { throw DatabaseUnavailable(database: "", reason: "the INSERT returned no row") }
                if replaced != nil {
                    try await c.query("""
                        UPDATE nest_order_hides SET hide = \(hide.hide), state_before = \(hide.stateBefore), job_id = \(queued.id),
                            start_job = \(hide.startJob), late_defects = \(hide.lateDefects), held = \(hide.held)
                        WHERE order_id = \(order) AND n = \(number)
                        """, logger: Self.logger)
                } else {
                    try await c.query("""
                        INSERT INTO nest_order_hides (order_id, n, name, hide, state_before, job_id, start_job, late_defects)
                        VALUES (\(order), \(number), \(hide.name), \(hide.hide), \(hide.stateBefore), \(queued.id), \(hide.startJob),
                                \(hide.lateDefects))
                        """, logger: Self.logger)
                }
                return (number, queued)
            }
        }
    }

    public func orderRun(job: Int64) async throws -> OrderRun? {
        try await run("reading the order of job \(job)") { client in
            for try await row in try await client.query("""
                SELECT order_id, n, state_before, start_job FROM nest_order_hides WHERE job_id = \(job)
                """) {
                let (order, n, state, start) = try row.decode((Int64, Int, String, Int64?).self)
                return OrderRun(order: order, hide: n, state: state, startJob: start)
            }
            return nil
        }
    }

    public func confirmHide(order: Int64, number: Int, job: Int64, from: String, to: String) async throws -> ConfirmOutcome {
        try await run("booking hide \(number) of order \(order)") { client in
            do {
                return try await Self.confirm(client, order: order, number: number, job: job, from: from, to: to)
            } catch let refused as ConfirmRefused {
                return refused.outcome
            } catch let e as PostgresTransactionError {
                if let refused = e.closureError as? ConfirmRefused { return refused.outcome }
                throw e
            }
        }
    }

    static func confirm(_ client: PostgresClient, order: Int64, number: Int, job: Int64, from: String, to: String) async throws
        -> ConfirmOutcome
    {
        try await client.withTransaction(logger: Self.logger) { c -> ConfirmOutcome in
                let states = try await c.query("SELECT state FROM nest_orders WHERE id = \(order) FOR UPDATE", logger: Self.logger)
                var state: String?
                for try await row in states { state = try row.decode(String.self) }
                let hides = try await c.query("""
                    UPDATE nest_order_hides SET confirmed_at = \(unescaped: Self.now)
                    WHERE order_id = \(order) AND n = \(number) AND job_id = \(job) AND confirmed_at IS NULL
                        AND discarded_at IS NULL RETURNING n
                    """, logger: Self.logger)
                var changed = 0
                for try await _ in hides { changed += 1 }
                guard changed == 1 else { throw ConfirmRefused(outcome: .hideChanged) }
                guard state == from else { throw ConfirmRefused(outcome: .orderChanged) }
                try await c.query("UPDATE nest_orders SET state = \(to) WHERE id = \(order)", logger: Self.logger)
                return .confirmed
            }
    }
}

/// Rolls a confirmation's transaction back, carrying why.
struct ConfirmRefused: Error {
    var outcome: ConfirmOutcome
}
