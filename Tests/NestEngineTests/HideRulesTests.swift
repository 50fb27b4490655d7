import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// The leather rules of a job over several hides: which parts share a hide, and which hide
/// is filled first.
struct HideRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sampleJob() throws -> Job {
        try JobReader.read(path: root.appendingPathComponent("Patterns/hide.json").path, kernel: try GeometryKernel())
    }

    static func quickConfig() -> NestConfiguration {
        var config = NestConfiguration()
        config.firstNest.samplesPerOrientation = 25
        config.optimizerIterations = 40
        return config
    }

    @Test func pairRuleGroupsLeftWithRight() throws {
        let parts = try Self.sampleJob().parts()
        for part in parts {
            let mates = parts.filter { $0.hideGroup != nil && $0.hideGroup == part.hideGroup }
            if part.side == .none {
                #expect(part.hideGroup == nil)
            } else {
                #expect(mates.count == 2, "\(part.label)")
                #expect(Set(mates.map(\.side)) == [.left, .right])
                #expect(Set(mates.map(\.panel)).count == 1 && Set(mates.map(\.size)).count == 1)
            }
        }
    }

    @Test func shoeRuleGroupsEveryPanelOfAPair() throws {
        var job = try Self.sampleJob()
        job.sameHide = .shoe
        let parts = job.parts()
        let groups = Dictionary(grouping: parts, by: { $0.hideGroup ?? -1 })
        #expect(groups[-1] == nil, "every part belongs to a shoe")
        // Six sizes, one pair each: six groups, each one pair's leather panels of one size.
        #expect(groups.count == 6)
        let panelsPerPair = parts.filter { $0.size == parts[0].size }.count
        for (_, members) in groups {
            #expect(Set(members.map(\.size)).count == 1)
            #expect(members.count == panelsPerPair)
        }
    }

    /// On hides of grade C and D leather only, every part that needs better leather says so
    /// — both parts of a pair, not one saying it and its partner that it waits for it.
    @Test func partsShortOfTheirGradeSaySoBothOfAPair() throws {
        var job = try Self.sampleJob()
        guard case .hides(var hides) = job.stock else { return }
        for k in hides.indices {
            let b = hides[k].shape.bounds
            let all = Polygon([Point(b.minX - 1, b.minY - 1), Point(b.maxX + 1, b.minY - 1), Point(b.maxX + 1, b.maxY + 1), Point(b.minX - 1, b.maxY + 1)])
            hides[k].zones = [QualityZone(grade: k == 0 ? .C : .D, shape: all)]
        }
        job.stock = .hides(hides)
        let result = try Nester(job: job, config: Self.quickConfig()).run()
        let short = result.unplaced.filter { $0.part.minGrade < .C }
        #expect(!short.isEmpty && short.allSatisfy { $0.reason.hasPrefix("no hide has enough leather of grade \($0.part.minGrade.rawValue)") },
                "\(Set(short.map(\.reason)))")
        #expect(result.sheets.flatMap(\.placements).allSatisfy { $0.part.minGrade >= .C })
    }

    @Test func shoeRuleKeepsEachPairOfShoesOnOneHide() throws {
        var job = try Self.sampleJob()
        job.sameHide = .shoe
        let result = try Nester(job: job, config: Self.quickConfig()).run()
        var hideOf: [Int: String] = [:]
        for sheet in result.sheets { for p in sheet.placements { hideOf[p.part.id] = sheet.stockName } }
        let parts = job.parts()
        for (_, members) in Dictionary(grouping: parts, by: { $0.hideGroup! }) {
            let hides = Set(members.map { hideOf[$0.id] })
            #expect(hides.count == 1, "a pair of shoes is split: \(hides)")
        }
        #expect(result.placedCount > 0)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin).problems(in: result, expectedParts: parts)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    @Test func verifierRefusesASplitGroup() throws {
        var job = try Self.sampleJob()
        job.sameHide = .shoe
        var result = try Nester(job: job, config: Self.quickConfig()).run()
        try #require(result.sheets.count == 2)
        // Move one part of a shoe to the other hide (where it may also overlap: the group
        // problem must be named whatever else is wrong).
        let moved = result.sheets[0].placements.removeLast()
        result.sheets[1].placements.append(moved)
        let problems = try FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
            .problems(in: result, expectedParts: job.parts())
        #expect(problems.contains { $0.contains("must share a hide") && $0.contains("lie on 2 sheets") })
    }

    /// With no optimizer budget the unit rule still holds: a unit split over hides or
    /// placed in part goes out whole, a hide left empty is dropped, and the rest stays.
    @Test func withoutBudgetSplitUnitsGoOutWhole() throws {
        var job = try Self.sampleJob()
        job.sameHide = .shoe
        var config = Self.quickConfig()
        config.optimizerIterations = 0
        var result = try Nester(job: job, config: config).run()
        try #require(result.sheets.count == 2 && result.unplaced.isEmpty)
        // Split one shoe: a part of the calf's shoe onto the cow side.
        let moved = result.sheets[1].placements.removeLast()
        result.sheets[0].placements.append(moved)
        let shoe = job.parts().filter { $0.hideGroup == moved.part.hideGroup }
        let before = result.placedCount
        let (sheets, unplaced) = HideImprover.wholeUnitsOnly(result)
        #expect(Set(unplaced.map(\.part.id)) == Set(shoe.map(\.id)))
        #expect(unplaced.allSatisfy { $0.reason == HideImprover.groupReason })
        #expect(sheets.reduce(0) { $0 + $1.placements.count } == before - shoe.count)
        #expect(!sheets.contains { $0.placements.isEmpty })
        // A nest with whole units is left as it is.
        let whole = try Nester(job: job, config: config).run()
        let untouched = HideImprover.wholeUnitsOnly(whole)
        #expect(untouched.sheets == whole.sheets && untouched.unplaced == whole.unplaced)
    }

    @Test func largestHideIsFilledFirstUnlessTheJobSaysOtherwise() throws {
        var job = try Self.sampleJob()
        guard case .hides(let hides) = job.stock else { Issue.record("expected hides"); return }
        job.stock = .hides(hides.reversed())  // the calf (1.2 m²) listed before the cow side (2.2 m²)
        var config = Self.quickConfig()
        config.optimizerIterations = 0
        let largest = try Nester(job: job, config: config).run()
        #expect(largest.sheets.first?.stockName == "cow-side-01")
        job.hideOrder = .asListed
        let listed = try Nester(job: job, config: config).run()
        #expect(listed.sheets.first?.stockName == "calf-01")
    }

    /// A minor defect is grade C leather: grade A parts keep clear of it by its clearance
    /// and the margin, grade C parts may lie on it.
    @Test func minorDefectTakesLowGradePartsOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-defect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [
               {"name": "front", "material": "leather", "outline": [[0,0],[80,0],[80,60],[0,60]], "quantity": 1,
                "grain": {"direction_deg": 0, "tolerance_deg": 0}, "min_grade": "A"},
               {"name": "lining", "material": "leather", "outline": [[0,0],[70,0],[70,50],[0,50]], "quantity": 1,
                "grain": {"direction_deg": 0, "tolerance_deg": 0}, "min_grade": "C"}]}
            """
        let job = """
            {"format": "nest-job/1", "units": "mm",
             "stock": {"hides": [{"name": "h", "material": "leather", "outline": [[0,0],[400,0],[400,300],[0,300]],
                                  "defects": [{"kind": "brand", "outline": [[120,90],[280,90],[280,210],[120,210]],
                                               "severity": "minor", "clearance": 4}]}]},
             "order": [{"pattern": "p.json", "sizes": {"9": 40}}],
             "spacing": 1, "margin": 2, "seed": 3, "samples": 60, "iterations": 30}
            """
        try pattern.write(to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        try job.write(to: folder.appendingPathComponent("j.json"), atomically: true, encoding: .utf8)
        let parsed = try JobReader.read(path: folder.appendingPathComponent("j.json").path, kernel: try GeometryKernel())
        var config = NestConfiguration()
        config.firstNest.samplesPerOrientation = 60
        config.optimizerIterations = 30
        let result = try Nester(job: parsed, config: config).run()
        let problems = try FeasibilityVerifier(spacing: parsed.spacing, margin: parsed.margin)
            .problems(in: result, expectedParts: parsed.parts())
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        let kernel = try GeometryKernel()
        let sheet = try #require(result.sheets.first)
        let defect = try #require(sheet.defects.first)
        var linings = 0
        for p in sheet.placements {
            let d = try kernel.distance([p.placedShape.filled], [defect.outline])
            if p.part.minGrade == .A {
                #expect(d >= 4 + 2 - 1e-6, "a grade A part lies \(d) mm from a minor defect")
            } else if d == 0 {
                linings += 1
            }
        }
        #expect(linings > 0, "no grade C part uses the leather of the minor defect")
    }
}

/// The usable leather of a hide counts each piece of a critical defect once, and only where
/// it takes leather: overlapping defects are merged, one running past the edge is clipped,
/// minor defects (leather some parts may use) are not subtracted.
struct UsableAreaTests {
    static func square(_ x: Double, _ y: Double, _ s: Double) -> Polygon {
        Polygon([Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s)])
    }

    @Test func overlappingAndOverhangingDefectsAreCountedOnce() throws {
        let hide = Hide(name: "h", material: "leather", shape: Self.square(0, 0, 1000), defects: [
            Defect(kind: "scar", shape: Self.square(100, 100, 100)),
            Defect(kind: "scar", shape: Self.square(150, 150, 100)),   // overlaps the first by 50 × 50
            Defect(kind: "hole-mark", shape: Self.square(950, 500, 100)),  // half of it off the hide
            Defect(kind: "wrinkle", shape: Self.square(500, 500, 100), severity: .minor),
        ])
        let sheet = try SheetState(hide: hide, margin: 0, kernel: try GeometryKernel())
        let merged: Double = 10_000 + 10_000 - 2_500  // two 100 mm squares overlapping by 50 × 50
        let clipped: Double = 5_000  // the half of a 100 mm square that lies on the hide
        let expected: Double = 1_000_000 - merged - clipped
        let usable = try #require(sheet.usableArea)
        #expect(abs(usable - expected) < 1e-6, "\(usable) vs \(expected)")
        #expect(sheet.sheet().usableArea == usable)
    }
}
