import Foundation
import NestEngine
import NestModel

/// Prints a progress line on stderr at most five times a second: parts tried, placed,
/// sheets used and the yield so far. On a terminal the line is rewritten in place.
final class ProgressPrinter: NestListener, @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var last = Date.distantPast
    private var printed = false
    private let terminal = isatty(2) != 0

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func progress(_ u: NestProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= (terminal ? 0.2 : 2) || u.partsTried == u.partsTotal else { return }
        last = now
        let line: String
        if let iteration = u.optimizerIteration {
            // A time limit without a budget runs on an unbounded budget: show no bound then.
            let budget = u.optimizerBudget < IterationBudget.untilStopped.count ? "/\(u.optimizerBudget)" : ""
            let state = u.lengthMM.map { String(format: "length %.1f mm", $0) }
                ?? "\(u.partsPlaced)/\(u.partsTotal) parts on \(u.sheetsUsed) hide(s)"
            line = String(format: "nest: optimizing, iteration %d%@, %@, yield %.2f%%",
                          iteration, budget, state, u.yieldPercent)
        } else {
            line = String(format: "nest: %d/%d parts tried, %d placed on %d sheet(s), yield %.2f%%",
                          u.partsTried, u.partsTotal, u.partsPlaced, u.sheetsUsed, u.yieldPercent)
        }
        FileHandle.standardError.write(Data((terminal ? "\r" + line + "\u{1B}[K" : line + "\n").utf8))
        printed = true
    }

    /// A step after the nesting, by name on the progress line.
    func step(_ name: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let line = "nest: " + name + "…"
        FileHandle.standardError.write(Data((terminal ? "\r" + line + "\u{1B}[K" : line + "\n").utf8))
        printed = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if printed, terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        printed = false
    }
}
