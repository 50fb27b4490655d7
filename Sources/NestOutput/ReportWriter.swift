import NestGeometry
import NestIO
import NestModel

/// Builds `report.json` ("nest-report/1", see `docs/report-format.md`) from a
/// nest result. Deterministic: the same result gives the same bytes. Holds no clock
/// values, so equal runs give equal reports.
public enum ReportWriter {
    public static let format = "nest-report/1"

    /// A coordinate in full (the shortest text reading back as the same number): parts
    /// laid edge to edge share their edge to some 10⁻¹² mm, and outlines rounded to
    /// 10⁻⁶ mm would overlap by up to 10⁻⁶ mm along it — 3·10⁻⁴ mm² on a 300 mm edge, more
    /// than an independent checker allows.
    static func coordinate(_ v: Double) -> JSONValue { .number(v, decimals: JSONValue.exact) }

    static func ring(_ r: Ring) -> JSONValue {
        .array(r.points.map { .array([coordinate($0.x), coordinate($0.y)]) })
    }

    /// - Parameter sheetExtras: more fields for sheet `i` (e.g. its toolpath summary),
    ///   appended after the required ones.
    public static func report(job: Job, result: NestResult, iterations: Int,
                              sheetExtras: (Int) -> [(String, JSONValue)] = { _ in [] }) -> JSONValue {
        let parts = result.placedCount + result.unplaced.count
        let usableArea = result.sheets.reduce(0.0) { $0 + $1.usableArea }
        var fields: [(String, JSONValue)] = [
            ("format", .string(format)),
            ("job", .string(job.name)),
            ("seed", .unsigned(job.search.seed)),
            ("iterations", .integer(iterations)),
            ("samples", .integer(job.search.samples)),
            ("spacing_mm", .number(job.spacing, decimals: 6)),
            ("margin_mm", .number(job.margin, decimals: 6)),
            ("parts_ordered", .integer(parts)),
            ("parts_placed", .integer(result.placedCount)),
            ("yield_percent", .number(result.yieldPercent, decimals: 4)),
            ("usable_yield_percent", .number(usableArea > 0 ? 100 * result.placedArea / usableArea : 0, decimals: 4)),
            ("stock_area_mm2", .number(result.stockArea, decimals: 3)),
            ("placed_area_mm2", .number(result.placedArea, decimals: 3)),
        ]
        if !job.notes.isEmpty { fields.append(("input_notes", .array(job.notes.map { .string($0) }))) }
        fields.append(("sheets", .array(result.sheets.enumerated().map { i, s in
            guard case .object(let base) = sheet(s) else { return sheet(s) }
            return .object(base + sheetExtras(i))
        })))
        fields.append(("open_order_lines", openOrderLines(job: job, result: result)))
        fields.append(("unplaced", .array(result.unplaced.map { u in
            .object([("part", .string(u.part.panel)), ("size", .string(u.part.size)), ("side", .string(u.part.side.rawValue)),
                     ("min_grade", .string(u.part.minGrade.rawValue)), ("reason", .string(u.reason))])
        })))
        fields.append(("statistics", .object([
            ("candidates_tested", .integer(result.statistics.candidatesTested)),
            ("collision_queries", .integer(result.statistics.collisionQueries)),
            ("stopped_early", .bool(result.statistics.stoppedEarly)),
            ("interrupted", .bool(result.statistics.interrupted)),
            ("optimizer_iterations", .integer(result.statistics.optimizerIterations)),
            ("optimizer_improvements", .integer(result.statistics.optimizerImprovements)),
        ] + (result.statistics.boxesPacked ? [("boxes_packed", .bool(true))] : [])
            + longMarkerFields(result.statistics) + startFields(result.statistics))))
        return .object(fields)
    }

    /// On a long marker only: what became of its sections, and of its windows' lanes.
    static func longMarkerFields(_ statistics: NestStatistics) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let s = statistics.markerSections {
            var entry: [(String, JSONValue)] = [("sections", .integer(s.count)), ("joined", .bool(s.joined))]
            if let why = s.keptBecause { entry.append(("kept_uncut_because", .string(why))) }
            entry += [("length_before_mm", .number(s.lengthBefore, decimals: 3)), ("length_after_mm", .number(s.lengthAfter, decimals: 3))]
            fields.append(("marker_sections", .object(entry)))
        }
        if let attempts = statistics.windowAttempts, let met = statistics.windowLanesMet {
            fields += [("window_attempts", .integer(attempts)), ("window_lanes_met", .integer(met))]
        }
        return fields
    }

    /// With a warm start only: how many placements the start had and how many were kept.
    static func startFields(_ statistics: NestStatistics) -> [(String, JSONValue)] {
        guard let total = statistics.startPlacements, let kept = statistics.keptFromStart else { return [] }
        let moved = statistics.startMoved.map { m in
            JSONValue.object([("stock", .string(m.stock)), ("panel", .string(m.panel)), ("size", .string(m.size)),
                              ("side", .string(m.side.rawValue)), ("reason", .string(m.reason))])
        }
        return [("start_placements", .integer(total)), ("kept_from_start", .integer(kept)),
                ("start_replaced_by_fresh_nest", .bool(statistics.startReplacedByFreshNest)), ("start_moved", .array(moved))]
    }

    /// What the order still lacks: per order line, size and panel, the parts not cut; sizes
    /// in the pattern's size order (7.5 before 10), not as text.
    static func openOrderLines(job: Job, result: NestResult) -> JSONValue {
        struct Key: Hashable, Comparable {
            let line: Int
            let sizeRank: Int
            let size: String
            let panel: String
            static func < (a: Key, b: Key) -> Bool {
                (a.line, a.sizeRank, a.size, a.panel) < (b.line, b.sizeRank, b.size, b.panel)
            }
        }
        var open: [Key: Int] = [:]
        for u in result.unplaced {
            let line = u.part.orderLine
            let rank = line < job.order.count ? job.order[line].pattern.sizes.firstIndex(of: u.part.size) ?? Int.max : Int.max
            open[Key(line: line, sizeRank: rank, size: u.part.size, panel: u.part.panel), default: 0] += 1
        }
        return .array(open.keys.sorted().map { k in
            .object([("order_line", .integer(k.line)),
                     ("pattern", .string(k.line < job.order.count ? job.order[k.line].patternSource : "")),
                     ("size", .string(k.size)), ("panel", .string(k.panel)), ("parts_open", .integer(open[k]!))])
        })
    }

    static func sheet(_ s: Sheet) -> JSONValue {
        let critical = s.defects.filter { $0.severity == .critical }
        return .object([
            ("stock", .string(s.stockName)),
            ("kind", .string(s.kind.rawValue)),
            ("grain_deg", .number(s.grainDegrees, decimals: 3)),
            ("outline", ring(s.shape.exterior)),
            ("holes", .array(s.shape.holes.map(ring))),
            // A defect no part may touch is a defect of the report (with its clearance
            // included); a minor or major one is leather of grade C or D, so a zone.
            ("defects", .array(critical.map { ring($0.shape.exterior) })),
            ("defect_kinds", .array(critical.map { .string($0.kind) })),
            ("zones", .array(s.zones.map { .object([("grade", .string($0.grade.rawValue)), ("outline", ring($0.shape.exterior))]) }
                + s.defects.compactMap { d in
                    d.severity.grade.map { .object([("grade", .string($0.rawValue)), ("outline", ring(d.shape.exterior)),
                                                    ("defect_kind", .string(d.kind))]) }
                })),
            ("area_mm2", .number(s.area, decimals: 3)),
            ("placed_area_mm2", .number(s.placedArea, decimals: 3)),
            ("yield_percent", .number(s.yieldPercent, decimals: 4)),
            ("usable_yield_percent", .number(s.usableYieldPercent, decimals: 4)),
            ("length_mm", .number(s.length, decimals: 3)),
            ("parts_by_grade", .object(Grade.allCases.compactMap { g in
                let n = s.placements.filter { $0.part.minGrade == g }.count
                return n > 0 ? (g.rawValue, .integer(n)) : nil
            })),
            ("leather_use", .array(s.leatherUse.map { u in
                .object([("grade", .string(u.grade.rawValue)), ("area_mm2", .number(u.area, decimals: 3)),
                         ("needed_mm2", .number(u.neededArea, decimals: 3)),
                         ("better_than_needed_mm2", .number(u.betterThanNeededArea, decimals: 3)),
                         ("free_mm2", .number(u.freeArea, decimals: 3))])
            })),
            ("placements", .array(s.placements.map(placement))),
        ])
    }

    static func placement(_ p: Placement) -> JSONValue {
        let shape = p.placedShape
        return .object([
            ("part", .string(p.part.panel)),
            ("size", .string(p.part.size)),
            ("side", .string(p.part.side.rawValue)),
            ("material", .string(p.part.material)),
            ("min_grade", .string(p.part.minGrade.rawValue)),
            ("rotation_deg", .number(p.transform.rotationDegrees, decimals: 6)),
            ("mirrored", .bool(p.transform.mirrored)),
            // The translation to the last bit, like the outline: a nest read back as a warm
            // start keeps parts laid in contact exactly where they were.
            ("x", coordinate(p.transform.translation.x)),
            ("y", coordinate(p.transform.translation.y)),
            ("outline", ring(shape.exterior)),
            ("holes", .array(shape.holes.map(ring))),
        ])
    }
}
