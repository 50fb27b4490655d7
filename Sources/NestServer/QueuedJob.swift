import Foundation
import NestIO

/// The state of a job in the queue.
public enum JobStatus: String, Sendable, CaseIterable {
    case queued, running, done, failed, cancelled

    /// A job in this state will not change again.
    public var isFinal: Bool { self == .done || self == .failed || self == .cancelled }
}

/// One job of the queue as the API shows it: what it is, where it stands and, once it
/// ran, the files it wrote and any error.
public struct QueuedJob: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var status: JobStatus
    /// Higher first; equal priorities in the order they were sent.
    public var priority: Int
    public var parts: Int
    public var submittedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// The last progress a worker reported (phase, parts placed, yield, iterations).
    public var progress: JobProgress?
    /// Why the job failed: the same `FILE: ITEM: PROBLEM` line the command prints.
    public var error: String?
    /// The files of the finished job, by name (report.json, cut-sheets.pdf, ...).
    public var files: [String]
    /// The worker that runs or ran it.
    public var worker: String?
    /// A time limit for the run, in seconds (the job's own or the request's).
    public var timeLimit: Double?
    /// Cancelling was asked for while the job ran; its best nest is being written.
    public var cancelRequested: Bool
    /// How many times a worker took the job: more than 1 when a worker stopped or died
    /// while running it and the job was run again from the start.
    public var attempts: Int
    /// The run stops once its best nest reaches this yield, in percent (nil: the whole budget).
    public var targetYield: Double? = nil

    /// The API's JSON for this job.
    public var json: JSONValue {
        // To the millisecond: a queue's latencies are shorter than a second.
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func date(_ d: Date?) -> JSONValue { d.map { .string(format.string(from: $0)) } ?? .null }
        return .object([
            ("id", .integer(Int(id))),
            ("name", .string(name)),
            ("status", .string(status.rawValue)),
            ("priority", .integer(priority)),
            ("parts", .integer(parts)),
            ("submitted_at", date(submittedAt)),
            ("started_at", date(startedAt)),
            ("finished_at", date(finishedAt)),
            ("progress", progress?.json ?? .null),
            ("error", error.map(JSONValue.string) ?? .null),
            ("files", .array(files.map(JSONValue.string))),
            ("worker", worker.map(JSONValue.string) ?? .null),
            ("time_limit", timeLimit.map { .number($0, decimals: 3) } ?? .null),
            ("cancel_requested", .bool(cancelRequested)),
            ("attempts", .integer(attempts)),
            ("target_yield", targetYield.map { .number($0, decimals: 3) } ?? .null),
        ])
    }
}

/// What a worker last said of a running job.
public struct JobProgress: Sendable, Equatable, Codable {
    public var phase: String
    public var partsPlaced: Int
    public var partsTotal: Int
    public var yieldPercent: Double
    public var iteration: Int?
    public var budget: Int?

    public init(phase: String, partsPlaced: Int, partsTotal: Int, yieldPercent: Double, iteration: Int? = nil, budget: Int? = nil) {
        self.phase = phase
        self.partsPlaced = partsPlaced
        self.partsTotal = partsTotal
        self.yieldPercent = yieldPercent
        self.iteration = iteration
        self.budget = budget
    }

    public var json: JSONValue {
        .object([
            ("phase", .string(phase)),
            ("parts_placed", .integer(partsPlaced)),
            ("parts_total", .integer(partsTotal)),
            ("yield_percent", .number(yieldPercent, decimals: 2)),
            ("iteration", iteration.map(JSONValue.integer) ?? .null),
            ("budget", budget.map(JSONValue.integer) ?? .null),
        ])
    }
}
