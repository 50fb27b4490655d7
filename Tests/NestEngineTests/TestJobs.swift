import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// Jobs a test writes out and reads as `nest` reads them, and the states tests start from.
enum TestJobs {
    /// `job` (a nest-job/1 text) read from a fresh temporary folder holding it as `j.json`
    /// beside `files` (file name → text); the folder is removed afterwards.
    static func read(_ job: String, files: [String: String] = [:]) throws -> Job {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-test-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try job.write(to: folder.appendingPathComponent("j.json"), atomically: true, encoding: .utf8)
        return try JobReader.read(path: folder.appendingPathComponent("j.json").path, kernel: try GeometryKernel())
    }

    /// A hide session on the job's first hide, empty, with every part waiting for room.
    static func emptyHideSession(_ job: Job) throws -> HideSession {
        let config = NestConfiguration(search: job.search, threads: 1)
        let context = try RunContext(job: job, config: config)
        guard case .hides(let hides) = job.stock else { throw NestError.inconsistent("not a hide job") }
        let empty = NestResult(sheets: [Sheet(stockName: hides[0].name, kind: .hide, shape: hides[0].shape, defects: [], zones: [],
                                              length: 0, placements: [])],
                               unplaced: job.parts().map { UnplacedPart(part: $0, reason: HideImprover.noRoomReason) },
                               statistics: NestStatistics())
        let first = try ConstructiveNester.Outcome(job: job, result: empty, context: context)
        return try #require(try HideSession(job: job, first: first, context: context, budget: 100))
    }

    /// Problems GEOS finds in `result` for `job` (none for a feasible nest of its parts).
    static func problems(in result: NestResult, of job: Job) throws -> [String] {
        try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: job.parts())
    }

    /// Problems GEOS finds in the sheets of `session` for `job`, its parts not on them listed
    /// as waiting (a `put` places parts without taking them off the waiting list).
    static func problems(in session: HideSession, of job: Job) throws -> [String] {
        let sheets = session.sheets()
        let placed = Set(sheets.flatMap { $0.placements.map(\.part.id) })
        return try problems(in: NestResult(sheets: sheets, unplaced: session.unplaced.filter { !placed.contains($0.part.id) },
                                           statistics: NestStatistics()), of: job)
    }

    /// The corners of a `length` × `width` strip drawn turned `degrees` about its first corner,
    /// as a JSON ring.
    static func turnedStrip(length: Double, width: Double, degrees: Double) -> String {
        let a = degrees * Double.pi / 180
        return "[" + [(0.0, 0.0), (length, 0.0), (length, width), (0.0, width)].map { x, y in
            "[\(x * cos(a) - y * sin(a)), \(x * sin(a) + y * cos(a))]"
        }.joined(separator: ",") + "]"
    }
}
