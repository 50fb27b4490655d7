import Foundation
import GRDB

/// The cutting-session orders in the queue's SQLite database (tables `orders` and
/// `order_hides`); each write is one transaction of GRDB's serialized queue.
extension SQLiteJobQueue {
    static func registerOrderMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("orders-1") { db in
            try db.execute(sql: """
                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    bundle BLOB NOT NULL,
                    state TEXT NOT NULL
                );
                CREATE TABLE order_hides (
                    order_id INTEGER NOT NULL REFERENCES orders (id),
                    n INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    hide BLOB NOT NULL,
                    state_before TEXT NOT NULL,
                    job_id INTEGER NOT NULL,
                    start_job INTEGER,
                    late_defects INTEGER NOT NULL DEFAULT 0,
                    confirmed_at REAL,
                    PRIMARY KEY (order_id, n)
                );
                CREATE INDEX order_hides_job ON order_hides (job_id);
                """)
        }
    }

    public func openOrder(name: String, bundle: Data, state: String) throws -> Int64 {
        try database.write { db in
            try db.execute(sql: "INSERT INTO orders (name, created_at, bundle, state) VALUES (?, ?, ?, ?)",
                           arguments: [name, Self.now(), bundle, state])
            return db.lastInsertedRowID
        }
    }

    public func order(_ id: Int64) throws -> StoredOrder? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE id = ?", arguments: [id]) else { return nil }
            let hides = try Row.fetchAll(db, sql: "SELECT * FROM order_hides WHERE order_id = ? ORDER BY n", arguments: [id]).map { h in
                StoredHide(number: h["n"], name: h["name"], hide: h["hide"], stateBefore: h["state_before"], job: h["job_id"],
                           startJob: h["start_job"], lateDefects: h["late_defects"],
                           confirmedAt: (h["confirmed_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                           discardedAt: (h["discarded_at"] as Double?).map { Date(timeIntervalSince1970: $0) }, held: h["held"])
            }
            return StoredOrder(id: row["id"], name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                               bundle: row["bundle"], state: row["state"], hides: hides)
        }
    }

    public func nestHide(order: Int64, replacing: (number: Int, job: Int64)?, hide: NewHide, job: NewJob) throws
        -> (number: Int, job: QueuedJob)?
    {
        let path = try writeBundle(job.bundle)
        let recorded: (number: Int, job: QueuedJob)? = try database.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM orders WHERE id = ?", arguments: [order]) != nil else { return nil }
            if let replacing {
                guard try Int64.fetchOne(db, sql: """
                    SELECT job_id FROM order_hides
                    WHERE order_id = ? AND n = ? AND job_id = ? AND confirmed_at IS NULL AND discarded_at IS NULL
                    """, arguments: [order, replacing.number, replacing.job]) != nil else { return nil }
                let queued = try Self.insertJob(db, job, bundlePath: path)
                try db.execute(sql: """
                    UPDATE order_hides SET hide = ?, state_before = ?, job_id = ?, start_job = ?, late_defects = ?, held = ?
                    WHERE order_id = ? AND n = ?
                    """, arguments: [hide.hide, hide.stateBefore, queued.id, hide.startJob, hide.lateDefects, hide.held, order,
                                     replacing.number])
                return (replacing.number, queued)
            }
            let number = (try Int.fetchOne(db, sql: "SELECT MAX(n) FROM order_hides WHERE order_id = ?", arguments: [order]) ?? 0) + 1
            let queued = try Self.insertJob(db, job, bundlePath: path)
            try db.execute(sql: """
                INSERT INTO order_hides (order_id, n, name, hide, state_before, job_id, start_job, late_defects)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [order, number, hide.name, hide.hide, hide.stateBefore, queued.id, hide.startJob, hide.lateDefects])
            return (number, queued)
        }
        if recorded == nil { try? FileManager.default.removeItem(atPath: path) }
        return recorded
    }

    public func orderRun(job: Int64) throws -> OrderRun? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT order_id, n, state_before, start_job FROM order_hides WHERE job_id = ?",
                             arguments: [job]).map { OrderRun(order: $0["order_id"], hide: $0["n"], state: $0["state_before"], startJob: $0["start_job"]) }
        }
    }

    public func confirmHide(order: Int64, number: Int, job: Int64, from: String, to: String) throws -> ConfirmOutcome {
        do {
            return try confirm(order: order, number: number, job: job, from: from, to: to)
        } catch is OrderChanged {
            return .orderChanged
        }
    }

    private func confirm(order: Int64, number: Int, job: Int64, from: String, to: String) throws -> ConfirmOutcome {
        try database.write { db in
            try db.execute(sql: """
                UPDATE order_hides SET confirmed_at = ? WHERE order_id = ? AND n = ? AND job_id = ? AND confirmed_at IS NULL
                    AND discarded_at IS NULL
                """, arguments: [Self.now(), order, number, job])
            guard db.changesCount == 1 else { return .hideChanged }
            try db.execute(sql: "UPDATE orders SET state = ? WHERE id = ? AND state = ?", arguments: [to, order, from])
            // The write transaction is rolled back with the thrown error: nothing is booked.
            guard db.changesCount == 1 else { throw OrderChanged() }
            return .confirmed
        }
    }
}

/// Rolls back a confirmation whose order changed under it.
struct OrderChanged: Error {}
