import Foundation
import NestApp

/// The few lines `nest` prints when a run succeeds.
enum SummaryText {
    static func lines(_ s: RunSummary) -> [String] {
        var out: [String] = []
        let r = s.result
        out.append(String(format: "%@: %d of %d parts placed on %d sheet(s), yield %.2f%% (%.2fs)",
                          s.job.name, r.placedCount, r.placedCount + r.unplaced.count, r.sheets.count, r.yieldPercent, s.seconds))
        for sheet in r.sheets {
            var line = String(format: "  %@ (%@): %d parts, yield %.2f%%", sheet.stockName, sheet.kind.rawValue,
                              sheet.placements.count, sheet.yieldPercent)
            if sheet.kind == .roll { line += String(format: ", %.0f mm used", sheet.length) }
            if sheet.kind == .hide, sheet.usableArea < sheet.area * (1 - 1e-9) {
                line += String(format: " (%.2f%% of the usable leather)", sheet.usableYieldPercent)
            }
            out.append(line)
        }
        if !r.unplaced.isEmpty {
            var counts: [String: Int] = [:]
            for u in r.unplaced { counts[u.part.panel, default: 0] += 1 }
            out.append("  unplaced: " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        if let left = s.remaining {
            out.append(left.total == 0 ? "  order complete: every part is cut (\(left.cuts.count) sheet(s) booked)"
                : "  booked off the order; \(left.total) part(s) left to cut")
        }
        if r.statistics.stoppedEarly {
            out.append(r.unplaced.contains { $0.reason.hasPrefix("not tried") }
                ? "  stopped early: parts not tried are listed as unplaced"
                : r.statistics.interrupted ? "  interrupted: this is the best nest found by then"
                : "  stopped at the time limit: this is the best nest found by then")
        }
        // Name each kind of file once: "sheet-NN.svg ×2" rather than every sheet.
        var kinds: [String] = []
        var counts: [String: Int] = [:]
        for f in s.files.map({ ($0 as NSString).lastPathComponent }) {
            var kind = f
            if f.hasPrefix("sheet-"), let dot = f.lastIndex(of: ".") { kind = "sheet-NN" + f[dot...] }
            if counts[kind] == nil { kinds.append(kind) }
            counts[kind, default: 0] += 1
        }
        let listed = kinds.map { counts[$0]! > 1 ? "\($0) ×\(counts[$0]!)" : $0 }.joined(separator: ", ")
        out.append("  wrote \(s.outputDirectory)/: \(listed)")
        return out
    }
}
