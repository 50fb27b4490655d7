import Foundation
import NestGeometry

/// Parses SVG path data (`d`) with every command — M L H V C S Q T A Z, absolute and
/// relative, implicit repeats, the compact number forms ("1.5.5", "1e-3", arc flags
/// without separators) — and flattens it into polylines through a `CurveFlattener`.
///
/// Guarantees: never traps on any text; an error names the offending character offset.
/// As the SVG specification asks, what was read before an error is kept (`partial`).
struct SVGPathData {
    struct Subpath {
        var points: [Point]
        var closed: Bool
    }

    struct Failure: Error {
        var offset: Int
        var problem: String
    }

    private let s: [UInt8]
    private var i = 0

    private init(_ text: String) { s = Array(text.utf8) }

    private mutating func skipSeparators() {
        while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D || s[i] == 0x0C || s[i] == UInt8(ascii: ",") {
            i += 1
        }
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func number() throws -> Double {
        skipSeparators()
        let start = i
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < s.count, isDigit(s[i]) { i += 1; digits += 1 }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, isDigit(s[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { i = start; throw Failure(offset: start, problem: "expected a number") }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < s.count, s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-") { j += 1 }
            if j < s.count, isDigit(s[j]) {
                while j < s.count, isDigit(s[j]) { j += 1 }
                i = j
            }
        }
        guard let v = Double(String(decoding: s[start..<i], as: UTF8.self)), v.isFinite, abs(v) < 1e12 else {
            throw Failure(offset: start, problem: "number out of range")
        }
        return v
    }

    private mutating func flag() throws -> Bool {
        skipSeparators()
        guard i < s.count, s[i] == UInt8(ascii: "0") || s[i] == UInt8(ascii: "1") else {
            throw Failure(offset: i, problem: "expected an arc flag 0 or 1")
        }
        i += 1
        return s[i - 1] == UInt8(ascii: "1")
    }

    private mutating func hasNumber() -> Bool {
        skipSeparators()
        guard i < s.count else { return false }
        let c = s[i]
        return isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
    }

    /// The subpaths of `d`, flattened; `failure` is set when parsing stopped early.
    static func parse(_ d: String, flattener: CurveFlattener) -> (subpaths: [Subpath], failure: Failure?) {
        var p = SVGPathData(d)
        var out: [Subpath] = []
        var current: [Point] = []  // transformed points of the open subpath
        var closed = false
        var cur = Point.zero, start = Point.zero
        var lastControl: Point?, lastQuad: Point?
        var command: UInt8 = 0
        let f = flattener
        func finish() {
            if current.count >= 2 { out.append(Subpath(points: current, closed: closed)) }
            current = []
            closed = false
        }
        func begin() {
            if current.isEmpty { current = [f.transform.apply(cur)] }
        }
        do {
            while true {
                p.skipSeparators()
                guard p.i < p.s.count else { break }
                let c = p.s[p.i]
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
                    command = c
                    p.i += 1
                } else if command == 0 || command == UInt8(ascii: "Z") || command == UInt8(ascii: "z") {
                    throw Failure(offset: p.i, problem: "expected a command letter")
                }
                let rel = command >= 0x61
                let base = rel ? cur : .zero
                var control: Point?, quad: Point?
                switch command | 0x20 {  // lower case
                case UInt8(ascii: "m"):
                    finish()
                    cur = base + Point(try p.number(), try p.number())
                    start = cur
                    begin()
                    command = rel ? UInt8(ascii: "l") : UInt8(ascii: "L")  // further pairs are lines
                case UInt8(ascii: "l"):
                    begin()
                    cur = base + Point(try p.number(), try p.number())
                    current.append(f.transform.apply(cur))
                case UInt8(ascii: "h"):
                    begin()
                    cur = Point((rel ? cur.x : 0) + (try p.number()), cur.y)
                    current.append(f.transform.apply(cur))
                case UInt8(ascii: "v"):
                    begin()
                    cur = Point(cur.x, (rel ? cur.y : 0) + (try p.number()))
                    current.append(f.transform.apply(cur))
                case UInt8(ascii: "c"), UInt8(ascii: "s"):
                    begin()
                    let c1: Point
                    if command | 0x20 == UInt8(ascii: "c") {
                        c1 = base + Point(try p.number(), try p.number())
                    } else {
                        c1 = lastControl.map { cur + (cur - $0) } ?? cur
                    }
                    let c2 = base + Point(try p.number(), try p.number())
                    let end = base + Point(try p.number(), try p.number())
                    current += f.cubic(cur, c1, c2, end)
                    control = c2
                    cur = end
                case UInt8(ascii: "q"), UInt8(ascii: "t"):
                    begin()
                    let c1: Point
                    if command | 0x20 == UInt8(ascii: "q") {
                        c1 = base + Point(try p.number(), try p.number())
                    } else {
                        c1 = lastQuad.map { cur + (cur - $0) } ?? cur
                    }
                    let end = base + Point(try p.number(), try p.number())
                    current += f.quadratic(cur, c1, end)
                    quad = c1
                    cur = end
                case UInt8(ascii: "a"):
                    begin()
                    let rx = try p.number(), ry = try p.number(), phi = try p.number()
                    let large = try p.flag(), sweep = try p.flag()
                    let end = base + Point(try p.number(), try p.number())
                    current += arc(from: cur, to: end, rx: rx, ry: ry, phiDegrees: phi, large: large, sweep: sweep, flattener: f)
                    cur = end
                case UInt8(ascii: "z"):
                    if !current.isEmpty {
                        closed = true
                        finish()
                    }
                    cur = start
                default:
                    throw Failure(offset: p.i - 1, problem: "unknown path command \"\(String(decoding: [command], as: UTF8.self))\"")
                }
                lastControl = control
                lastQuad = quad
                if command | 0x20 == UInt8(ascii: "z") { continue }
                if !p.hasNumber() { continue }
            }
            finish()
            return (out, nil)
        } catch let failure as Failure {
            finish()
            return (out, failure)
        } catch {
            finish()
            return (out, Failure(offset: p.i, problem: "\(error)"))
        }
    }

    /// An SVG elliptical arc by its end points (SVG 1.1 implementation notes F.6.5–F.6.6:
    /// radii too small are scaled up; a zero radius is a straight line). Excludes `p0`.
    static func arc(from p0: Point, to p1: Point, rx rxIn: Double, ry ryIn: Double, phiDegrees: Double, large: Bool, sweep: Bool,
                    flattener f: CurveFlattener) -> [Point] {
        var rx = abs(rxIn), ry = abs(ryIn)
        guard p0 != p1 else { return [] }
        guard rx > 0, ry > 0 else { return [f.transform.apply(p1)] }
        let phi = phiDegrees * .pi / 180
        let cosP = cos(phi), sinP = sin(phi)
        let dx = (p0.x - p1.x) / 2, dy = (p0.y - p1.y) / 2
        let x1 = cosP * dx + sinP * dy, y1 = -sinP * dx + cosP * dy
        let lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry)
        if lambda > 1 {
            rx *= lambda.squareRoot()
            ry *= lambda.squareRoot()
        }
        let num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
        let den = rx * rx * y1 * y1 + ry * ry * x1 * x1
        var k = den > 0 ? (max(0, num) / den).squareRoot() : 0
        if large == sweep { k = -k }
        let cx1 = k * rx * y1 / ry, cy1 = -k * ry * x1 / rx
        let center = Point(cosP * cx1 - sinP * cy1 + (p0.x + p1.x) / 2, sinP * cx1 + cosP * cy1 + (p0.y + p1.y) / 2)
        func angle(_ ux: Double, _ uy: Double, _ vx: Double, _ vy: Double) -> Double { atan2(ux * vy - uy * vx, ux * vx + uy * vy) }
        let theta1 = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry)
        var delta = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry)
        if !sweep, delta > 0 { delta -= 2 * .pi }
        if sweep, delta < 0 { delta += 2 * .pi }
        guard center.isFinite, theta1.isFinite, delta.isFinite else { return [f.transform.apply(p1)] }
        var pts = Array(f.ellipse(center: center, major: Point(rx * cosP, rx * sinP), minor: Point(-ry * sinP, ry * cosP),
                                  start: theta1, sweep: delta).dropFirst())
        if !pts.isEmpty { pts[pts.count - 1] = f.transform.apply(p1) }
        return pts
    }
}
