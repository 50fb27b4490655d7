import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// A pair goes onto a hide in either order: placed largest first, the first part takes the
/// best gap it finds, which may be the only one its mirror image fits (found by a random
/// hide job, `Benchmarks/random_jobs.py --jobs 83`, where collar pairs waited beside room).
struct PairOrderTests {
    /// A hide of two pockets joined by a strip too thin for anything once the margin is
    /// taken: a square one, either L of the pair fits it, and an L-shaped one that only the
    /// left L fits as it lies. No rotation: the grain allows none.
    static func twoPocketJob() throws -> Job {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-pair-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "ell", "material": "leather", "quantity": 2, "mirrored_pairs": true,
                         "outline": [[0,0],[100,0],[100,30],[30,30],[30,100],[0,100]],
                         "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": false}}]}
            """
        let job = """
            {"format": "nest-job/1", "units": "mm",
             "stock": {"hides": [{"name": "pockets", "material": "leather",
                "outline": [[0,0],[330,0],[330,50],[250,50],[250,130],[200,130],[200,5],[130,5],[130,130],[0,130]]}]},
             "order": [{"pattern": "p.json", "sizes": {"9": 1}}],
             "spacing": 2, "margin": 3, "seed": 1, "samples": 60, "iterations": 0}
            """
        try pattern.write(to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        try job.write(to: folder.appendingPathComponent("j.json"), atomically: true, encoding: .utf8)
        return try JobReader.read(path: folder.appendingPathComponent("j.json").path, kernel: try GeometryKernel())
    }

    @Test func aPairGoesInTheOtherOrderWhenTheFirstFails() throws {
        let job = try Self.twoPocketJob()
        let parts = job.parts()
        try #require(parts.count == 2)
        let config = NestConfiguration(search: job.search, threads: 1)
        let context = try RunContext(job: job, config: config)
        guard case .hides(let hides) = job.stock else { throw NestError.inconsistent("not hides") }
        let empty = NestResult(sheets: [Sheet(stockName: hides[0].name, kind: .hide, shape: hides[0].shape, defects: [], zones: [],
                                              length: 0, placements: [])],
                               unplaced: parts.map { UnplacedPart(part: $0, reason: HideImprover.noRoomReason) },
                               statistics: NestStatistics())
        let first = try ConstructiveNester.Outcome(job: job, result: empty, context: context)
        let session = try #require(try HideSession(job: job, first: first, context: context, budget: 100))
        let largestFirst = parts.sorted(by: HideSession.largestFirst)

        // The premise: the part placed first takes the square pocket, its partner fits nowhere.
        var oneOrder = session
        #expect(try !oneOrder.put(inOrder: largestFirst, into: 0), "the first part left room for its partner")

        var bothOrders = session
        #expect(try bothOrders.put(parts, into: 0))
        let placed = bothOrders.states[0].parts
        #expect(placed.count == 2)
        let result = NestResult(sheets: bothOrders.sheets(), unplaced: [], statistics: NestStatistics())
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: parts)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
