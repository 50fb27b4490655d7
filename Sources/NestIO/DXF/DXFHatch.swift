import Foundation
import NestGeometry

/// A HATCH's boundary paths as closed contours marked as fills (`Drawing.Contour.fill`):
/// a drawing program that exports a filled shape writes its outline as a polyline and the
/// fill as a HATCH bounded by the same outline — read once, as the outline — and some write
/// only the HATCH, whose boundary is then the piece. Both kinds of path are read: polyline
/// paths (with bulges) and edge paths of lines, circular and elliptic arcs (clockwise ones
/// stored, as the format does, by their complementary angles) and splines.
///
/// A hatch whose boundary cannot be read is passed over with a note, not refused: the
/// outline it fills is usually drawn as well.
extension DXFDrawingBuilder {
    mutating func hatch(_ e: DXFEntity, layer: String, transform: Affine, to out: inout Drawing) {
        do {
            var reader = HatchReader(groups: e.groups, file: file, entity: e.source)
            let m = transform * (try ocs(e))
            let paths = try reader.paths()
            for (k, path) in paths.enumerated() {
                var pts = try points(of: path, transform: m, source: e.source)
                if pts.count > 2, pts.first!.distance(to: pts.last!) <= joinTolerance { pts.removeLast() }
                guard pts.count >= 3 else { continue }
                try emit(pts, closed: true, layer: layer, source: e, part: paths.count > 1 ? " boundary \(k + 1)" : "",
                         fill: true, to: &out)
            }
        } catch let error as InputError {
            notes.append("\(file): \(e.source): the hatch's boundary is not read (\(error.problem))")
        } catch {
            notes.append("\(file): \(e.source): the hatch's boundary is not read (\(error))")
        }
    }

    /// One boundary path flattened into millimetres, its edges joined end to end.
    private func points(of path: HatchReader.Path, transform m: Affine, source: String) throws -> [Point] {
        let fl = flattener(m)
        switch path {
        case .polyline(let vertices):
            guard let first = vertices.first else { return [] }
            var pts = [fl.transform.apply(first.0)]
            for k in vertices.indices {
                pts += fl.bulge(from: vertices[k].0, to: vertices[(k + 1) % vertices.count].0, bulge: vertices[k].1)
            }
            return pts
        case .edges(let edges):
            var pts: [Point] = []
            for edge in edges {
                var drawn: [Point]
                switch edge {
                case .line(let a, let b):
                    drawn = [fl.transform.apply(a), fl.transform.apply(b)]
                case .arc(let center, let radius, let start, let end, let counterClockwise):
                    guard radius > 0 else { throw InputError(file: file, item: source, problem: "an arc edge has radius \(radius)") }
                    // Clockwise arcs are stored by their complementary angles: drawn
                    // counter-clockwise from 360 − end to 360 − start, then walked back.
                    let (a0, a1) = counterClockwise ? (start, end) : (360 - end, 360 - start)
                    drawn = fl.arc(center: center, radius: radius, start: a0 * .pi / 180, sweep: Self.sweep(a0, a1) * .pi / 180)
                    if !counterClockwise { drawn.reverse() }
                case .ellipse(let center, let major, let ratio, let start, let end, let counterClockwise):
                    guard major.length > 0, ratio > 0, ratio <= 1 + 1e-9 else {
                        throw InputError(file: file, item: source, problem: "an elliptic edge needs a non-zero major axis and a ratio in (0, 1]")
                    }
                    let (a0, a1) = counterClockwise ? (start, end) : (360 - end, 360 - start)
                    // The angles are true angles; the ellipse is drawn by its parameter.
                    func parameter(_ degrees: Double) -> Double {
                        let a = degrees * .pi / 180
                        return atan2(sin(a) / ratio, cos(a))
                    }
                    let t0 = parameter(a0)
                    var sweep = parameter(a1) - t0
                    while sweep <= 1e-12 { sweep += 2 * .pi }
                    if Self.sweep(a0, a1) >= 360 - 1e-9 { sweep = 2 * .pi }
                    drawn = fl.ellipse(center: center, major: major, minor: Point(-major.y, major.x) * ratio, start: t0, sweep: sweep)
                    if !counterClockwise { drawn.reverse() }
                case .spline(let data):
                    drawn = try splinePoints(data, transform: m, source: source)
                }
                if let last = pts.last, let first = drawn.first, last.distance(to: first) <= max(joinTolerance, 1e-9) {
                    drawn.removeFirst()
                }
                pts += drawn
            }
            return pts
        }
    }

    /// The counter-clockwise sweep in degrees from `a0` to `a1`, in (0, 360].
    static func sweep(_ a0: Double, _ a1: Double) -> Double {
        var s = (a1 - a0).truncatingRemainder(dividingBy: 360)
        if s <= 1e-9 { s += 360 }
        return s
    }
}

/// Reads a HATCH's boundary paths from its groups, in the order the format writes them
/// (group 91 the count of paths; per path 92 its kind, then its vertices or edges, then
/// 97 and the handles of the objects it was made from).
struct HatchReader {
    enum Edge {
        case line(Point, Point)
        case arc(center: Point, radius: Double, start: Double, end: Double, counterClockwise: Bool)
        case ellipse(center: Point, major: Point, ratio: Double, start: Double, end: Double, counterClockwise: Bool)
        case spline(DXFDrawingBuilder.SplineData)
    }

    enum Path {
        case polyline([(Point, Double)])
        case edges([Edge])
    }

    let groups: [DXFGroup]
    let file: String
    let entity: String
    private var i = 0

    /// Counts above this are refused (a corrupt count would otherwise read the rest of
    /// the entity as paths).
    static let maxCount = 1_000_000

    init(groups: [DXFGroup], file: String, entity: String) {
        self.groups = groups
        self.file = file
        self.entity = entity
    }

    private func problem(_ what: String) -> InputError {
        InputError(file: file, item: entity, problem: what)
    }

    private mutating func next(_ code: Int) throws -> DXFGroup {
        guard i < groups.count else { throw problem("its boundary ends early: group code \(code) expected") }
        let g = groups[i]
        guard g.code == code else { throw problem("group code \(code) expected at line \(g.line), found \(g.code)") }
        i += 1
        return g
    }

    private mutating func number(_ code: Int) throws -> Double { try DXFDocument.number(try next(code), file: file) }

    private mutating func integer(_ code: Int) throws -> Int {
        let g = try next(code)
        guard let v = Int(g.value.trimmingCharacters(in: .whitespaces)) else {
            throw problem("group \(code) at line \(g.line) must be an integer, found \"\(g.value.prefix(40))\"")
        }
        return v
    }

    private mutating func count(_ code: Int) throws -> Int {
        let n = try integer(code)
        guard (0...Self.maxCount).contains(n) else { throw problem("a count of \(n) (group \(code))") }
        return n
    }

    private mutating func point(_ x: Int) throws -> Point { Point(try number(x), try number(x + 10)) }

    private mutating func optional(_ code: Int) throws -> Double? {
        guard i < groups.count, groups[i].code == code else { return nil }
        return try number(code)
    }

    mutating func paths() throws -> [Path] {
        guard let start = groups.firstIndex(where: { $0.code == 91 }) else { return [] }
        i = start
        let n = try count(91)
        var out: [Path] = []
        for _ in 0..<n {
            let kind = try integer(92)
            if kind & 2 != 0 {
                let bulges = try integer(72) != 0
                _ = try integer(73)  // closed: a boundary always is
                let count = try count(93)
                var vertices: [(Point, Double)] = []
                for _ in 0..<count {
                    let p = try point(10)
                    vertices.append((p, bulges ? try optional(42) ?? 0 : 0))
                }
                out.append(.polyline(vertices))
            } else {
                let count = try count(93)
                var edges: [Edge] = []
                for _ in 0..<count { edges.append(try edge()) }
                out.append(.edges(edges))
            }
            // The objects the path was made from.
            if i < groups.count, groups[i].code == 97 {
                let sources = try count(97)
                for _ in 0..<sources where i < groups.count && groups[i].code == 330 { i += 1 }
            }
        }
        return out
    }

    private mutating func edge() throws -> Edge {
        let type = try integer(72)
        switch type {
        case 1:
            return .line(try point(10), try point(11))
        case 2:
            return .arc(center: try point(10), radius: try number(40), start: try number(50), end: try number(51),
                        counterClockwise: try integer(73) != 0)
        case 3:
            return .ellipse(center: try point(10), major: try point(11), ratio: try number(40), start: try number(50),
                            end: try number(51), counterClockwise: try integer(73) != 0)
        case 4:
            let degree = try integer(94)
            let rational = try integer(73) != 0
            _ = try integer(74)  // periodic
            let knotCount = try count(95), controlCount = try count(96)
            var knots: [Double] = []
            for _ in 0..<knotCount { knots.append(try number(40)) }
            var control: [Point] = [], weights: [Double] = []
            for _ in 0..<controlCount {
                control.append(try point(10))
                if let w = try optional(42) { weights.append(w) }
            }
            if !rational { weights = [] }
            var fit: [Point] = []
            var startTangent: Point?, endTangent: Point?
            // Fit data (R2010 on) starts with its count, 97, as does the list of source
            // objects after a path's last edge: fit data when fit points follow.
            if i + 1 < groups.count, groups[i].code == 97, groups[i + 1].code == 11 {
                let fitCount = try count(97)
                for _ in 0..<fitCount { fit.append(try point(11)) }
                if i < groups.count, groups[i].code == 12 { startTangent = try point(12) }
                if i < groups.count, groups[i].code == 13 { endTangent = try point(13) }
            }
            return .spline(.init(degree: degree, knots: knots, control: control, weights: weights, fit: control.isEmpty ? fit : [],
                                 startTangent: startTangent, endTangent: endTangent, closed: false))
        default:
            throw problem("an edge of type \(type) (1 line, 2 arc, 3 ellipse and 4 spline are edges)")
        }
    }
}
