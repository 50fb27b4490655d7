/// How a panel grows from its base size to another size, along the pattern's x axis
/// (length) and y axis (width). Scaling is about the origin of the pattern's frame.
///
/// Three rules, for each axis the first that is set wins:
/// - `proportionalLength` (length only): x is scaled by the ratio of the size system's
///   nominal last lengths, `L(size) / L(base)` (see `SizeSystem`).
/// - `lengthMillimetresPerSize` / `widthMillimetresPerSize`: a grade rule; the panel's
///   extent along the axis grows by that many millimetres per unit of the size number
///   (one US/UK size, one Paris point, one Mondopoint millimetre), around the base size.
/// - `lengthPercentPerStep` / `widthPercentPerStep`: a size `k` steps along the size run
///   above the base is scaled by `1 + k·percent/100` (negative `k` shrinks).
/// The first two need the pattern's size system; the reader checks that it is known.
public struct Grading: Sendable, Hashable {
    public var lengthPercentPerStep: Double
    public var widthPercentPerStep: Double
    public var lengthMillimetresPerSize: Double?
    public var widthMillimetresPerSize: Double?
    public var proportionalLength: Bool

    public init(lengthPercentPerStep: Double = 0, widthPercentPerStep: Double = 0,
                lengthMillimetresPerSize: Double? = nil, widthMillimetresPerSize: Double? = nil,
                proportionalLength: Bool = false) {
        self.lengthPercentPerStep = lengthPercentPerStep
        self.widthPercentPerStep = widthPercentPerStep
        self.lengthMillimetresPerSize = lengthMillimetresPerSize
        self.widthMillimetresPerSize = widthMillimetresPerSize
        self.proportionalLength = proportionalLength
    }

    /// True when the rule needs a known size system.
    public var needsSizeSystem: Bool {
        proportionalLength || lengthMillimetresPerSize != nil || widthMillimetresPerSize != nil
    }

    public func scale(steps: Int) -> (x: Double, y: Double) {
        (1 + Double(steps) * lengthPercentPerStep / 100, 1 + Double(steps) * widthPercentPerStep / 100)
    }

    /// The x and y scale taking a panel of base-size `extent` (width, height in mm) from
    /// `base` to `size`; nil when a size is not in `system` or not in the run (`steps`).
    public func scale(extent: (width: Double, height: Double), steps: Int, system: SizeSystem?,
                      base: String, size: String) -> (x: Double, y: Double)? {
        var s = scale(steps: steps)
        guard needsSizeSystem else { return s }
        guard let system, let d = system.sizes(from: base, to: size) else { return nil }
        if proportionalLength {
            guard let a = system.lengthMillimetres(of: base), let b = system.lengthMillimetres(of: size), a > 0 else { return nil }
            s.x = b / a
        } else if let l = lengthMillimetresPerSize, extent.width > 0 {
            s.x = (extent.width + d * l) / extent.width
        }
        if let w = widthMillimetresPerSize, extent.height > 0 {
            s.y = (extent.height + d * w) / extent.height
        }
        return s
    }
}
