import Foundation
import NestEngine
import NestModel

/// Prints a progress line on stderr at most five times a second: parts tried, placed,
/// sheets used and the yield so far; while optimizing, an estimate of the time left (from
/// the iterations' rate so far and the budget, or the time limit if that comes first). On
/// a terminal the line is rewritten in place.
final class ProgressPrinter: NestListener, @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var last = Date.distantPast
    private var printed = false
    private let terminal = isatty(2) != 0
    private let deadline: Date?
    /// When the optimizer's first progress came, and at which iteration.
    private var optimizerStart: (date: Date, iteration: Int)?

    init(enabled: Bool, timeLimitSeconds: Double? = nil) {
        self.enabled = enabled
        deadline = timeLimitSeconds.map { Date().addingTimeInterval($0) }
    }

    /// Seconds the optimizer has left: the budget's remaining iterations at the rate so
    /// far, or the time to the deadline when sooner; nil until a rate is known.
    private func secondsLeft(iteration: Int, budget: Int, now: Date) -> Double? {
        var left: Double?
        if let start = optimizerStart, iteration > start.iteration, budget < IterationBudget.untilStopped.count {
            let rate = Double(iteration - start.iteration) / max(1e-3, now.timeIntervalSince(start.date))
            left = Double(max(0, budget - iteration)) / rate
        }
        if let deadline {
            let toDeadline = max(0, deadline.timeIntervalSince(now))
            left = min(left ?? toDeadline, toDeadline)
        }
        return left
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
            if optimizerStart == nil { optimizerStart = (now, iteration) }
            // A time limit without a budget runs on an unbounded budget: show no bound then.
            let budget = u.optimizerBudget < IterationBudget.untilStopped.count ? "/\(u.optimizerBudget)" : ""
            let state = u.lengthMM.map { String(format: "length %.1f mm", $0) }
                ?? "\(u.partsPlaced)/\(u.partsTotal) parts on \(u.sheetsUsed) hide(s)"
            let left = secondsLeft(iteration: iteration, budget: u.optimizerBudget, now: now)
                .map { String(format: ", about %.0f s left", $0.rounded(.up)) } ?? ""
            line = String(format: "nest: optimizing, iteration %d%@, %@, yield %.2f%%%@",
                          iteration, budget, state, u.yieldPercent, left)
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
