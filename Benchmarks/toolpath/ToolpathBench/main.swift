// toolpath-bench REPORT.json [REPORT.json ...]
//
// For each sheet of each nest report: the knife-up travel (origin = the sheet's bottom-left
// corner, out and back) of the contours cut in report order (each part's cut-outs, then its
// outline, entered at its first vertex), of the nearest-neighbour seed, and of the shipped
// optimizer, with the optimizer's wall time (best of 3). One JSON line per sheet.
// A benchmark, not a test: run it on a release build (see README, "Toolpaths").
import Foundation
import NestGeometry
import NestModel
import NestToolpath

func ring(_ any: Any?) -> [Point] {
    ((any as? [[Double]]) ?? []).map { Point($0[0], $0[1]) }
}

/// The report's sheet as a `Sheet` whose parts are the placed outlines (identity transforms).
func sheet(from s: [String: Any]) -> Sheet {
    let raw: [[String: Any]] = (s["placements"] as? [[String: Any]]) ?? []
    let placements = raw.enumerated().map { i, p in
        let shape = Polygon(ring(p["outline"]), holes: ((p["holes"] as? [Any]) ?? []).map { ring($0) })
        let part = Part(id: i, panel: p["part"] as? String ?? "part", size: p["size"] as? String ?? "", side: .none,
                        material: "", shape: shape, grain: GrainRule(), minGrade: .D, orderLine: 0)
        return Placement(part: part, transform: .identity)
    }
    return Sheet(stockName: s["stock"] as? String ?? "sheet", kind: s["kind"] as? String == "roll" ? .roll : .hide,
                 shape: Polygon(ring(s["outline"])), defects: [], zones: [], length: 0, placements: placements)
}

func travel(_ points: [Point], origin: Point) -> Double {
    var here = origin, total = 0.0
    for p in points {
        total += here.distance(to: p)
        here = p
    }
    return total + here.distance(to: origin)
}

let paths = CommandLine.arguments.dropFirst()
if paths.isEmpty {
    FileHandle.standardError.write(Data("usage: toolpath-bench REPORT.json ...\n".utf8))
    exit(2)
}
for path in paths {
    guard let data = FileManager.default.contents(atPath: path),
          let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        FileHandle.standardError.write(Data("toolpath-bench: cannot read \(path)\n".utf8))
        exit(1)
    }
    for (i, s) in ((report["sheets"] as? [[String: Any]]) ?? []).enumerated() {
        let sh = sheet(from: s)
        let profile = MachineProfile()
        let contours = CutContour.contours(of: sh, profile: profile)
        let preds = CutContour.predecessors(of: contours)
        let origin = Point(sh.shape.bounds.minX, sh.shape.bounds.minY)
        let sequencer = CutSequencer(rings: contours.map(\.points), predecessors: preds)
        let reportOrder = travel(contours.map { $0.points[0] }, origin: origin)
        let nn = sequencer.solve(from: origin, to: origin, effort: .nearestNeighbour).travel
        var best = Double.infinity
        var optimized = 0.0
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            optimized = sequencer.solve(from: origin, to: origin).travel
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        // The planner end to end (contours, precedence, order, leads, time model).
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try? ToolpathPlanner(profile: profile).plan(sh)
        let planSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let line: [String: Any] = [
            "report": path, "sheet": i + 1, "contours": contours.count,
            "report_order_air_mm": (reportOrder * 10).rounded() / 10, "nearest_neighbour_air_mm": (nn * 10).rounded() / 10,
            "optimized_air_mm": (optimized * 10).rounded() / 10, "optimizer_seconds": (best * 1e4).rounded() / 1e4,
            "planner_seconds": (planSeconds * 1e4).rounded() / 1e4,
        ]
        let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}
