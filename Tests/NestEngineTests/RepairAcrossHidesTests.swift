import Foundation
import NestCollision
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// A waiting pair of large panels that needs good leather takes its place on a full hide by
/// force, both parts of it, and the parts content with worse leather that were in the way
/// move to a hide of worse leather (`HideSession.repairWaitingUnits`). The fixture
/// (`Fixtures/two-hides`): a bull's back with A and B leather and a goat skin of C leather
/// with a B core and no A at all; a boot order larger than both, whose fronts need B and
/// whose backs are content with C.
struct RepairAcrossHidesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/two-hides")

    static func run(iterations: Int) throws -> (Job, NestResult) {
        let kernel = try GeometryKernel()
        let job = try JobReader.read(path: folder.appendingPathComponent("job.json").path, kernel: kernel)
        var config = NestConfiguration(search: job.search, threads: 1)
        config.optimizerIterations = iterations
        return (job, try Nester(job: job, config: config).run())
    }

    static func count(_ panel: String, in result: NestResult) -> Int {
        result.sheets.reduce(0) { $0 + $1.placements.filter { $0.part.panel == panel }.count }
    }

    @Test func partsContentWithWorseLeatherMakeWayForAWaitingPair() throws {
        let (_, first) = try Self.run(iterations: 0)
        let (job, result) = try Self.run(iterations: 800)
        // The premise: the first nest fills the bull with backs and leaves fronts waiting,
        // the goat empty (nothing waiting fits its B core with the vein through it).
        #expect(first.sheets.count == 1 && first.unplaced.contains { $0.part.panel == "front" })
        // Before, every repair failed here: the room one forced part made never held its
        // mirrored partner too (and the forced pose pushed out another front as readily
        // as a back), so the nest stayed the first one, with 6 fronts.
        #expect(Self.count("front", in: result) > Self.count("front", in: first),
                "fronts placed: \(Self.count("front", in: first)) by the first nest, \(Self.count("front", in: result)) after")
        let goat = result.sheets.first { $0.stockName == "goat-07" }
        #expect(goat.map { !$0.placements.isEmpty } ?? false, "the goat skin stayed empty while fronts wait")
        let placedArea = { (r: NestResult) in r.sheets.flatMap(\.placements).reduce(0.0) { $0 + $1.part.shape.area } }
        #expect(placedArea(result) > placedArea(first))
        // Every part is placed or reported, and the nest is feasible by GEOS.
        let partsLeatherOnly = job.parts().filter { $0.material.lowercased() == "leather" }
        #expect(result.sheets.reduce(0) { $0 + $1.placements.count } + result.unplaced.count == partsLeatherOnly.count)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: partsLeatherOnly)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
