import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// Issue 14's property: when the demanding (grade A) parts of an order fit a hide alone and
/// the whole order covers less than 55 % of the hide's usable leather, the whole order is
/// placed. Checked on hides of our own whose A leather lies along the bottom edge (where the
/// first nest's bottom-left order pulls every part), along the top edge, in two islands, and
/// along the bottom edge split by a scar, with the grading of the runner (toe cap,
/// lateral quarter and eyestay A; vamp, medial quarter, heel counter B; collar and tongue C),
/// for orders of random sizes drawn with a fixed seed. The fixtures are written by
/// `Benchmarks/grade_orders.py --fixtures` (see `Fixtures/grades/README.md`).
struct GradeOrderPropertyTests {
    static let fixtures = LeatherEconomyTests.fixtures
    static let sizes = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"]

    /// A job of `sizes` (one pair each) of `pattern` on `hide`, written into `folder`.
    static func job(hide: String, pattern: URL, sizes: [String], in folder: URL) throws -> Job {
        let order = sizes.map { "\"\($0)\": 1" }.joined(separator: ", ")
        let text = """
            {"format": "nest-job/1", "name": "property", "units": "mm",
             "stock": {"hides": ["\(fixtures.appendingPathComponent(hide).path)"]},
             "order": [{"pattern": "\(pattern.path)", "sizes": {\(order)}}],
             "spacing": 2.0, "margin": 3.0, "seed": 1, "samples": 50, "iterations": 1000}
            """
        let url = folder.appendingPathComponent("job-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try JobReader.read(path: url.path, kernel: GeometryKernel())
    }

    /// The pattern with only its grade A panels.
    static func demandingPanelsOnly(in folder: URL) throws -> URL {
        let source = fixtures.appendingPathComponent("runner-issue.json")
        var pattern = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        let panels = try #require(pattern["panels"] as? [[String: Any]])
        pattern["panels"] = panels.filter { $0["min_grade"] as? String == "A" }
        let url = folder.appendingPathComponent("runner-issue-A.json")
        try JSONSerialization.data(withJSONObject: pattern).write(to: url)
        return url
    }

    static func nest(_ job: Job) throws -> NestResult {
        try Nester(job: job, config: NestConfiguration(search: job.search, threads: 1)).run()
    }

    @Test(arguments: ["cow-side-01-a-bottom.json", "cow-side-01-flipped-a-top.json",
                      "cow-side-01-flipped-a-islands.json", "cow-side-01-flipped-a-split.json"])
    func anOrderWhoseDemandingPartsFitIsPlacedWhole(hide: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-grade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = Self.fixtures.appendingPathComponent("runner-issue.json")
        let demanding = try Self.demandingPanelsOnly(in: folder)
        var rng = SeededGenerator(seed: 14, stream: [UInt64(hide.count)])
        var premiseHeld = 0
        for _ in 0..<2 {
            let pairs = 3 + Int(rng.next() % 2)
            var pool = Self.sizes
            var sizes: [String] = []
            for _ in 0..<pairs { sizes.append(pool.remove(at: Int(rng.next() % UInt64(pool.count)))) }
            // The premise: the A parts alone fit, and the order is below 55 % of the usable leather.
            let alone = try Self.nest(try Self.job(hide: hide, pattern: demanding, sizes: sizes, in: folder))
            let sheet = try #require(alone.sheets.first)
            let job = try Self.job(hide: hide, pattern: whole, sizes: sizes, in: folder)
            let share = job.parts().reduce(0) { $0 + $1.shape.area } / sheet.usableArea
            guard alone.unplaced.isEmpty, share < 0.55 else { continue }
            premiseHeld += 1
            let result = try Self.nest(job)
            #expect(result.unplaced.isEmpty,
                    "\(hide), sizes \(sizes), \(Int(100 * share)) % of the usable leather: \(result.unplaced.map(\.part.label))")
            let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
                .problems(in: result, expectedParts: job.parts())
            #expect(problems.isEmpty, "\(problems.prefix(3))")
        }
        #expect(premiseHeld > 0, "no drawn order met the premise on \(hide): the test would prove nothing")
    }
}
