import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// The hide improver's last step (`HideSession.fillEveryHide`): the units still waiting go
/// where the first nest's search, sampling more positions, finds free room. On the calf with
/// its A leather in the middle (seed 1, 3 000 iterations) a late repair once pushed a collar
/// pair out after the insertions had run, and it waited beside C leather that held it (a
/// brute-force search, `Benchmarks/hide_room.py`, found 14 and 16 poses for its parts).
struct FinalFillTests {
    static func run(sampleFactor: Int) throws -> (Job, NestResult) {
        let kernel = try GeometryKernel()
        let path = LeatherEconomyTests.fixtures.appendingPathComponent("job-calf-01-a-centre.json").path
        let job = try JobReader.read(path: path, kernel: kernel)
        var config = NestConfiguration(search: job.search, threads: 1)
        config.hides.finalFillSampleFactor = sampleFactor
        return (job, try Nester(job: job, config: config).run())
    }

    static func placed(_ r: NestResult) -> Int { r.sheets.reduce(0) { $0 + $1.placements.count } }

    @Test func aUnitPushedOutLateGoesWhereTheLeatherHoldsIt() throws {
        let (_, narrow) = try Self.run(sampleFactor: 1)
        let (job, result) = try Self.run(sampleFactor: NestConfiguration().hides.finalFillSampleFactor)
        // The premise: the first nest's own number of samples leaves a C pair waiting.
        #expect(narrow.unplaced.contains { $0.part.minGrade == .C }, "\(narrow.unplaced.map(\.part.label))")
        #expect(Self.placed(result) > Self.placed(narrow), "\(Self.placed(narrow)) then \(Self.placed(result)) of 48 placed")
        // Only units went in, whole; the nest is feasible by GEOS.
        #expect(Self.placed(result) + result.unplaced.count == job.parts().count)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
