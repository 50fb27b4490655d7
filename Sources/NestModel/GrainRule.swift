/// How a panel must lie relative to the stock's grain (the leather's backbone or the
/// roll's length direction).
///
/// The panel's `directionDegrees` (in the pattern's own frame, counter-clockwise from +x)
/// must end up within ±`toleranceDegrees` of the stock's grain direction, or of the
/// reverse direction when `reversible` is true. Nothing else is allowed.
public struct GrainRule: Sendable, Hashable {
    public var directionDegrees: Double
    public var toleranceDegrees: Double
    public var reversible: Bool

    public init(directionDegrees: Double = 0, toleranceDegrees: Double = 0, reversible: Bool = true) {
        self.directionDegrees = directionDegrees
        self.toleranceDegrees = toleranceDegrees
        self.reversible = reversible
    }

    /// The rotations (degrees, counter-clockwise) that put a part on the grain of a stock
    /// whose grain runs at `stockGrainDegrees`, sampled at `steps` angles per allowed band
    /// (always including both band ends and the exact alignment). A mirrored part's grain
    /// direction is mirrored first (d → 180° − d).
    public func allowedRotations(stockGrainDegrees: Double, mirrored: Bool, steps: Int = 3) -> [Double] {
        var out: [Double] = []
        for c in centres(stockGrainDegrees: stockGrainDegrees, mirrored: mirrored) {
            if toleranceDegrees <= 0 || steps <= 1 {
                out.append(c)
                continue
            }
            let n = max(steps, 2)
            var offsets: [Double] = [0]
            for i in 0..<n {
                let t = -toleranceDegrees + 2 * toleranceDegrees * Double(i) / Double(n - 1)
                if t != 0 { offsets.append(t) }
            }
            for o in offsets { out.append(c + o) }
        }
        return out.map(GrainRule.normalized)
    }

    /// Rotations inside the allowed bands between those of `allowedRotations`, about
    /// `stepDegrees` apart (the band split evenly, its ends and centre excluded): the turns
    /// a search may refine a part's orientation by. Empty when the band is no wider than
    /// one step either side, or `stepDegrees` is not positive.
    /// With `includingEnds` (a band whose first nest tries its centres alone), the band's
    /// ends follow, for every band, even when the band has no angles between.
    public func refiningRotations(stockGrainDegrees: Double, mirrored: Bool, stepDegrees: Double,
                                  includingEnds: Bool = false) -> [Double] {
        guard toleranceDegrees < 180 else { return [] }
        let centres = centres(stockGrainDegrees: stockGrainDegrees, mirrored: mirrored)
        var out: [Double] = []
        if stepDegrees > 0, toleranceDegrees > stepDegrees {
            let n = Int((toleranceDegrees / stepDegrees).rounded(.up))
            let step = toleranceDegrees / Double(n)
            for c in centres {
                for k in 1..<n {
                    out.append(c - Double(k) * step)
                    out.append(c + Double(k) * step)
                }
            }
        }
        if includingEnds, toleranceDegrees > 0 {
            out += centres.flatMap { [$0 - toleranceDegrees, $0 + toleranceDegrees] }
        }
        return out.map(GrainRule.normalized)
    }

    /// The rotations that align the part's grain exactly with the stock's (and with its
    /// reverse when reversible), not normalized: the centres of the allowed bands. A
    /// mirrored part's grain direction is mirrored first (d → 180° − d).
    public func centres(stockGrainDegrees: Double, mirrored: Bool) -> [Double] {
        let own = mirrored ? 180 - directionDegrees : directionDegrees
        let base = stockGrainDegrees - own
        return reversible ? [base, base + 180] : [base]
    }

    /// How far apart two angles are, in degrees, the short way round (0 to 180).
    public static func degreesApart(_ a: Double, _ b: Double) -> Double {
        let d = abs((a - b).truncatingRemainder(dividingBy: 360))
        return d > 180 ? 360 - d : d
    }

    /// An angle in degrees brought into [0, 360), rounded to 1e-9 to keep outputs stable.
    public static func normalized(_ a: Double) -> Double {
        var r = a.truncatingRemainder(dividingBy: 360)
        if r < 0 { r += 360 }
        if r >= 360 { r -= 360 }
        return (r * 1e9).rounded() / 1e9
    }
}
