import Foundation
import NestGeometry

/// Geometry problems of one outline with its holes, as `nest check` lists them: rings
/// that are open or too short, self-intersections (with the point), tiny slivers and
/// spikes the readers keep; and notes of what the readers repair on their own (repeated
/// points, which CAD systems write where a notch sits; spikes that enclose next to nothing
/// are noted by the readers themselves). Coordinates are in millimetres; point numbers
/// count from 0 in the file's own list.
struct ShapeCheck {
    struct Findings {
        var problems: [InputError] = []
        var notes: [InputError] = []

        static func += (a: inout Findings, b: Findings) {
            a.problems += b.problems
            a.notes += b.notes
        }
    }

    let file: String
    let kernel: GeometryKernel

    /// Mean width (2·area / perimeter) below which a shape is a sliver, in mm.
    static let sliverWidth = 0.5
    /// Turning angle (degrees) past which a vertex is a spike: the outline doubles back.
    static let spikeDegrees = 179.0
    static let maxPerRing = 10

    func findings(outline: [[Double]], holes: [[[Double]]], scale: Double, item: String) -> Findings {
        var found = Findings()
        found.problems = problems(outline: outline, holes: holes, scale: scale, item: item, notes: &found.notes)
        return found
    }

    func problems(outline: [[Double]], holes: [[[Double]]], scale: Double, item: String, notes: inout [InputError]) -> [InputError] {
        var out: [InputError] = []
        var rings: [Ring] = []
        for (k, raw) in ([outline] + holes).enumerated() {
            let name = k == 0 ? "\(item) outline" : "\(item) holes[\(k - 1)]"
            guard raw.allSatisfy({ $0.count == 2 && $0[0].isFinite && $0[1].isFinite }) else {
                out.append(InputError(file: file, item: name, problem: "every point must be two finite numbers [x, y]"))
                return out
            }
            let pts = raw.map { Point($0[0] * scale, $0[1] * scale) }
            out += ringProblems(pts, item: name, notes: &notes)
            rings.append(Ring(points: pts).withoutRepeats().ring)
        }
        guard rings.allSatisfy({ Set($0.points).count >= 3 }) else { return out }
        let polygon = Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
        if let v = try? kernel.validityProblem(polygon) {
            // A self-intersecting ring's area means nothing: no sliver check on top.
            out.append(InputError(file: file, item: item, problem: "invalid polygon: \(v.description.lowercasedFirst)"))
            return out
        }
        for (k, r) in rings.enumerated() {
            let name = k == 0 ? "\(item) outline" : "\(item) holes[\(k - 1)]"
            let p = r.perimeter
            if p > 0, 2 * r.area / p < Self.sliverWidth {
                out.append(InputError(file: file, item: name, problem: String(
                    format: "tiny sliver: %.3g mm² over a %.4g mm perimeter (mean width %.3g mm)", r.area, p, 2 * r.area / p)))
            }
        }
        return out
    }

    func ringProblems(_ pts: [Point], item: String, notes: inout [InputError]) -> [InputError] {
        var out: [InputError] = []
        if pts.count >= 2, pts.first != pts.last {
            let gap = pts.first!.distance(to: pts.last!)
            let meanEdge = Ring(points: pts).perimeter / Double(pts.count)
            if gap < 0.05, gap < 0.1 * meanEdge {
                out.append(InputError(file: file, item: item, problem: String(
                    format: "open ring: its last point (%@) is %.3g mm from its first; repeat the first point exactly or leave it off",
                    formatPoint(pts.last!), gap)))
            }
        }
        let distinct = Set(pts).count
        if distinct < 3 {
            out.append(InputError(file: file, item: item, problem: "a ring needs at least 3 distinct points, got \(distinct)"))
            return out
        }
        var dups: [String] = []
        for k in 1..<pts.count where pts[k] == pts[k - 1] { dups.append("point \(k) at (\(formatPoint(pts[k])))") }
        if !dups.isEmpty {
            notes.append(InputError(file: file, item: item, problem: "repeated point\(dups.count > 1 ? "s" : "") (read once): "
                + dups.prefix(Self.maxPerRing).joined(separator: ", ") + (dups.count > Self.maxPerRing ? ", and \(dups.count - Self.maxPerRing) more" : "")))
        }
        let cleaned = Ring(points: pts).withoutRepeats().ring.points
        var spikes: [String] = []
        let n = cleaned.count
        if n >= 3 {
            for k in 0..<n {
                let a = cleaned[(k + n - 1) % n], b = cleaned[k], c = cleaned[(k + 1) % n]
                let u = b - a, v = c - b
                let turn = abs(atan2(Point.cross(u, v), Point.dot(u, v))) * 180 / .pi
                if turn > Self.spikeDegrees { spikes.append("(\(formatPoint(b)))") }
            }
        }
        if !spikes.isEmpty {
            let listed = spikes.prefix(Self.maxPerRing).joined(separator: ", ") + (spikes.count > Self.maxPerRing ? ", and \(spikes.count - Self.maxPerRing) more" : "")
            // The readers leave out a spike that encloses next to nothing, with a note of
            // their own (`RingReader`), which the check passes on; a larger one stays.
            let read = Ring(points: cleaned)
            if abs(read.withoutSpikes().ring.area - read.area) > RingReader.spikeAreaShare * read.area {
                out.append(InputError(file: file, item: item, problem: "tiny sliver: the outline doubles back (a spike) at \(listed)"))
            }
        }
        return out
    }
}
