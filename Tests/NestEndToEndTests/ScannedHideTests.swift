import Foundation
import NestGeometry
import NestModel
@testable import NestRender
import Testing

/// A hide as a scanner writes it: an outline of thousands of points, a hundred pinholes
/// marked as defects, a zone and a defect running past the edge. The drawings cut each
/// marking to the outline once (`StockMarkings`) instead of clipping every drawing to the
/// outline: a PDF repeats the clip path at each change of clip, which made one overview page
/// of such a hide tens of megabytes.
struct ScannedHideTests {
    /// A wavy, slightly jagged outline of `points` points, about 2.4 × 1.6 m.
    static func outline(points: Int) -> [[Double]] {
        (0..<points).map { k in
            let a = Double(k) / Double(points) * 2 * .pi
            let r = 1 + 0.06 * sin(3 * a + 0.4) + 0.03 * sin(7 * a) + 0.002 * sin(Double(k) * 2.1)
            return [1250 + 1200 * r * cos(a), 850 + 800 * r * sin(a)]
        }
    }

    static func circle(_ x: Double, _ y: Double, _ radius: Double, points: Int = 16) -> [[Double]] {
        (0..<points).map { j in
            let a = Double(j) / Double(points) * 2 * .pi
            return [x + radius * cos(a), y + radius * sin(a)]
        }
    }

    /// The hide file: 6 000 points, 120 pinholes on a grid, a scar across the left edge, a
    /// grade B zone over the right end (past the outline) and a grade C one at the bottom.
    static func hideJSON() throws -> Data {
        var defects: [[String: Any]] = []
        for k in 0..<120 {
            let x = 500 + Double(k % 12) * 130, y = 400 + Double(k / 12) * 90
            defects.append(["kind": "pinhole", "outline": circle(x, y, 2.5)])
        }
        defects.append(["kind": "scar", "outline": [[-20, 840], [120, 840], [120, 860], [-20, 860]]])
        let hide: [String: Any] = [
            "format": "nest-hide/1", "name": "scanned", "material": "leather", "units": "mm", "grain_deg": 0,
            "outline": outline(points: 6_000), "defects": defects,
            "zones": [["grade": "B", "outline": [[1900, -100], [2700, -100], [2700, 1800], [1900, 1800]]],
                      ["grade": "C", "outline": [[600, -50], [1500, -50], [1500, 300], [600, 300]]]],
        ]
        return try JSONSerialization.data(withJSONObject: hide)
    }

    @Test func anOverviewOfAScannedHideStaysSmallAndItsNestVerifies() throws {
        let folder = try Harness.temporaryFolder()
        try Self.hideJSON().write(to: folder.appendingPathComponent("scanned.json"))
        let pattern = Harness.packageRoot.appendingPathComponent("Patterns/runner.json").path
        let job: [String: Any] = [
            "format": "nest-job/1", "name": "scanned", "stock": ["hides": ["scanned.json"]],
            "order": [["pattern": pattern, "sizes": ["8": 2, "9": 2]]], "spacing": 2, "margin": 3,
        ]
        try JSONSerialization.data(withJSONObject: job).write(to: folder.appendingPathComponent("job.json"))
        let out = folder.appendingPathComponent("out")
        let r = try Harness.nest([folder.appendingPathComponent("job.json").path, "--output", out.path,
                                  "--samples", "20", "--iterations", "30", "--scale", "1:1", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let check = try Harness.verify(out.appendingPathComponent("report.json"))
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // The outline is drawn a few times (stock, edge, toolpath page): a few hundred
        // kilobytes. Clipping each hatched pinhole inside the outline repeated it per pinhole.
        let pdf = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("cut-sheets.pdf").path)
        let bytes = try #require(pdf[.size] as? Int)
        #expect(bytes < 2_000_000, "cut-sheets.pdf is \(bytes) bytes")
        // Each true-scale tile draws only the part of the outline and markings on it (whole,
        // the outline clipped on every tile made 62 MB here with the build before).
        let tiles = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("true-scale.pdf").path)
        let tileBytes = try #require(tiles[.size] as? Int)
        #expect(tileBytes < 3_000_000, "true-scale.pdf is \(tileBytes) bytes")
        let svg = try String(contentsOf: out.appendingPathComponent("sheet-01.svg"), encoding: .utf8)
        #expect(!svg.contains("clip-path"), "the markings come cut to the outline")
        #expect(svg.components(separatedBy: "hatch-defect)").count - 1 == 121, "every defect hatched once")
    }

    @Test func markingsAreCutToTheOutline() throws {
        let square = Polygon([Point(0, 0), Point(1000, 0), Point(1000, 600), Point(0, 600)])
        func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
            Polygon([Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)])
        }
        let inside = box(100, 100, 110, 110), across = box(990, 300, 1010, 310), away = box(1100, 300, 1120, 310)
        let sheet = Sheet(stockName: "hide", kind: .hide, shape: square,
                          defects: [Defect(kind: "hole", shape: inside), Defect(kind: "scar", shape: across),
                                    Defect(kind: "mark", shape: away)],
                          zones: [QualityZone(grade: .C, shape: box(-50, -50, 300, 100)), QualityZone(grade: .B, shape: box(800, 0, 1200, 600))],
                          length: 1000, placements: [])
        let markings = StockMarkings(sheet)
        #expect(markings.zones.map(\.grade) == [.B, .C], "worst last")
        #expect(abs(markings.zones[0].shapes.reduce(0) { $0 + $1.area } - 200 * 600) < 1e-6)
        #expect(abs(markings.zones[1].shapes.reduce(0) { $0 + $1.area } - 300 * 100) < 1e-6)
        #expect(markings.defects[0] == [inside], "a defect on the stock is drawn as marked")
        #expect(abs(markings.defects[1].reduce(0) { $0 + $1.area } - 100) < 1e-6)
        #expect(markings.defects[2].isEmpty)
    }
}
