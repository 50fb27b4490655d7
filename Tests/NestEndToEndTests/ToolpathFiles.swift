import Foundation
import Testing

/// Reads the toolpath files `nest` wrote back and checks them against the report: every
/// outline and cut-out of every placement cut exactly once, closed, each cut-out before
/// its outline, coordinates within the format's resolution (machine frame: origin at the
/// sheet's bottom-left corner, millimetres).
enum ToolpathFiles {
    typealias P = (x: Double, y: Double)

    /// Knife-down paths of an HPGL file, in mm.
    static func hpgl(_ text: String) -> [[P]] {
        var paths: [[P]] = [], current: [P] = []
        for command in text.split(separator: ";") {
            let c = command.trimmingCharacters(in: .whitespacesAndNewlines)
            let nums = c.dropFirst(2).split(separator: ",").compactMap { Double($0) }
            let pts = stride(from: 0, to: nums.count - 1, by: 2).map { (x: nums[$0] / 40, y: nums[$0 + 1] / 40) }
            if c.hasPrefix("PU") {
                if current.count > 1 { paths.append(current) }
                current = pts.suffix(1)
            } else if c.hasPrefix("PD") {
                current += pts
            }
        }
        if current.count > 1 { paths.append(current) }
        return paths
    }

    /// Tool-down paths of a G-code file (G0 starts a path, G1 with X/Y extends it), along the
    /// roll: after each conveyor advance (the shipped profile's `M100 P<length>`) the table's
    /// x is the roll's less the advances so far, and is mapped back. `table` (x of every
    /// point on the table, as written) gets the largest table x seen.
    static func gcode(_ text: String, table: UnsafeMutablePointer<Double>? = nil) -> [[P]] {
        var paths: [[P]] = [], current: [P] = []
        var advanced = 0.0
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.first == "M100", let p = words.first(where: { $0.hasPrefix("P") }).flatMap({ Double($0.dropFirst()) }) {
                advanced += p
                continue
            }
            guard let tableX = words.first(where: { $0.hasPrefix("X") }).flatMap({ Double($0.dropFirst()) }),
                  let y = words.first(where: { $0.hasPrefix("Y") }).flatMap({ Double($0.dropFirst()) }) else { continue }
            table?.pointee = max(table?.pointee ?? 0, tableX)
            let x = tableX + advanced
            if words.first == "G0" {
                if current.count > 1 { paths.append(current) }
                current = [(x, y)]
            } else if words.first == "G1" {
                current.append((x, y))
            }
        }
        if current.count > 1 { paths.append(current) }
        return paths
    }

    /// Polylines of a DXF R12 file, closed ones with their first point repeated; and their layers.
    static func dxf(_ text: String) -> (paths: [[P]], layers: [String], closed: [Bool]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var paths: [[P]] = [], layers: [String] = [], closed: [Bool] = []
        var entity = "", x = 0.0, current: [P] = [], flag = false, layer = ""
        var i = 0
        while i + 1 < lines.count {
            let code = Int(lines[i]) ?? -1, value = lines[i + 1]
            i += 2
            switch code {
            case 0:
                if entity == "POLYLINE" { /* header done */ }
                if value == "SEQEND" {
                    paths.append(flag ? current + [current[0]] : current)
                    closed.append(flag)
                    layers.append(layer)
                    current = []
                }
                entity = value
                if value == "POLYLINE" { flag = false }
            case 8 where entity == "POLYLINE": layer = value
            case 70 where entity == "POLYLINE": flag = (Int(value) ?? 0) & 1 == 1
            case 10 where entity == "VERTEX": x = Double(value) ?? .nan
            case 20 where entity == "VERTEX": current.append((x, Double(value) ?? .nan))
            default: break
            }
        }
        return (paths, layers, closed)
    }

    /// Checks the paths of one sheet against its report entry; `tolerance` in mm.
    static func check(_ paths: [[P]], sheet: [String: Any], tolerance: Double, format: String) {
        let outline = (sheet["outline"] as? [[Double]]) ?? []
        let ox = outline.map { $0[0] }.min() ?? 0, oy = outline.map { $0[1] }.min() ?? 0
        let placements = (sheet["placements"] as? [[String: Any]]) ?? []
        var used = Array(repeating: false, count: paths.count)
        func near(_ a: P, _ b: P) -> Bool { abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance }
        func find(_ ring: [[Double]], _ what: String) -> Int? {
            let pts = ring.map { (x: $0[0] - ox, y: $0[1] - oy) }
            let matches = paths.indices.filter { k in
                pts.allSatisfy { p in paths[k].contains { near($0, p) } }
            }
            #expect(matches.count == 1, "\(format): \(what) found \(matches.count) times")
            guard let k = matches.first else { return nil }
            #expect(!used[k], "\(format): path \(k) matches two contours")
            used[k] = true
            let path = paths[k]
            #expect(near(path[0], path[path.count - 1]), "\(format): \(what) is not closed")
            return k
        }
        for (i, p) in placements.enumerated() {
            let o = find((p["outline"] as? [[Double]]) ?? [], "placement \(i) outline")
            for (h, hole) in ((p["holes"] as? [[[Double]]]) ?? []).enumerated() {
                if let k = find(hole, "placement \(i) hole \(h)"), let o { #expect(k < o, "\(format): placement \(i) hole \(h) cut after its outline") }
            }
        }
        #expect(used.allSatisfy { $0 }, "\(format): \(used.filter { !$0 }.count) paths match no contour")
    }
}
