import Foundation
import NestGeometry

/// A log-log line chart as an SVG document, drawn through the cut sheets' `SVGCanvas`
/// (the benchmarks' figures: cost against problem size). Axes span whole decades around
/// the data; each series is a polyline with a dot per point and a legend entry.
/// Deterministic: the same series give the same bytes.
public struct LogLogPlot {
    /// One named line of the plot: its points in data units, drawn in order.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: Color
        /// Drawn dashed (e.g. a reference slope rather than a measurement).
        public var dashed: Bool

        public init(name: String, points: [(x: Double, y: Double)], color: Color, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The chart, 200 × 110 mm (the legend on the right).
    public func svg() -> String {
        let width = 200.0, height = 110.0
        let plot = Rect(minX: 22, minY: 16, maxX: 112, maxY: 100)  // mm, y up
        let values = series.flatMap(\.points).filter { $0.x > 0 && $0.y > 0 }
        let xs = decades(values.map(\.x)), ys = decades(values.map(\.y))
        let x0 = Double(xs.lowerBound), xSpan = Double(xs.upperBound - xs.lowerBound)
        let y0 = Double(ys.lowerBound), ySpan = Double(ys.upperBound - ys.lowerBound)
        func map(_ p: (x: Double, y: Double)) -> Point {
            let u: Double = (log10(p.x) - x0) / xSpan
            let v: Double = (log10(p.y) - y0) / ySpan
            return Point(plot.minX + u * plot.width, plot.minY + v * plot.height)
        }
        var canvas = SVGCanvas()
        let grid = Color(hex: 0xDDDDDD)
        for d in xs.lowerBound...xs.upperBound {
            let x = plot.minX + Double(d - xs.lowerBound) / Double(xs.upperBound - xs.lowerBound) * plot.width
            canvas.stroke([Ring(points: [Point(x, plot.minY), Point(x, plot.maxY)])], color: grid, widthPoints: 0.4, dashed: false)
            canvas.text([Self.power(d)], at: Point(x, plot.minY - 4), height: 3, angleDegrees: 0, color: .ink)
        }
        for d in ys.lowerBound...ys.upperBound {
            let y = plot.minY + Double(d - ys.lowerBound) / Double(ys.upperBound - ys.lowerBound) * plot.height
            canvas.stroke([Ring(points: [Point(plot.minX, y), Point(plot.maxX, y)])], color: grid, widthPoints: 0.4, dashed: false)
            canvas.text([Self.power(d)], at: Point(plot.minX - 7, y), height: 3, angleDegrees: 0, color: .ink)
        }
        canvas.stroke([Ring(points: [Point(plot.minX, plot.minY), Point(plot.maxX, plot.minY), Point(plot.maxX, plot.maxY),
                                     Point(plot.minX, plot.maxY)])], color: .ink, widthPoints: 0.8, dashed: false)
        canvas.text([xLabel], at: Point(plot.center.x, plot.minY - 10), height: 3.5, angleDegrees: 0, color: .ink)
        canvas.text([yLabel], at: Point(plot.minX - 16, plot.center.y), height: 3.5, angleDegrees: 90, color: .ink)
        canvas.text([title], at: Point(plot.center.x, plot.maxY + 6), height: 4.5, angleDegrees: 0, color: .ink)
        for (i, s) in series.enumerated() {
            let pts = s.points.filter { $0.x > 0 && $0.y > 0 }.map(map)
            if pts.count >= 2 {
                // An open polyline: the ring's closing edge is drawn back over itself.
                canvas.stroke([Ring(points: pts + pts.dropFirst().dropLast().reversed())], color: s.color,
                              widthPoints: 1.2, dashed: s.dashed)
            }
            if !s.dashed {
                for p in pts { canvas.fill([Self.dot(p, radius: 0.9)], color: s.color, opacity: 1) }
            }
            let ly = plot.maxY - 6 - Double(i) * 7
            canvas.stroke([Ring(points: [Point(plot.maxX + 4, ly), Point(plot.maxX + 12, ly)])], color: s.color,
                          widthPoints: 1.2, dashed: s.dashed)
            canvas.text([s.name], at: Point(plot.maxX + 14 + Double(s.name.count) * 0.85, ly), height: 3, angleDegrees: 0,
                        color: .ink)
        }
        let n = SVGCanvas.number
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))mm" height="\(n(height))mm" viewBox="0 0 \(n(width)) \(n(height))">
            <rect width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
            <g transform="translate(0 \(n(height))) scale(1 -1)">

            """ + canvas.body + "</g>\n</svg>\n"
    }

    /// Whole decades (as powers of ten) that enclose the values.
    func decades(_ values: [Double]) -> ClosedRange<Int> {
        guard let lo = values.min(), let hi = values.max() else { return 0...1 }
        let a = Int(log10(lo).rounded(.down)), b = Int(log10(hi).rounded(.up))
        return a...max(b, a + 1)
    }

    static func power(_ d: Int) -> String {
        switch d {
        case 0: "1"
        case 1: "10"
        case 2: "100"
        case 3: "1000"
        case -1: "0.1"
        case -2: "0.01"
        case -3: "0.001"
        default: "1e\(d)"
        }
    }

    static func dot(_ c: Point, radius: Double) -> Ring {
        Ring(points: (0..<12).map { k in
            let a = Double(k) * .pi / 6
            return Point(c.x + radius * cos(a), c.y + radius * sin(a))
        })
    }
}
