/// How a panel grows from one size to the next: a scale per size step, along the
/// pattern's x axis (length) and y axis (width), in percent of the base size.
///
/// A size `k` steps above the base is scaled by `1 + k·lengthPercentPerStep/100` in x
/// and `1 + k·widthPercentPerStep/100` in y (negative `k` shrinks). Scaling is about the
/// origin of the pattern's frame.
public struct Grading: Sendable, Hashable {
    public var lengthPercentPerStep: Double
    public var widthPercentPerStep: Double

    public init(lengthPercentPerStep: Double = 0, widthPercentPerStep: Double = 0) {
        self.lengthPercentPerStep = lengthPercentPerStep
        self.widthPercentPerStep = widthPercentPerStep
    }

    public func scale(steps: Int) -> (x: Double, y: Double) {
        (1 + Double(steps) * lengthPercentPerStep / 100, 1 + Double(steps) * widthPercentPerStep / 100)
    }
}
