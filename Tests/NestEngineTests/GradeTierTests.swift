import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// Re-nesting a hide grade by grade (`HideSession.rebuildByGrade`), on the one order of the
/// grade-order benchmark the other phases leave incomplete: a cow side whose A leather is a
/// band along the bottom edge (35 % of its height), four pairs of the grading. The
/// first nest gives part of the A band to B parts and leaves A parts out; nested alone,
/// the A parts fit.
struct GradeTierTests {
    static let job = "job-cow-side-01-a35-tight.json"

    /// The order's job, its run context (one thread) and its first nest.
    static func firstNest() throws -> (Job, RunContext, ConstructiveNester.Outcome) {
        let kernel = try GeometryKernel()
        let job = try JobReader.read(path: LeatherEconomyTests.fixtures.appendingPathComponent(Self.job).path, kernel: kernel)
        let context = try RunContext(job: job, config: NestConfiguration(search: job.search, threads: 1))
        let problem = try Nester.problem(of: job, context: context)
        return (job, context, try ConstructiveNester(job: job, context: context).fill(problem))
    }

    @Test func theBestGradeGoesInFirstAndKeepsItsLeather() throws {
        let (job, context, first) = try Self.firstNest()
        let budget = 2_500
        var session = try #require(try HideSession(job: job, first: first, context: context, budget: budget))
        let aParts = job.parts().filter { $0.minGrade == .A }
        let aArea = aParts.reduce(0) { $0 + $1.shape.area }
        let before = session.objective
        #expect(before[1] < aArea - 1, "the premise: the first nest leaves A parts out")

        try session.rebuildByGrade(until: budget)
        let after = session.objective
        // More A parts placed (no grade's placed area goes down but for a better one's).
        #expect(after[1] > before[1] + 1, "A parts placed: \(before[1]) then \(after[1]) of \(aArea) mm²")
        #expect(HideSession.lexicographicallyBetter(Array(after.dropFirst()), than: Array(before.dropFirst())))
        #expect(session.used <= budget)

        // The session's hides, checked by GEOS as any output is.
        let sheets = session.sheets()
        let result = NestResult(sheets: sheets, unplaced: session.unplaced, statistics: NestStatistics())
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    /// A budget that ends in the middle of a re-nest leaves the hide as the last kept state,
    /// never half re-nested: no part is reported unplaced where the first nest's own search
    /// still finds room for it (a re-nest cut short before its lesser tiers, judged grades
    /// first, once left every collar and tongue out with the C leather empty).
    @Test func aReNestCutShortIsRolledBack() throws {
        let (job, context, first) = try Self.firstNest()
        for budget in [400, 900, 1_400] {
            var session = try #require(try HideSession(job: job, first: first, context: context, budget: budget))
            try session.rebuildByGrade(until: budget)
            var probe = session
            try probe.fill(0)
            #expect(probe.unplaced.count == session.unplaced.count,
                    "budget \(budget): \(session.unplaced.count - probe.unplaced.count) unplaced parts fit as they are")
        }
    }
}
