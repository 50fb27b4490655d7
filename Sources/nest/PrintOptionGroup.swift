import ArgumentParser
import NestRender

/// The options of the operator's documents: paper, true scale, plotter, tickets.
struct PrintOptionGroup: ParsableArguments {
    @Option(help: "Paper of the PDFs (work instructions, tickets, true-scale tiles): a4 or letter.")
    var paper: String = "a4"

    @Option(help: "fit: the work instructions only (overview pages at a round scale); 1:1: also true-scale.pdf, the nest at full size, tiled over the paper or on --plotter-width.")
    var scale: String = "fit"

    @Option(name: .customLong("plotter-width"), help: "With --scale 1:1: the plotter roll's width in mm; pages as wide as the roll instead of tiles.")
    var plotterWidth: Double?

    @Option(help: "Bundle tickets (tickets.pdf, 3 × 8 labels a page): parts (one per part), bundles (one per order line and size on a sheet), or none.")
    var tickets: String = "parts"

    func validate() throws {
        guard Paper(rawValue: paper.lowercased()) != nil else { throw ValidationError("--paper must be a4 or letter") }
        guard ["fit", "1:1"].contains(scale) else { throw ValidationError("--scale must be fit or 1:1") }
        if let plotterWidth {
            guard plotterWidth >= 100, plotterWidth <= 5000 else { throw ValidationError("--plotter-width must be 100 to 5000 mm") }
            guard scale == "1:1" else { throw ValidationError("--plotter-width needs --scale 1:1") }
        }
        guard TicketMode(rawValue: tickets.lowercased()) != nil else { throw ValidationError("--tickets must be parts, bundles or none") }
    }

    var options: PrintOptions {
        PrintOptions(paper: Paper(rawValue: paper.lowercased()) ?? .a4, trueScale: scale == "1:1", plotterWidth: plotterWidth,
                     tickets: TicketMode(rawValue: tickets.lowercased()) ?? .parts)
    }
}
