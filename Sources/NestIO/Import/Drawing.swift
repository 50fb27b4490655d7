import NestGeometry

/// What an importer understood of a drawing, in millimetres with y up: polylines (curves
/// already flattened) and text labels, each with its layer and where it came from in the
/// file (e.g. "line 120 LWPOLYLINE", "path#vamp"), so later problems can point at it.
struct Drawing: Sendable {
    struct Contour: Sendable {
        var points: [Point]
        var closed: Bool
        var layer: String
        var source: String
        /// The name the drawing gives the element itself (an SVG element's label), if any.
        var name: String? = nil
        /// The name of the nearest named group around the element (an SVG `<g>` named in
        /// the drawing program's layers panel), if any.
        var group: String? = nil
        /// The boundary of a fill (a DXF HATCH), not a line drawn: read as an outline only
        /// where no line of the drawing already draws it.
        var fill = false
    }

    struct Label: Sendable {
        var text: String
        var position: Point
        var layer: String
        var source: String
    }

    var contours: [Contour] = []
    var labels: [Label] = []

    mutating func append(_ other: Drawing) {
        contours += other.contours
        labels += other.labels
    }
}

/// A closed ring found in a drawing, with where it came from.
struct FoundRing: Sendable {
    var ring: Ring
    var layer: String
    var source: String
    /// The names of a closed contour's element and its group (`Drawing.Contour`).
    var name: String? = nil
    var group: String? = nil
    /// The boundary of a fill (`Drawing.Contour.fill`).
    var fill = false
    var area: Double { ring.area }
}

/// An open chain that could not be closed: a problem to report, never silently dropped.
struct OpenChain: Sendable {
    var start: Point
    var end: Point
    var layer: String
    var source: String

    var problem: String {
        String(format: "open contour on layer \"%@\": its ends (%@) and (%@) are %.3g mm apart",
               layer, formatPoint(start), formatPoint(end), start.distance(to: end))
    }

    /// `problem`, for an outline that must close, with what closes it when the gap is a
    /// drafting slip (at most 5 mm): ends within the join tolerance are joined, and a gap
    /// wider than it needs the tolerance raised.
    func problem(joinTolerance: Double) -> String {
        let gap = start.distance(to: end)
        guard gap > joinTolerance, gap <= 5 else { return problem }
        let enough = (gap * 1.05 * 100).rounded(.up) / 100
        return problem + String(format: ", more than the join tolerance of %@ mm: `nest import FILE --join-tolerance %@` closes it",
                                DecimalText.trimmed(joinTolerance, decimals: 3), DecimalText.trimmed(enough, decimals: 2))
    }
}

func formatPoint(_ p: Point) -> String {
    func f(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }
    return "\(f(p.x)), \(f(p.y))"
}

/// Joins the open contours of one layer end to end into closed rings, within
/// `tolerance` millimetres: LINE and ARC chains, polylines drawn in pieces.
///
/// Deterministic: chains grow from the first unused contour in input order, always taking
/// the nearest free end (ties: input order). Contours already closed pass through;
/// a chain whose ends meet within the tolerance is closed; the rest are reported.
/// Every ring closes exactly: a last point within the tolerance of the first is snapped
/// onto it (`closedExactly`).
enum ContourAssembler {
    static func rings(from contours: [Drawing.Contour], tolerance: Double) -> (rings: [FoundRing], open: [OpenChain]) {
        var rings: [FoundRing] = []
        var open: [OpenChain] = []
        var pieces: [Drawing.Contour] = []
        for c in contours where c.points.count >= 2 {
            if c.closed || (c.points.count > 2 && c.points.first!.distance(to: c.points.last!) <= tolerance) {
                rings.append(FoundRing(ring: Ring(points: closedExactly(c.points, tolerance: tolerance).map(ReadPrecision.rounded)), layer: c.layer, source: c.source,
                                       name: c.name, group: c.group, fill: c.fill))
            } else {
                pieces.append(c)
            }
        }
        // Endpoint grid: cell size = tolerance, so a match lies in the 3×3 neighbourhood.
        let cell = max(tolerance, 1e-9)
        struct Key: Hashable { var x: Int, y: Int }
        func key(_ p: Point) -> Key { Key(x: clampedIndex(p.x / cell), y: clampedIndex(p.y / cell)) }
        var grid: [Key: [Int]] = [:]  // endpoint id = piece * 2 + (0 start, 1 end)
        for (i, p) in pieces.enumerated() {
            grid[key(p.points.first!), default: []].append(2 * i)
            grid[key(p.points.last!), default: []].append(2 * i + 1)
        }
        var used = [Bool](repeating: false, count: pieces.count)
        func nearest(to p: Point) -> Int? {
            let k = key(p)
            var best: (id: Int, d: Double)?
            for dx in -1...1 {
                for dy in -1...1 {
                    for id in grid[Key(x: k.x &+ dx, y: k.y &+ dy)] ?? [] where !used[id / 2] {
                        let q = id % 2 == 0 ? pieces[id / 2].points.first! : pieces[id / 2].points.last!
                        let d = p.distance(to: q)
                        if d <= tolerance, best == nil || d < best!.d || (d == best!.d && id < best!.id) { best = (id, d) }
                    }
                }
            }
            return best?.id
        }
        for start in pieces.indices where !used[start] {
            used[start] = true
            var chain = pieces[start].points
            var sources = [pieces[start].source]
            while chain.count < 5_000_000, chain.first!.distance(to: chain.last!) > tolerance || chain.count < 3 {
                guard let id = nearest(to: chain.last!) else { break }
                used[id / 2] = true
                let next = pieces[id / 2].points
                chain += (id % 2 == 0 ? next : next.reversed()).dropFirst()
                if sources.count < 4 { sources.append(pieces[id / 2].source) }
            }
            let source = sources.joined(separator: ", ") + (sources.count >= 4 ? ", …" : "")
            if chain.count >= 3, chain.first!.distance(to: chain.last!) <= tolerance {
                rings.append(FoundRing(ring: Ring(points: (chain.first! == chain.last! ? chain : Array(chain.dropLast())).map(ReadPrecision.rounded)),
                                       layer: pieces[start].layer, source: source))
            } else {
                open.append(OpenChain(start: chain.first!, end: chain.last!, layer: pieces[start].layer, source: source))
            }
        }
        // A fill drawn inside a drawn outline (the usual hatch: the outline and its fill
        // both exported) is that outline once; a fill no line draws is an outline of its own.
        let drawn = rings.filter { !$0.fill }
        rings.removeAll { r in r.fill && drawn.contains { sameOutline($0.ring, r.ring, tolerance: tolerance) } }
        return (rings, open)
    }

    /// Whether two rings draw the same outline up to flattening: bounds within the tolerance
    /// (at least 0.1 mm) and areas within 1 %.
    static func sameOutline(_ a: Ring, _ b: Ring, tolerance: Double) -> Bool {
        let t = max(tolerance, 0.1), ba = a.bounds, bb = b.bounds
        guard abs(ba.minX - bb.minX) <= t, abs(ba.maxX - bb.maxX) <= t, abs(ba.minY - bb.minY) <= t, abs(ba.maxY - bb.maxY) <= t else { return false }
        let areaA = a.area, areaB = b.area
        return abs(areaA - areaB) <= 0.01 * max(areaA, areaB)
    }

    /// The points of a closed contour with its last point snapped onto its first when the two
    /// lie within `tolerance` but are not equal (a curve that returns to its start up to
    /// float rounding, a closing vertex written twice inexactly): the ring then closes
    /// exactly, as a chain of lines closed within the tolerance does. A last point as far
    /// from the first as a tenth of the contour's mean edge or more is a vertex of its own
    /// (a dense outline of 0.1 mm edges), kept, as the JSON reader keeps it.
    static func closedExactly(_ points: [Point], tolerance: Double) -> [Point] {
        guard points.count > 3, let first = points.first, let last = points.last, first != last else { return points }
        let gap = first.distance(to: last)
        guard gap <= tolerance else { return points }
        let perimeter = zip(points, points.dropFirst()).reduce(gap) { $0 + $1.0.distance(to: $1.1) }
        guard gap < 0.1 * perimeter / Double(points.count) else { return points }
        return Array(points.dropLast())
    }

    static func clampedIndex(_ v: Double) -> Int {
        guard v.isFinite else { return 0 }
        return Int(max(-1e15, min(1e15, v.rounded(.down))))
    }
}

/// Groups closed rings into outlines with holes by containment: a ring inside an even
/// number of others is an outline, inside an odd number a hole of the smallest outline
/// around it. Deterministic (largest first, ties in input order).
enum RingNesting {
    struct Shape {
        var outline: FoundRing
        var holes: [FoundRing]
    }

    static func shapes(_ rings: [FoundRing]) -> [Shape] {
        let order = rings.indices.sorted { rings[$0].area != rings[$1].area ? rings[$0].area > rings[$1].area : $0 < $1 }
        var depth: [Int: Int] = [:]
        var parent: [Int: Int] = [:]
        for (k, i) in order.enumerated() {
            let probe = rings[i].ring.points[0]
            var d = 0
            for j in order[..<k] where rings[j].ring.bounds.contains(probe) && rings[j].ring.contains(probe) {
                d += 1
                parent[i] = j  // the last container in order is the smallest
            }
            depth[i] = d
        }
        var shapes: [Int: Shape] = [:]
        var outlineOrder: [Int] = []
        for i in order where depth[i]! % 2 == 0 {
            shapes[i] = Shape(outline: rings[i], holes: [])
            outlineOrder.append(i)
        }
        for i in order where depth[i]! % 2 == 1 {
            if let p = parent[i] { shapes[p]?.holes.append(rings[i]) }
        }
        return outlineOrder.map { shapes[$0]! }
    }
}
