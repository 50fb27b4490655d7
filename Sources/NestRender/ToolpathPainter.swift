import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Draws a sheet's toolpath for the operator on any canvas: every pass in the cut colour,
/// its number in the cut order beside its start point (a dot), an arrow showing the
/// direction, and the knife-up moves dashed from the origin (a square) and back.
/// With `background`, the stock and the parts are drawn faintly underneath (the PDF's
/// toolpath page); without, only the toolpath (the SVG's layer over the cut sheet).
struct ToolpathPainter {
    let sheet: Sheet
    let toolpath: SheetToolpath

    static let cutColor = Color(hex: 0x1F4E99)
    static let airColor = Color(hex: 0xE07B00)
    static let startColor = Color(hex: 0xC0392B)

    func paint(on canvas: inout some SheetCanvas, background: Bool) {
        let mm = 1 / canvas.pointsPerMillimetre
        if background {
            canvas.fill([sheet.shape.exterior] + sheet.shape.holes, color: Color(hex: 0xF7F3EC), opacity: 1)
            canvas.stroke([sheet.shape.exterior] + sheet.shape.holes, color: Color(hex: 0x999999), widthPoints: 0.6, dashed: false)
            for p in sheet.placements {
                let shape = p.placedShape
                canvas.fill([shape.exterior] + shape.holes, color: Color(hex: 0xE4E4E4), opacity: 1)
            }
        }
        for move in toolpath.airMoves where move.from != move.to {
            canvas.strokePath([move.from, move.to], color: Self.airColor, widthPoints: 0.6, dashed: true)
        }
        for pass in toolpath.passes {
            canvas.strokePath(pass.path, color: Self.cutColor, widthPoints: 0.7, dashed: false)
        }
        // Arrows, start points and numbers last, so no line covers them.
        var number = 0
        var numbered = Set<Int>()
        var labels = LabelGrid(cell: 14 * mm)
        for pass in toolpath.passes {
            let contour = toolpath.contours[pass.contour]
            let size = max(contour.bounds.width, contour.bounds.height)
            let mark = min(6 * mm, 0.35 * size)
            if let arrow = arrowhead(on: pass.path, at: 0.3, size: mark) {
                canvas.fill([arrow], color: Self.cutColor, opacity: 1)
            }
            canvas.fill([disc(pass.start, radius: min(1.6 * mm, 0.2 * size))], color: Self.startColor, opacity: 1)
            guard numbered.insert(pass.contour).inserted else { continue }
            number += 1
            let height = contour.kind == .outline ? 7 * mm : min(4.5 * mm, max(0.6 * size, 2.5 * mm))
            let (base, away) = labelPoint(pass, contour, height: height)
            // Step away from the start point until the number clears the ones already drawn.
            // An outline's number is drawn anyway; a cut-out's only where it is clear (the
            // holes of a perforation lie closer than their numbers: the dots and arrows
            // still show their order, and the outlines' numbers the parts').
            var at = base, clear = false
            for k in 0..<5 {
                at = base + away * (Double(k) * 1.1 * height)
                if labels.isClear(at, height: height) {
                    clear = true
                    break
                }
            }
            guard clear || contour.kind == .outline else { continue }
            labels.insert(at, height: height)
            canvas.text(["\(number)"], at: at, height: height, angleDegrees: 0, color: contour.kind == .outline ? .ink : Self.startColor)
        }
        let o = toolpath.origin
        let h = 3 * mm
        canvas.fill([Ring(points: [o + Point(-h, -h), o + Point(h, -h), o + Point(h, h), o + Point(-h, h)])], color: Self.airColor, opacity: 1)
    }

    /// A filled triangle pointing along the path at `fraction` of its length.
    func arrowhead(on path: [Point], at fraction: Double, size: Double) -> Ring? {
        let total = zip(path, path.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
        guard total > 0, size > 0 else { return nil }
        var left = total * fraction
        for (a, b) in zip(path, path.dropFirst()) {
            let l = a.distance(to: b)
            if l >= left, l > 0 {
                let u = (b - a) * (1 / l), v = Point(-u.y, u.x)
                let c = a + u * left
                return Ring(points: [c + u * (0.6 * size), c - u * (0.4 * size) + v * (0.38 * size), c - u * (0.4 * size) - v * (0.38 * size)])
            }
            left -= l
        }
        return nil
    }

    func disc(_ c: Point, radius: Double) -> Ring {
        Ring(points: (0..<12).map { k in
            let a = Double(k) * .pi / 6
            return c + Point(cos(a), sin(a)) * radius
        })
    }

    /// Outlines: inside the part, a little in from the start point. Cut-outs: outside the
    /// cut-out (on the part), beside the start point. With the direction to move it further
    /// away from the start point when it would cover another number.
    func labelPoint(_ pass: CutPass, _ contour: CutContour, height: Double) -> (Point, Point) {
        guard pass.path.count >= 2, let i = pass.path.firstIndex(of: pass.start), i + 1 < pass.path.count else {
            return (pass.start, Point(0, 1))
        }
        let d = pass.path[i + 1] - pass.path[i]
        let l = d.length
        guard l > 0 else { return (pass.start, Point(0, 1)) }
        let u = d * (1 / l)
        let left = Point(-u.y, u.x)
        let ccw = Ring(points: contour.points).isCounterClockwise
        let inward = ccw ? left : left * -1
        return contour.kind == .outline ? (pass.start + inward * (1.3 * height) + u * (0.8 * height), inward)
            : (pass.start - inward * (0.9 * height), inward * -1)
    }
}

/// The numbers drawn so far on a toolpath figure, in square cells (at least twice the
/// tallest number), so that whether a new number clears them looks at the nine cells around
/// it instead of every number: a perforated sheet has tens of thousands of contours.
struct LabelGrid {
    let cell: Double
    private var cells: [Cell: [(Point, Double)]] = [:]

    private struct Cell: Hashable {
        let x: Int
        let y: Int
    }

    init(cell: Double) { self.cell = cell }

    private func key(_ p: Point) -> Cell { Cell(x: Int((p.x / cell).rounded(.down)), y: Int((p.y / cell).rounded(.down))) }

    /// True when a number `height` tall at `at` overlaps none drawn (numbers are about
    /// 1.2 heights wide, one high).
    func isClear(_ at: Point, height: Double) -> Bool {
        let c = key(at)
        for dx in -1...1 {
            for dy in -1...1 {
                for (p, h) in cells[Cell(x: c.x + dx, y: c.y + dy)] ?? []
                where abs(p.x - at.x) < 0.6 * (h + height) * 1.2 && abs(p.y - at.y) < 0.55 * (h + height) { return false }
            }
        }
        return true
    }

    mutating func insert(_ at: Point, height: Double) {
        cells[key(at), default: []].append((at, height))
    }
}
