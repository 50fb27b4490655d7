import Foundation
import Hummingbird
import NestGeometry
import NestIO
import NestModel

/// The HTTP API of `nest serve` (described by `OpenAPIDocument`): jobs in, the queue, each
/// job's state, progress (`JobEvents`) and files, cancel and priority; the cutting-session
/// orders are `OrderRoutes`. Every answer is JSON; every refusal is a 4xx
/// with `{"error": "FILE: ITEM: PROBLEM"}`, the line the command would print.
///
/// Guarantees: a request body larger than `maxBodyBytes` is refused before it is read
/// whole; a job is queued only once its bundle reads as a job (the same checks and input
/// limits as the command); a file is served only when it is one the job wrote, by its
/// exact name, from wherever the queue keeps it (the data folder on SQLite, the database on
/// PostgreSQL), so no request reads anything else.
struct ServerRoutes: Sendable {
    let queue: any JobQueue
    let limits: InputLimits
    let maxBodyBytes: Int

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
    }

    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(.object([("error", .string(message))]), status: status)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache",
                                            .contentSecurityPolicy: WebPage.contentSecurityPolicy],
                     body: .init(byteBuffer: ByteBuffer(string: WebPage.html)))
        }
        router.get("/api/health") { _, _ in Self.json(.object([("status", .string("ok"))])) }
        router.get("/api/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        router.post("/api/jobs") { request, _ in try await self.submit(request) }
        router.get("/api/jobs") { _, _ in
            Self.json(.object([("jobs", .array(try await self.queue.list().map(\.json)))]))
        }
        router.get("/api/jobs/:id") { _, context in
            guard let job = try await self.queue.job(try Self.id(context)) else { return Self.unknown(context) }
            return Self.json(job.json)
        }
        router.patch("/api/jobs/:id") { request, context in try await self.patch(request, context) }
        router.post("/api/jobs/:id/cancel") { _, context in
            guard let job = try await self.queue.cancel(try Self.id(context)) else { return Self.unknown(context) }
            return Self.json(job.json, status: job.status == .running ? .accepted : .ok)
        }
        router.get("/api/jobs/:id/files/:name") { _, context in try await self.file(context) }
        router.get("/api/jobs/:id/events") { _, context in
            guard let job = try await self.queue.job(try Self.id(context)) else { return Self.unknown(context) }
            return JobEvents(queue: self.queue).response(job.id, first: job)
        }
        OrderRoutes(queue: queue, limits: limits, maxBodyBytes: maxBodyBytes).add(to: router)
    }

    static func id(_ context: BasicRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
            throw HTTPError(.badRequest, message: "a job id is a positive whole number")
        }
        return id
    }

    static func unknown(_ context: BasicRequestContext) -> Response {
        refusal(.notFound, "no job \(context.parameters.get("id") ?? "")")
    }

    /// `POST /api/jobs[?priority=N&time_limit=S&target_yield=P]` with a bundled job as the body.
    func submit(_ request: Request) async throws -> Response {
        let tooLarge = "request: the body is larger than the limit of \(maxBodyBytes / 1_048_576) MiB (--max-file-mb)"
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            return Self.refusal(.contentTooLarge, tooLarge)
        }
        // A body sent without its length is cut off at the limit too (413 from the collector).
        let body = try await request.body.collect(upTo: maxBodyBytes)
        let query = request.uri.queryParameters
        if let unknown = Self.unknownParameter(request, allowed: ["priority", "time_limit", "target_yield"]) {
            return Self.refusal(.badRequest, "request: " + unknown)
        }
        var priority = 0
        if let text = query["priority"] {
            guard let p = Int(text), (-1000...1000).contains(p) else {
                return Self.refusal(.badRequest, "request: priority: a whole number from -1000 to 1000, got \"\(text.prefix(20))\"")
            }
            priority = p
        }
        var timeLimit: Double?
        if let text = query["time_limit"] {
            guard let t = Double(text), t.isFinite, t > 0, t <= 7 * 86_400 else {
                return Self.refusal(.badRequest, "request: time_limit: seconds, more than 0 and at most a week, got \"\(text.prefix(20))\"")
            }
            timeLimit = t
        }
        var targetYield: Double?
        if let text = query["target_yield"] {
            guard let t = Double(text), t.isFinite, t > 0, t <= 100 else {
                return Self.refusal(.badRequest, "request: target_yield: a yield in percent, more than 0 and at most 100, got \"\(text.prefix(20))\"")
            }
            targetYield = t
        }
        let bytes = Data(buffer: body)
        let job: Job
        do {
            job = try InputLimits.$current.withValue(limits) {
                try JobReader.read(bundle: bytes, file: "request", kernel: try GeometryKernel())
            }
        } catch let e as InputError {
            return Self.refusal(.badRequest, e.description)
        }
        let queued = try await queue.submit(NewJob(name: job.name, parts: job.parts().count, priority: priority,
                                                   timeLimit: timeLimit ?? job.search.timeLimitSeconds, targetYield: targetYield,
                                                   bundle: bytes))
        return Self.json(queued.json, status: .created, headers: [.location: "/api/jobs/\(queued.id)"])
    }

    /// The problem with a query parameter the route does not know (a misspelt `priorty=5`
    /// would otherwise be ignored without a word), or nil.
    static func unknownParameter(_ request: Request, allowed: Set<String>) -> String? {
        for (name, _) in request.uri.queryParameters where !allowed.contains(String(name)) {
            return "unknown query parameter \"\(name.prefix(40))\" (this route takes \(allowed.sorted().joined(separator: ", ")))"
        }
        return nil
    }

    /// `PATCH /api/jobs/{id}` with `{"priority": N}`.
    func patch(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let bytes = Data(buffer: body)
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            return Self.refusal(.badRequest, "request: not a JSON object")
        }
        if let twice = DuplicateKeyScan.first(in: bytes) {
            return Self.refusal(.badRequest, "request: key \"\(twice.key.prefix(40))\" appears twice: give it once")
        }
        guard let p = object["priority"] as? Int, (-1000...1000).contains(p), object.keys.allSatisfy({ $0 == "priority" }) else {
            return Self.refusal(.badRequest, "request: priority: give {\"priority\": N}, a whole number from -1000 to 1000")
        }
        guard let before = try await queue.job(id) else { return Self.unknown(context) }
        if before.status.isFinal {
            return Self.refusal(.conflict, "job \(id) is \(before.status.rawValue): its priority no longer matters")
        }
        guard let job = try await queue.setPriority(id, p) else { return Self.unknown(context) }
        return Self.json(job.json)
    }

    static let contentTypes = ["json": "application/json", "pdf": "application/pdf", "svg": "image/svg+xml",
                               "html": "text/html; charset=utf-8", "plt": "application/vnd.hp-hpgl", "nc": "text/plain; charset=utf-8",
                               "dxf": "image/vnd.dxf"]

    /// `GET /api/jobs/{id}/files/{name}`: one of the files the job wrote.
    func file(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context)
        guard let job = try await queue.job(id) else { return Self.unknown(context) }
        let name = context.parameters.get("name") ?? ""
        guard job.files.contains(name), !name.contains("/"), !name.hasPrefix(".") else {
            return Self.refusal(.notFound, "job \(id): no file \"\(name.prefix(100))\" (its files: \(job.files.joined(separator: ", ")))")
        }
        guard let bytes = try await queue.file(id, name: name) else {
            return Self.refusal(.notFound, "job \(id): the file \(name) is gone from where the queue keeps it")
        }
        let type = Self.contentTypes[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// With a token file, every route but the health check and the web page (`WebPage`: static,
/// it holds no data and asks for the token itself) needs `Authorization: Bearer TOKEN`.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get, request.uri.path == "/api/health" || request.uri.path == "/" {
            return try await next(request, context)
        }
        let given = request.headers[.authorization] ?? ""
        guard given.hasPrefix("Bearer "), Self.same(String(given.dropFirst(7)), token) else {
            var response = ServerRoutes.refusal(.unauthorized, "request: a bearer token is needed (Authorization: Bearer TOKEN)")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = x.count ^ y.count
        for i in 0..<max(x.count, y.count) { diff |= Int((i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)) }
        return diff == 0
    }
}
