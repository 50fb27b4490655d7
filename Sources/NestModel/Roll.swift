/// A textile or mesh roll: fixed `width` across (the sheet's y axis), open length along
/// the sheet's x axis up to `maxLength`, all in millimetres. The grain runs along the length.
public struct Roll: Sendable, Hashable {
    public var name: String
    public var material: String
    public var width: Double
    public var maxLength: Double
    /// True when the roll's file gave no length: `maxLength` is then `longestLength`.
    public var lengthIsOpen: Bool

    public init(name: String, material: String, width: Double, maxLength: Double, lengthIsOpen: Bool = false) {
        self.name = name
        self.material = material
        self.width = width
        self.maxLength = maxLength
        self.lengthIsOpen = lengthIsOpen
    }

    /// The longest roll any order is nested on (1 km): beyond it the units are wrong.
    public static let longestLength = 1_000_000.0

    /// The length of roll an order of `partArea` mm² (its parts' own area), whose longest
    /// part is `longestPart` mm across, fits in at 40 % density — a first nest reaches
    /// more — with the spacing after that part and `margin` at both ends; never more than
    /// `longestLength`. Every part fits along it alone.
    public func planningLength(partArea: Double, longestPart: Double, spacing: Double, margin: Double) -> Double {
        let across = max(1, width - 2 * margin)
        return min(Self.longestLength, partArea / (0.4 * across) + longestPart + spacing + 2 * margin)
    }

    /// `planningLength` for `parts`: their area, and the longest across (its box's diagonal,
    /// whatever way it turns).
    public func planningLength(for parts: [Part], spacing: Double, margin: Double) -> Double {
        let longest = parts.map { p in
            let b = p.shape.bounds
            return (b.width * b.width + b.height * b.height).squareRoot()
        }.max() ?? 0
        return planningLength(partArea: parts.reduce(0) { $0 + $1.shape.area }, longestPart: longest, spacing: spacing, margin: margin)
    }
}
