import Foundation
import NestRender

/// The operator's printed documents of a run, drawn by Cairo — `cut-sheets.pdf` (work
/// instructions), `tickets.pdf` (bundle tickets) and `true-scale.pdf` (with `--scale 1:1`)
/// — rendered into hidden temporary files first, then moved into place together with the
/// run's other outputs. A document not asked for this run is removed, so nothing stale
/// is left beside the fresh ones.
struct OperatorDocuments {
    let folder: String
    /// Temporary file → final name, in the order they were rendered.
    private(set) var rendered: [(temp: String, final: String)] = []
    private(set) var unwanted: [String] = []

    /// Renders every document asked for; on failure nothing is left behind.
    init(_ docs: CutRoomDocuments, folder: String) throws {
        self.folder = folder
        do {
            try render("cut-sheets.pdf") { try PDFCutSheets.write(docs, to: $0) }
            if docs.options.tickets == .none { unwanted.append("tickets.pdf") } else {
                try render("tickets.pdf") { try BundleTickets.write(docs, to: $0) }
            }
            if docs.options.trueScale {
                try render("true-scale.pdf") { try TrueScalePDF.write(docs, to: $0) }
            } else {
                unwanted.append("true-scale.pdf")
            }
        } catch {
            discard()
            throw error
        }
    }

    private mutating func render(_ name: String, _ write: (String) throws -> Void) throws {
        let temp = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        rendered.append((temp, (folder as NSString).appendingPathComponent(name)))
        try write(temp)
    }

    /// Removes the temporary files (after a failure elsewhere in the run).
    func discard() {
        for r in rendered { try? FileManager.default.removeItem(atPath: r.temp) }
    }

    /// Renames every document into place and removes the unwanted ones; returns the paths written.
    func moveIntoPlace() throws -> [String] {
        for name in unwanted { try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name)) }
        for r in rendered where rename(r.temp, r.final) != 0 {
            discard()
            throw RenderError(message: "cannot move \(r.final) into place")
        }
        return rendered.map(\.final)
    }
}
