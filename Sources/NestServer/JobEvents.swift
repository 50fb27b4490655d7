import Foundation
import Hummingbird
import NestIO

/// `GET /api/jobs/{id}/events`: a job's progress as server-sent events (`text/event-stream`),
/// read from the queue, so it works wherever the job runs (a worker of this server, or
/// `nest worker` on another machine heartbeating into PostgreSQL).
///
/// The stream: `event: status` with the job's JSON when the stream opens and at each change
/// of status; `event: progress` with the progress JSON (phase, parts placed, yield,
/// iteration) each time a worker reports a new one, at most as often as the workers
/// heartbeat; and last `event: end` with the job's final JSON, after which the server closes
/// the stream. Every `data:` is one line of JSON. A comment line (`: waiting`) every 15 s
/// keeps proxies from closing a quiet stream. A client that goes away ends it.
struct JobEvents: Sendable {
    let queue: any JobQueue
    /// How often the queue is read.
    var pollSeconds = 0.2

    static func event(_ name: String, _ value: JSONValue) -> ByteBuffer {
        let line = value.serialized().replacingOccurrences(of: "\n", with: " ")
        return ByteBuffer(string: "event: \(name)\ndata: \(line)\n\n")
    }

    /// The stream for job `id`, whose JSON now is `first`.
    func response(_ id: Int64, first: QueuedJob) -> Response {
        let queue = self.queue, poll = pollSeconds
        let body = ResponseBody { writer in
            var job = first
            try await writer.write(Self.event("status", job.json))
            var progress = job.progress
            if let p = progress { try await writer.write(Self.event("progress", p.json)) }
            var quietSince = Date()
            while !job.status.isFinal {
                try await Task.sleep(for: .seconds(poll))
                guard let now = try await queue.job(id) else { break }
                if now.progress != progress, let p = now.progress {
                    try await writer.write(Self.event("progress", p.json))
                    quietSince = Date()
                }
                if now.status != job.status, !now.status.isFinal {
                    try await writer.write(Self.event("status", now.json))
                    quietSince = Date()
                }
                if Date().timeIntervalSince(quietSince) >= 15 {
                    try await writer.write(ByteBuffer(string: ": waiting\n\n"))
                    quietSince = Date()
                }
                progress = now.progress
                job = now
            }
            try await writer.write(Self.event("end", job.json))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"], body: body)
    }
}
