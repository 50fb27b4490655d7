import Foundation
import Hummingbird
import NestGeometry
import NestIO
import NestModel

/// The cutting-session routes of `nest serve` (described by `OpenAPIDocument`): an order is
/// opened once, each hide put on the table is posted to it and nested against what is left
/// of the order by a job of the queue — what is left less the parts the other nested,
/// unconfirmed hides hold (`OrderPool`) — and its parts are booked off when the operator
/// confirms the cut, or released when the hide is given up (`OrderRoutes+Discard`); a
/// defect marked late on a hide, or pairs added to the order (`OrderRoutes+Lines`), re-nest
/// it from its current nest.
///
/// The same mechanisms as the command: the order's state is a `nest-order-state/1` text
/// (`nest JOB --remaining STATE.json`), a hide's job is run with that state, and a re-nest
/// is a warm start from the hide's report (`nest JOB --start REPORT.json`).
///
/// Guarantees: parts are booked only by a confirmation, once per hide, and only when the
/// order still holds every one of them (otherwise 409, nothing booked); every refusal is a
/// 4xx with `{"error": "FILE: ITEM: PROBLEM"}`.
struct OrderRoutes: Sendable {
    let queue: any JobQueue
    let limits: InputLimits
    let maxBodyBytes: Int
    /// A hide's job runs at this priority unless the request says otherwise: the operator
    /// waits at the table.
    static let hidePriority = 100
    /// A hide's job stops after this many seconds unless the request says otherwise.
    static let hideTimeLimit = 10.0

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/orders") { request, _ in try await self.open(request) }
        router.get("/api/orders/:id") { _, context in
            let id = try Self.id(context)
            guard let order = try await self.queue.order(id) else { return Self.unknown(id) }
            return ServerRoutes.json(try await self.json(order))
        }
        router.post("/api/orders/:id/hides") { request, context in try await self.nestHide(request, context) }
        router.post("/api/orders/:id/hides/:n/confirm") { _, context in try await self.confirm(context) }
        router.post("/api/orders/:id/hides/:n/defects") { request, context in try await self.markDefect(request, context) }
        router.post("/api/orders/:id/hides/:n/discard") { _, context in try await self.discard(context) }
        router.post("/api/orders/:id/lines") { request, context in try await self.addLines(request, context) }
    }

    static func id(_ context: BasicRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
            throw HTTPError(.badRequest, message: "an order id is a positive whole number")
        }
        return id
    }

    static func number(_ context: BasicRequestContext) throws -> Int {
        guard let n = context.parameters.get("n", as: Int.self), n > 0 else {
            throw HTTPError(.badRequest, message: "a hide number is a positive whole number")
        }
        return n
    }

    static func unknown(_ id: Int64) -> Response { ServerRoutes.refusal(.notFound, "no order \(id)") }

    static func conflict(_ message: String) -> Response { ServerRoutes.refusal(.conflict, message) }

    /// The body, refused (413) beyond the limit before it is read whole.
    func body(_ request: Request) async throws -> Data? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes { return nil }
        return Data(buffer: try await request.body.collect(upTo: maxBodyBytes))
    }

    /// The body and the query's budget of a request that nests (a hide, a re-nest); throws
    /// the refusal to give (`Refusal`: 413 for a body over the limit, 400 for a bad budget).
    func bodyAndBudget(_ request: Request) async throws -> (Data, Budget) {
        guard let data = try await body(request) else { throw Refusal(tooLarge) }
        switch Self.budget(request) {
        case .success(let b): return (data, b)
        case .failure(let e): throw Refusal(ServerRoutes.refusal(.badRequest, e.description))
        }
    }

    var tooLarge: Response {
        ServerRoutes.refusal(.contentTooLarge, "request: the body is larger than the limit of \(maxBodyBytes / 1_048_576) MiB (--max-file-mb)")
    }

    /// `POST /api/orders` with a bundled job (patterns and order lines; any stock is set aside).
    func open(_ request: Request) async throws -> Response {
        guard let data = try await body(request) else { return tooLarge }
        let opened: (job: Job, bundle: Data, state: OrderRemainder)
        do {
            opened = try InputLimits.$current.withValue(limits) { try OrderJob.open(data, file: "request", kernel: try GeometryKernel()) }
        } catch let e as InputError {
            return ServerRoutes.refusal(.badRequest, e.description)
        }
        let id = try await queue.openOrder(name: opened.job.name, bundle: opened.bundle, state: OrderStateFile.text(opened.state))
        guard let order = try await queue.order(id) else { return Self.unknown(id) }
        return ServerRoutes.json(try await json(order), status: .created, headers: [.location: "/api/orders/\(id)"])
    }

    /// The budget a hide's job gets: `samples`, `iterations`, `time_limit`, `priority` from the query.
    struct Budget {
        var samples: Int?
        var iterations: Int?
        var timeLimit = OrderRoutes.hideTimeLimit
        var priority = OrderRoutes.hidePriority
    }

    static func budget(_ request: Request) -> Result<Budget, InputError> {
        let query = request.uri.queryParameters
        if let unknown = ServerRoutes.unknownParameter(request, allowed: ["samples", "iterations", "priority", "time_limit"]) {
            return .failure(InputError(file: "request", item: "", problem: unknown))
        }
        var b = Budget()
        func whole(_ name: String, _ range: ClosedRange<Int>) -> Result<Int?, InputError> {
            guard let text = query[Substring(name)].map(String.init) else { return .success(nil) }
            guard let v = Int(text), range.contains(v) else {
                return .failure(InputError(file: "request", item: name, problem: "a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text.prefix(20))\""))
            }
            return .success(v)
        }
        switch (whole("samples", 1...1_000_000), whole("iterations", 0...100_000_000), whole("priority", -1000...1000)) {
        case (.success(let s), .success(let i), .success(let p)):
            b.samples = s
            b.iterations = i
            if let p { b.priority = p }
        case (.failure(let e), _, _), (_, .failure(let e), _), (_, _, .failure(let e)):
            return .failure(e)
        }
        if let text = query["time_limit"].map(String.init) {
            guard let t = Double(text), t.isFinite, t > 0, t <= 3600 else {
                return .failure(InputError(file: "request", item: "time_limit", problem: "seconds, more than 0 and at most an hour, got \"\(text.prefix(20))\""))
            }
            b.timeLimit = t
        }
        return .success(b)
    }

    /// `POST /api/orders/{id}/hides` with a hide file as it was digitized: queues the job that
    /// nests it against what is left of the order.
    func nestHide(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let data: Data, budget: Budget
        do { (data, budget) = try await bodyAndBudget(request) } catch let refusal as Refusal { return refusal.response }
        guard let order = try await queue.order(id) else { return Self.unknown(id) }
        let kernel = try GeometryKernel()
        let read: (hide: Hide, object: [String: Any])
        do {
            read = try InputLimits.$current.withValue(limits) { try OrderJob.hide(data, file: "hide", kernel: kernel) }
        } catch let e as InputError {
            return ServerRoutes.refusal(.badRequest, e.description)
        }
        return try await queueHide(order, hide: read.object, name: read.hide.name, lateDefects: 0, replacing: nil, budget: budget,
                                   kernel: kernel)
    }

    /// Queues the job that nests `hide` for `order` against what is free of it now: the order
    /// less the parts the other open hides hold (`OrderPool`; the worker computes it again
    /// when the job starts). A re-nest (`replacing`, from its report) keeps holding the parts
    /// of the hide's previous nest until its new nest is done.
    func queueHide(_ order: StoredOrder, hide: [String: Any], name: String, lateDefects: Int, replacing: StoredHide?, budget: Budget,
                   kernel: GeometryKernel) async throws -> Response {
        do {
            let (number, queued, parts) = try await queueHideJob(order, hide: hide, name: name, lateDefects: lateDefects, replacing: replacing,
                                                                 budget: budget, kernel: kernel)
            return ServerRoutes.json(.object([("order", .integer(Int(order.id))), ("hide", .integer(number)), ("job", .integer(Int(queued.id))),
                                              ("parts", .integer(parts)), ("status", .string(queued.status.rawValue))]),
                                     status: .created, headers: [.location: "/api/jobs/\(queued.id)"])
        } catch let refusal as Refusal {
            return refusal.response
        }
    }

    /// `queueHide`'s work: the hide's number, its job and the parts asked; throws the
    /// refusal to give (`Refusal`).
    func queueHideJob(_ order: StoredOrder, hide: [String: Any], name: String, lateDefects: Int, replacing: StoredHide?, budget: Budget,
                      kernel: GeometryKernel) async throws -> (number: Int, job: QueuedJob, parts: Int) {
        let pool = try await OrderPool.of(order, excluding: replacing?.number, queue: queue)
        let state = pool.free
        guard pool.booked.total > 0 else {
            throw Refusal(Self.conflict("order \(order.id): nothing is left to cut: every part was booked (\(pool.booked.cuts.count) hide(s))"))
        }
        guard state.total > 0 else {
            throw Refusal(Self.conflict("order \(order.id): nothing is free to nest: the \(pool.booked.total) parts left are held by "
                + "\(pool.holders), nested and not confirmed: confirm or discard them"))
        }
        let stateText = OrderStateFile.text(state)
        var held: String?
        if let replacing, let previous = try await OrderPool.placed(replacing, queue: queue) {
            held = OrderPool.heldText(previous, job: pool.booked.job)
        }
        let built: (job: Job, bundle: Data)
        do {
            built = try InputLimits.$current.withValue(limits) {
                try OrderJob.hideJob(order: order.bundle, hide: hide, samples: budget.samples, iterations: budget.iterations,
                                     file: "hide", kernel: kernel)
            }
        } catch let e as InputError {
            throw Refusal(ServerRoutes.refusal(.badRequest, e.description))
        }
        var job = built.job
        job.remaining = state
        let parts = job.parts().count
        guard parts > 0 else {
            let material = job.stock.materials.sorted().joined(separator: ", ")
            throw Refusal(Self.conflict("hide: material: nothing of \(material) is free in order \(order.id)"))
        }
        let newHide = NewHide(name: name, hide: try JSONSerialization.data(withJSONObject: hide, options: [.sortedKeys]),
                              stateBefore: stateText, lateDefects: lateDefects, startJob: replacing?.job, held: held)
        let newJob = NewJob(name: "\(order.name) hide \(replacing?.number ?? order.hides.count + 1)", parts: parts,
                            priority: budget.priority, timeLimit: budget.timeLimit, bundle: built.bundle)
        guard let recorded = try await queue.nestHide(order: order.id, replacing: replacing.map { ($0.number, $0.job) },
                                                      hide: newHide, job: newJob) else {
            throw Refusal(Self.conflict("order \(order.id): the hide changed while this request was made: read the order again"))
        }
        return (recorded.number, recorded.job, parts)
    }

    /// The hide `n` of order `id` and its job; throws the refusal to give (`Refusal`).
    func hide(_ context: BasicRequestContext) async throws -> (StoredOrder, StoredHide, QueuedJob) {
        let id = try Self.id(context), n = try Self.number(context)
        guard let order = try await queue.order(id) else { throw Refusal(Self.unknown(id)) }
        guard let hide = order.hides.first(where: { $0.number == n }) else {
            throw Refusal(ServerRoutes.refusal(.notFound, "order \(id): no hide \(n) (it has \(order.hides.count))"))
        }
        guard let job = try await queue.job(hide.job) else {
            throw Refusal(ServerRoutes.refusal(.notFound, "order \(id): hide \(n): its job \(hide.job) is gone"))
        }
        return (order, hide, job)
    }

    struct Refusal: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }

    /// Why hide `n` cannot be booked or re-nested yet, or nil: it is nested, not cut. A job
    /// cancelled while it ran wrote its best verified nest: that nest can be cut.
    static func notReady(_ order: StoredOrder, _ hide: StoredHide, _ job: QueuedJob, doing: String) -> Response? {
        let which = "order \(order.id): hide \(hide.number)"
        if hide.confirmedAt != nil { return conflict("\(which): its cut was confirmed already: its parts are booked") }
        if hide.discardedAt != nil { return conflict("\(which): it was discarded: post the hide again to cut it") }
        switch job.status {
        case .done: return nil
        case .cancelled where job.files.contains(JobWorker.orderStateName): return nil
        case .queued, .running:
            return conflict("\(which): not nested yet (job \(job.id) is \(job.status.rawValue)): \(doing) once it is done")
        case .failed, .cancelled:
            return conflict("\(which): its nest \(job.status == .failed ? "failed" : "was cancelled") (job \(job.id)\(job.error.map { ": \($0)" } ?? "")): post the hide again")
        }
    }

    /// The parts hide `hide`'s nest placed, per kind (`OrderPool.placed`).
    func placed(_ hide: StoredHide) async throws -> [OrderRemainder.Kind: Int]? {
        try await OrderPool.placed(hide, queue: queue)
    }

    /// `POST /api/orders/{id}/hides/{n}/confirm`: the operator cut the hide; its placed parts
    /// are booked off the order.
    func confirm(_ context: BasicRequestContext) async throws -> Response {
        let order: StoredOrder, hide: StoredHide, job: QueuedJob
        do { (order, hide, job) = try await self.hide(context) } catch let refusal as Refusal { return refusal.response }
        if let refusal = Self.notReady(order, hide, job, doing: "confirm it") { return refusal }
        guard let parts = try await placed(hide) else {
            return ServerRoutes.refusal(.notFound, "order \(order.id): hide \(hide.number): job \(job.id) wrote no order-state.json")
        }
        // Other hides may have been booked since this one was nested: book on the state now.
        var current = order
        for _ in 0..<5 {
            var state = try OrderStateFile.read(data: Data(current.state.utf8), name: "order \(order.id) state")
            let missing = state.shortage(of: parts)
            guard missing.isEmpty else {
                let list = missing.keys.sorted().map { k in "\(missing[k]!) \(k.panel) \(k.size)\(k.side == .none ? "" : " \(k.side.rawValue)")" }
                return Self.conflict("order \(order.id): hide \(hide.number): the order no longer needs \(list.joined(separator: ", ")) "
                    + "(booked from another hide since this one was nested): mark the change with a defect or post the hide again")
            }
            state.book(parts, stock: hide.name)
            switch try await queue.confirmHide(order: order.id, number: hide.number, job: hide.job, from: current.state,
                                                to: OrderStateFile.text(state)) {
            case .confirmed:
                guard let now = try await queue.order(order.id) else { return Self.unknown(order.id) }
                return ServerRoutes.json(try await json(now))
            case .hideChanged:
                return Self.conflict("order \(order.id): hide \(hide.number): its cut was confirmed already, or it was re-nested or discarded meanwhile")
            case .orderChanged:
                guard let again = try await queue.order(order.id) else { return Self.unknown(order.id) }
                current = again
            }
        }
        return Self.conflict("order \(order.id): the order kept changing while hide \(hide.number) was booked: try again")
    }

    /// `POST /api/orders/{id}/hides/{n}/defects` with a defect outline in the hide's
    /// coordinates (`{"outline": [[x, y], ...], "kind": "brand"}`, as a hide file lists its
    /// defects): re-nests the hide from its current nest (a warm start).
    func markDefect(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let data: Data, budget: Budget
        do { (data, budget) = try await bodyAndBudget(request) } catch let refusal as Refusal { return refusal.response }
        let order: StoredOrder, hide: StoredHide, job: QueuedJob
        do { (order, hide, job) = try await self.hide(context) } catch let refusal as Refusal { return refusal.response }
        if let refusal = Self.notReady(order, hide, job, doing: "mark the defect") { return refusal }
        let kernel = try GeometryKernel()
        let marked: (hide: Hide, object: [String: Any])
        do {
            let defect = try OrderJob.jsonObject(data, file: "defect")
            guard defect["outline"] != nil else { throw InputError(file: "defect", item: "outline", problem: "missing: give the defect's outline in the hide's coordinates") }
            var object = try OrderJob.jsonObject(hide.hide, file: "hide \(hide.number)")
            object["defects"] = ((object["defects"] as? [Any]) ?? []) + [defect]
            let count = (object["defects"] as? [Any])?.count ?? 1
            // Checked as the hide file it now is; a fault is named as the defect sent.
            do {
                marked = try InputLimits.$current.withValue(limits) {
                    try OrderJob.hide(try JSONSerialization.data(withJSONObject: object), file: "defect", kernel: kernel)
                }
            } catch let e as InputError {
                let item = e.item.replacingOccurrences(of: "defects[\(count - 1)].", with: "").replacingOccurrences(of: "defects[\(count - 1)]", with: "")
                throw InputError(file: "defect", item: item.trimmingCharacters(in: .whitespaces), problem: e.problem)
            }
        } catch let e as InputError {
            return ServerRoutes.refusal(.badRequest, e.description)
        }
        return try await queueHide(order, hide: marked.object, name: hide.name, lateDefects: hide.lateDefects + 1, replacing: hide,
                                   budget: budget, kernel: kernel)
    }

    /// The API's JSON for an order: what is left (booked), what of it is free (less what the
    /// open hides hold), what was cut, and each hide with its state and what it holds.
    func json(_ order: StoredOrder) async throws -> JSONValue {
        let pool = try await OrderPool.of(order, excluding: nil, queue: queue)
        let state = pool.booked
        var hides: [JSONValue] = []
        for h in order.hides {
            let job = try await queue.job(h.job)
            let nested = OrderPool.nested(job)
            let status = h.confirmedAt != nil ? "confirmed" : h.discardedAt != nil ? "discarded" : nested ? "nested" : job?.status.rawValue ?? "gone"
            let placed = nested || h.confirmedAt != nil ? try await placed(h).map { $0.values.reduce(0, +) } : nil
            let holds = pool.held[h.number].map { $0.values.reduce(0, +) } ?? 0
            hides.append(.object([
                ("hide", .integer(h.number)), ("name", .string(h.name)), ("status", .string(status)), ("job", .integer(Int(h.job))),
                ("parts_placed", placed.map(JSONValue.integer) ?? .null),
                ("reserved", .bool(holds > 0)), ("parts_reserved", .integer(holds)),
                ("late_defects", .integer(h.lateDefects)), ("started_from_job", h.startJob.map { .integer(Int($0)) } ?? .null),
                ("report", job?.files.contains("report.json") == true ? .string("/api/jobs/\(h.job)/files/report.json") : .null),
                ("error", job?.error.map(JSONValue.string) ?? .null),
            ]))
        }
        return .object([
            ("id", .integer(Int(order.id))), ("name", .string(order.name)),
            ("created_at", .string(ISO8601DateFormatter().string(from: order.createdAt))),
            ("parts_left", .integer(state.total)), ("remaining", OrderStateFile.remaining(state.counts)),
            ("parts_reserved", .integer(pool.reserved)), ("parts_free", .integer(pool.free.total)),
            ("free", OrderStateFile.remaining(pool.free.counts)),
            ("cut", OrderStateFile.cuts(state)), ("hides", .array(hides)),
        ])
    }
}
