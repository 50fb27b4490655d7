/// A sheet of printer paper, in PostScript points (1/72 in).
public enum Paper: String, Sendable, Hashable, CaseIterable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 in.
    case letter

    /// Width and height, portrait.
    public var portrait: PageSize {
        switch self {
        case .a4: PageSize(width: 210 * PageSize.pointsPerMillimetre, height: 297 * PageSize.pointsPerMillimetre)
        case .letter: PageSize(width: 612, height: 792)
        }
    }

    /// Width and height, landscape.
    public var landscape: PageSize { PageSize(width: portrait.height, height: portrait.width) }

    /// The name printed on the pages ("A4", "Letter").
    public var title: String { self == .a4 ? "A4" : "Letter" }
}

/// A page's size in points.
public struct PageSize: Sendable, Hashable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Points per millimetre (72 / 25.4).
    public static let pointsPerMillimetre = 72 / 25.4
}
