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
        let m2 = { (a: Double) in String(format: "%.3f m²", a / 1e6) }
        var first = "\(jobName) — sheet \(index + 1) of \(count): \(sheet.stockName) (\(sheet.kind.rawValue)"
        if sheet.kind == .roll { first += String(format: ", %.0f mm used", sheet.length) }
        first += ")"
        let second = String(format: "yield %.2f %%", sheet.yieldPercent) + " — \(sheet.placements.count) parts, "
            + "\(m2(sheet.placedArea)) of \(m2(sheet.area))"
        let third = String(format: "job: yield %.2f %%, %d of %d parts placed, %d unplaced — spacing %g mm, margin %g mm, seed %llu",
                           overallYieldPercent, partsOrdered - partsUnplaced, partsOrdered, partsUnplaced, spacing, margin, seed)
        return [first, second, third]
    }
}

/// A round length for a scale bar about `target` mm long.
func niceLength(_ target: Double) -> Double {
    let candidates: [Double] = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000]
    return candidates.last(where: { $0 <= target }) ?? 10
}
