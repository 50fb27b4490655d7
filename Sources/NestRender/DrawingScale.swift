import Foundation

/// A drawing's scale as a round ratio 1:N (never enlarged beyond 1:1), so the printed
/// overview can be measured with a ruler: at 1:10, 100 mm of leather is 10 mm on paper.
struct DrawingScale: Sendable, Hashable {
    /// N of 1:N.
    let denominator: Double

    /// Page points per sheet millimetre.
    var pointsPerMillimetre: Double { PageSize.pointsPerMillimetre / denominator }

    /// "1:10", "1:12.5".
    var text: String { "1:" + String(format: "%g", denominator) }

    /// The usual scales of cutting-room and technical drawings, largest first.
    static let series: [Double] = [1, 2, 2.5, 5, 7.5, 10, 12.5, 15, 20, 25, 30, 40, 50, 75, 100]

    /// The largest standard scale at which `width` × `height` mm fits into `room`
    /// (points); beyond 1:100, steps of 2, 5 and 10 per decade.
    static func fitting(width: Double, height: Double, roomWidth: Double, roomHeight: Double) -> DrawingScale {
        let needed = max(width / roomWidth, height / roomHeight) * PageSize.pointsPerMillimetre
        if let n = series.first(where: { $0 >= needed - 1e-9 }) { return DrawingScale(denominator: n) }
        var decade = 100.0
        while true {
            for m in [2.0, 5, 10] where decade * m >= needed { return DrawingScale(denominator: decade * m) }
            decade *= 10
        }
    }
}
