import NestModel

/// What a cut sheet's title block says about the run beside the sheet itself.
public struct CutSheetInfo: Sendable {
    public var jobName: String
    public var seed: UInt64
    public var spacing: Double
    public var margin: Double
    public var overallYieldPercent: Double
    public var partsOrdered: Int
    public var partsUnplaced: Int

    public init(jobName: String, seed: UInt64, spacing: Double, margin: Double, overallYieldPercent: Double,
                partsOrdered: Int, partsUnplaced: Int) {
        self.jobName = jobName
        self.seed = seed
        self.spacing = spacing
        self.margin = margin
        self.overallYieldPercent = overallYieldPercent
        self.partsOrdered = partsOrdered
        self.partsUnplaced = partsUnplaced
    }

    func titleLines(for sheet: Sheet, index: Int, count: Int) -> [String] {
        var first = "\(jobName) — sheet \(index + 1) of \(count): \(sheet.stockName) (\(sheet.kind.rawValue)"
        if sheet.kind == .roll { first += String(format: ", %.0f mm used", sheet.length) }
        first += ")"
        var second = String(format: "yield %.2f %%", sheet.yieldPercent)
        if sheet.kind == .hide {
            second += String(format: " (%.2f %% of the usable leather)", sheet.usableYieldPercent)
        }
        second += String(format: " — %d parts, %.3f of %.3f m²", sheet.placements.count, sheet.placedArea / 1e6, sheet.area / 1e6)
        let third = String(format: "job: yield %.2f %%, %d of %d parts placed, %d unplaced — spacing %g mm, margin %g mm, seed %llu",
                           overallYieldPercent, partsOrdered - partsUnplaced, partsOrdered, partsUnplaced, spacing, margin, seed)
        return [first, second, third]
    }

    /// A hide's use of each grade of leather in one line, e.g. "leather to parts needing
    /// it/allowed worse/free: A 1.39 m² 42/32/26 %, B …"; nil when it was not
    /// measured.
    static func leatherLine(for sheet: Sheet) -> String? {
        guard sheet.kind == .hide, !sheet.leatherUse.isEmpty else { return nil }
        let parts = sheet.leatherUse.map { u -> String in
            func share(_ a: Double) -> Int { u.area > 0 ? Int((100 * a / u.area).rounded()) : 0 }
            return String(format: "%@ %.2f m² %d/%d/%d %%", u.grade.rawValue, u.area / 1e6, share(u.neededArea),
                          share(u.betterThanNeededArea), share(u.freeArea))
        }
        return "leather to parts needing it/allowed worse/free: " + parts.joined(separator: ", ")
    }
}

/// A round length for a scale bar about `target` mm long.
func niceLength(_ target: Double) -> Double {
    let candidates: [Double] = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000]
    return candidates.last(where: { $0 <= target }) ?? 10
}
