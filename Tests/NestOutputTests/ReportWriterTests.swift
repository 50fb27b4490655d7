import Foundation
import NestGeometry
@testable import NestIO
@testable import NestOutput
import NestModel
import Testing

struct ReportWriterTests {
    static func result() -> (Job, NestResult) {
        let shape = Polygon([Point(0, 0), Point(100, 0), Point(100, 50), Point(0, 50)])
        let part = Part(id: 0, panel: "vamp", size: "9", side: .right, material: "leather", shape: shape,
                        grain: GrainRule(), minGrade: .B, orderLine: 0)
        let pattern = Pattern(model: "m", sizeSystem: "US", sizes: ["9"], baseSize: "9", grading: Grading(),
                              panels: [Panel(name: "vamp", material: "leather", shape: shape, quantityPerPair: 2, mirroredPairs: true,
                                             grain: GrainRule(), minGrade: .B)])
        let hide = Hide(name: "h", material: "leather", shape: Polygon([Point(0, 0), Point(500, 0), Point(500, 400), Point(0, 400)]))
        let job = Job(name: "t", stock: .hides([hide]), order: [OrderLine(patternSource: "p.json", pattern: pattern, pairs: [("9", 1)])],
                      spacing: 2, margin: 3, search: SearchSettings().overridden(by: SearchOverrides(seed: 5, iterations: 10)))
        let sheet = Sheet(stockName: "h", kind: .hide, shape: hide.shape, defects: [], zones: [], length: 0,
                          placements: [Placement(part: part, transform: Transform(rotationDegrees: 90, mirrored: true,
                                                                                   translation: Point(200, 100)))],
                          grainDegrees: 30)
        var left = part
        left.id = 1
        left.side = .left
        return (job, NestResult(sheets: [sheet], unplaced: [UnplacedPart(part: left, reason: "no room")],
                                statistics: NestStatistics()))
    }

    /// The cut file's layer names are what DXF R12 allows: letters, digits, `$`, `-`, `_`,
    /// at most 31 characters, one per placement even for long panel names with spaces.
    @Test func dxfLayerNamesFitR12() throws {
        let (_, result) = Self.result()
        var placement = result.sheets[0].placements[0]
        placement.part.panel = "Toe cap lining (perforated), Ø3 holes"
        let names = (0..<120).map { DXFWriter.layerName(placement, index: $0) }
        #expect(Set(names).count == 120)
        #expect(names.allSatisfy { n in n.count <= 31 && n.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "$-_".contains($0)) } }, "\(names[0])")
        #expect(names[0].hasPrefix("P001_TOE_CAP_LINING"), "\(names[0])")
    }

    @Test func reportRoundTripsThroughAJSONParser() throws {
        let (job, result) = Self.result()
        let text = ReportWriter.report(job: job, result: result, iterations: 10).serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["format"] as? String == "nest-report/1")
        #expect(parsed["parts_ordered"] as? Int == 2)
        #expect(abs((parsed["yield_percent"] as? Double ?? 0) - 2.5) < 1e-9)
        let sheets = try #require(parsed["sheets"] as? [[String: Any]])
        #expect(sheets[0]["grain_deg"] as? Double == 30)
        let placement = try #require((sheets[0]["placements"] as? [[String: Any]])?.first)
        #expect(placement["side"] as? String == "R")
        #expect(placement["mirrored"] as? Bool == true)
        #expect(placement["rotation_deg"] as? Double == 90)
        // (100, 50) → mirrored (−100, 50) → rotated 90° (−50, −100) → moved (150, 0)
        let outline = try #require(placement["outline"] as? [[Double]])
        #expect(outline.contains([150, 0]))
        let unplaced = try #require(parsed["unplaced"] as? [[String: Any]])
        #expect(unplaced.first?["reason"] as? String == "no room")
    }

    /// A long marker's sections and windows are reported only when they ran, with what
    /// became of them: a join refused is there to be seen, not only a shorter marker.
    @Test func longMarkerStatisticsOnlyWhenTheyRan() throws {
        let (job, plain) = Self.result()
        let none = try Self.statistics(plain, of: job)
        #expect(none["marker_sections"] == nil && none["window_attempts"] == nil && none["window_lanes_met"] == nil)
        var refused = plain
        refused.statistics.markerSections = MarkerSectionsSummary(count: 8, keptBecause: "the joined marker overlapped",
                                                                  lengthBefore: 60019.1134, lengthAfter: 60019.1134)
        refused.statistics.windowAttempts = 12
        refused.statistics.windowLanesMet = 1
        let stats = try Self.statistics(refused, of: job)
        let sections = try #require(stats["marker_sections"] as? [String: Any])
        #expect(sections["sections"] as? Int == 8 && sections["joined"] as? Bool == false)
        #expect(sections["kept_uncut_because"] as? String == "the joined marker overlapped")
        #expect(sections["length_before_mm"] as? Double == 60019.113 && sections["length_after_mm"] as? Double == 60019.113)
        #expect(stats["window_attempts"] as? Int == 12 && stats["window_lanes_met"] as? Int == 1)
        refused.statistics.markerSections?.keptBecause = nil
        #expect(try #require(try Self.statistics(refused, of: job)["marker_sections"] as? [String: Any])["kept_uncut_because"] == nil)
    }

    /// The report's `statistics` object for `result`, parsed.
    static func statistics(_ result: NestResult, of job: Job) throws -> [String: Any] {
        let text = ReportWriter.report(job: job, result: result, iterations: 10).serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(parsed["statistics"] as? [String: Any])
    }

    /// `boxes_packed` is written only when the boxes were packed edge to edge.
    @Test func boxesPackedOnlyWhenTheyWere() throws {
        let (job, plain) = Self.result()
        #expect(try Self.statistics(plain, of: job)["boxes_packed"] == nil)
        var packed = plain
        packed.statistics.boxesPacked = true
        #expect(try Self.statistics(packed, of: job)["boxes_packed"] as? Bool == true)
    }

    @Test func serializationIsStable() {
        let (job, result) = Self.result()
        let a = ReportWriter.report(job: job, result: result, iterations: 10).serialized()
        let b = ReportWriter.report(job: job, result: result, iterations: 10).serialized()
        #expect(a == b)
        #expect(JSONValue.format(-0.0000001, decimals: 6) == "0")
        #expect(JSONValue.format(1.5, decimals: 6) == "1.5")
        #expect(JSONValue.escape("a\"b\n") == "\"a\\\"b\\n\"")
    }
}
