import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// Grade economy: the right leather for each part. The fixtures (written by
/// `Benchmarks/grade_economy.py --fixtures`, see `Fixtures/grades/README.md`) are cow sides
/// whose best leather lies where the first nest's bottom-left order does not look for it
/// — along the bottom edge, and in the middle — ordered at about half the hide.
struct LeatherEconomyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/grades")

    static func run(_ job: String) throws -> (Job, NestResult) {
        let kernel = try GeometryKernel()
        let job = try JobReader.read(path: fixtures.appendingPathComponent(job).path, kernel: kernel)
        let result = try Nester(job: job, config: NestConfiguration(search: job.search, threads: 1)).run()
        return (job, result)
    }

    @Test(arguments: ["job-cow-side-01-flipped-a-bottom.json", "job-cow-side-01-a-centre.json"])
    func demandingPartsFindTheirLeather(job file: String) throws {
        let (job, result) = try Self.run(file)
        // Before the economy, B parts took the A leather first and 14 of these 64 parts
        // (A parts, each time) were left out, on a hide half empty.
        #expect(result.unplaced.isEmpty, "\(result.unplaced.map { "\($0.part.label): \($0.reason)" }.prefix(4))")
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: job.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    @Test func scarceBestLeatherGoesToThePartsThatNeedIt() throws {
        // In the middle of this hide the A leather is scarce (the A parts need 79 % of it
        // at a nest's density): parts allowed worse leather may cover only a little of it.
        let (_, result) = try Self.run("job-cow-side-01-a-centre.json")
        let sheet = try #require(result.sheets.first)
        let a = try #require(sheet.leatherUse.first { $0.grade == .A })
        #expect(a.betterThanNeededArea < 0.10 * a.area, "A leather given to lesser parts: \(a.betterThanNeededArea) of \(a.area) mm²")
    }

    @Test func leatherUseAddsUpToThePartsPlaced() throws {
        let (_, result) = try Self.run("job-cow-side-01-flipped-a-bottom.json")
        for sheet in result.sheets {
            let uses = sheet.leatherUse
            #expect(Set(uses.map(\.grade)) == [.A, .B, .C])
            // Every part lies on leather of its grade or better, so every part's area is
            // counted once, and the A parts' area is all "needed" A leather.
            let covered = uses.reduce(0) { $0 + $1.neededArea + $1.betterThanNeededArea }
            #expect(abs(covered - sheet.placedArea) < 1e-6 * sheet.placedArea, "\(covered) vs \(sheet.placedArea)")
            let aParts = sheet.placements.filter { $0.part.minGrade == .A }.reduce(0) { $0 + $1.part.shape.area }
            let a = try #require(uses.first { $0.grade == .A })
            #expect(abs(a.neededArea - aParts) < 1e-6 * aParts)
            let total = uses.reduce(0) { $0 + $1.area }
            #expect(abs(total - sheet.usableArea) < 1e-6 * sheet.usableArea, "grades \(total) vs usable \(sheet.usableArea)")
        }
    }

    /// A zone that worse zones cover all but a sliver of (here a B zone under a C zone 10⁻⁶ mm
    /// wider, turned by a hair) lists no B leather: the sliver is no leather of that grade.
    @Test func aSliverOfAZoneIsNoLeatherOfItsGrade() throws {
        func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
            Polygon([Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)])
        }
        let b = box(100, 100, 400, 300)
        let c = b.transformed(by: Transform(rotationDegrees: 1e-7)).transformed(by: Transform(translation: Point(-1e-6, 0)))
        let sheet = Sheet(stockName: "h", kind: .hide, shape: box(0, 0, 1000, 800), defects: [],
                          zones: [QualityZone(grade: .B, shape: b), QualityZone(grade: .C, shape: c)], length: 0, placements: [])
        let uses = try LeatherUseMeter(kernel: try GeometryKernel()).measure(sheet)
        #expect(uses.map(\.grade) == [.A, .C], "\(uses.map { ($0.grade, $0.area) })")
        #expect(abs(uses.reduce(0) { $0 + $1.area } - 800_000) < 1)
    }

    @Test func pressureWasteAndWeights() {
        // A parts need 0.7 m² of the 1 m² of A leather (at density 0.7: all of it); A and
        // B parts together need 1.05 m² of 3 m² of A–B leather (half of it).
        let economy = LeatherEconomy(demand: [.A: 0.7, .B: 0.35], supply: [.A: 1, .B: 3])
        #expect(abs(economy.ratio[0] - 1) < 1e-12 && abs(economy.ratio[1] - 0.5) < 1e-12)
        #expect(economy.ratio[2] == 0 && economy.ratio[3] == 0, "grades worse than the order's worst are not measured")
        #expect(economy.pressure[0] == 1, "A leather is fully demanded")
        #expect(economy.pressure[1] == 0, "half the A–B leather is free to give away")
        #expect(economy.wasteCosts(for: .B) == [1, 0, 0, 0])
        #expect(economy.wasteCosts(for: .A) == [0, 0, 0, 0])
        #expect(economy.areaWeight(for: .A) == 1 + min(1, (1 - 0.5) / 0.5))
        #expect(economy.areaWeight(for: .B) == 1)
        // An open order (three times the leather there is): what runs out first matters.
        let open = LeatherEconomy(demand: [.A: 0.7, .C: 6], supply: [.A: 1, .B: 2, .C: 3])
        #expect(!open.orderFitsStock && economy.orderFitsStock)
        #expect(open.pressure[0] < 0.01, "A leather lasts longer than leather does: not short")
        #expect(open.pressure[2] == 1)
        #expect(LeatherEconomy.none.isFree)
    }

    @Test func gradeMapReadsZonesAndDefects() {
        let square = { (x: Double, y: Double, s: Double) in
            Polygon([Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s)])
        }
        let hide = Hide(name: "h", material: "leather", shape: square(0, 0, 400),
                        defects: [Defect(kind: "scar", shape: square(300, 300, 50), severity: .minor)],
                        zones: [QualityZone(grade: .B, shape: square(0, 200, 400)), QualityZone(grade: .D, shape: square(0, 0, 100))])
        let map = GradeMap(hide: hide, cell: 10)
        #expect(map.rank(at: Point(250, 50)) == 0)    // A: no zone
        #expect(map.rank(at: Point(250, 250)) == 1)   // B zone
        #expect(map.rank(at: Point(320, 320)) == 2)   // a minor defect in the B zone: C
        #expect(map.rank(at: Point(50, 50)) == 3)     // D zone
        #expect(map.rank(at: Point(-500, 50)) == 3)   // beyond the raster: the nearest cell
    }

    @Test func interiorSamplesLieInsideAndSpreadOverTheShape() {
        let l = Polygon([Point(0, 0), Point(100, 0), Point(100, 10), Point(10, 10), Point(10, 100), Point(0, 100)])
        let samples = l.interiorSamples(target: 24)
        #expect(samples.count >= 12 && samples.count <= 48, "\(samples.count)")
        #expect(samples.allSatisfy(l.contains))
        #expect(samples.contains { $0.x > 50 } && samples.contains { $0.y > 50 }, "both arms are sampled")
        let sliver = Polygon([Point(0, 0), Point(500, 0), Point(500, 1), Point(0, 1)])
        #expect(sliver.interiorSamples(target: 24).count >= 12)
    }
}
