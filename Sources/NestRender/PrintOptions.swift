/// How the operator's documents are printed: paper, true scale, plotter, tickets.
public struct PrintOptions: Sendable, Hashable {
    /// Paper of the work instructions, the bundle tickets and the true-scale tiles.
    public var paper: Paper
    /// Also write `true-scale.pdf`, the nest at 1:1.
    public var trueScale: Bool
    /// The plotter's roll width in mm for the true-scale output; nil tiles it over `paper`.
    public var plotterWidth: Double?
    /// What the bundle tickets are for.
    public var tickets: TicketMode

    public init(paper: Paper = .a4, trueScale: Bool = false, plotterWidth: Double? = nil, tickets: TicketMode = .parts) {
        self.paper = paper
        self.trueScale = trueScale
        self.plotterWidth = plotterWidth
        self.tickets = tickets
    }
}

/// One ticket per part, one per bundle (the parts of one order line and size on a
/// sheet), or no ticket file at all.
public enum TicketMode: String, Sendable, Hashable, CaseIterable {
    case parts, bundles, none
}
