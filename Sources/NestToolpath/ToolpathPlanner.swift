import NestGeometry
import NestModel

/// Plans a sheet's toolpath for a machine: contours from the placements, the roll's
/// windows, the cut order and entry points (`CutOrder`), leads, optional common-line
/// cutting, and the figures for the report (`MotionTime`).
///
/// Pure and deterministic: the same sheet, profile and effort give the same toolpath.
public struct ToolpathPlanner: Sendable {
    public var profile: MachineProfile
    public var effort: CutSequencer.Effort

    public init(profile: MachineProfile, effort: CutSequencer.Effort = .standard) {
        self.profile = profile
        self.effort = effort
    }

    public func plan(_ sheet: Sheet) throws(ToolpathError) -> SheetToolpath {
        let contours = CutContour.contours(of: sheet, profile: profile)
        let preds = CutContour.predecessors(of: contours)
        let bounds = sheet.shape.bounds
        let windows = try self.windows(sheet, contours)
        let leads = LeadMoves(contours: contours)
        var common = profile.commonLineCutting ? CommonLines(tolerance: max(profile.resolution, 0.01)) : nil
        let time = MotionTime(profile: profile)

        var passes: [CutPass] = []
        var here = MachineFrame(bounds: windows.first?.table ?? bounds, corner: profile.origin).origin
        let home0 = here
        var previousOffset = 0.0
        for (w, window) in windows.enumerated() {
            // The conveyor moves the material under the head: in the sheet's frame the head moves with it.
            here.x += window.offset - previousOffset
            previousOffset = window.offset
            let last = w == windows.count - 1
            let home = MachineFrame(bounds: window.table, corner: profile.origin).origin
            let order = CutOrder(contours: contours, predecessors: preds, effort: effort)
            for step in order.steps(of: window.contours, from: here, to: last ? home : nil) {
                let c = step.contour
                let entry = step.entry
                let walk = RingGeometry.walk(contours[c].points, from: entry)
                let pieces = common?.uncut(walk) ?? [walk]
                if pieces.count == 1 && pieces[0] == walk {
                    var path = walk
                    if let p = leads.lead(contours[c], entry, length: profile.leadIn, along: -1) { path.insert(p, at: 0) }
                    if let p = leads.lead(contours[c], entry, length: profile.leadOut, along: 1) { path.append(p) }
                    passes.append(CutPass(contour: c, path: path, start: entry.point, closesContour: true, window: w))
                } else {
                    for piece in pieces {
                        passes.append(CutPass(contour: c, path: piece, start: piece[0], closesContour: false, window: w))
                    }
                }
                common?.record(walk)
                if let end = passes.last?.path.last { here = end }
            }
        }

        var toolpath = SheetToolpath(
            contours: contours, passes: passes, origin: home0, cutLength: 0, airLength: 0, knifeLifts: passes.count,
            estimatedSeconds: 0, placementOrder: [], windows: windows.count, windowOffsets: windows.map(\.offset))
        var seconds = Double(passes.count) * time.toolCycle
        for p in passes {
            toolpath.cutLength += p.length
            seconds += time.cut(p.path)
        }
        for move in toolpath.airMoves {
            let l = move.from.distance(to: move.to)
            toolpath.airLength += l
            seconds += time.travel(l)
        }
        toolpath.estimatedSeconds = seconds
        // A placement is cut free by the last pass of its outline.
        var lastPass: [Int: Int] = [:]
        for (i, p) in passes.enumerated() where contours[p.contour].kind == .outline { lastPass[p.contour] = i }
        toolpath.placementOrder = passes.indices.compactMap { i in
            lastPass[passes[i].contour] == i ? contours[passes[i].contour].placement : nil
        }
        return toolpath
    }

    struct Window {
        var offset: Double
        var table: Rect
        var contours: [Int]
    }

    /// Hides, and rolls without a table length: one window. Rolls: the table covers
    /// `[offset, offset + tableLength]` along x; each window takes every part that lies wholly
    /// on the table, and the next starts at the leftmost part not yet taken.
    func windows(_ sheet: Sheet, _ contours: [CutContour]) throws(ToolpathError) -> [Window] {
        let bounds = sheet.shape.bounds
        guard sheet.kind == .roll, let table = profile.tableLength, bounds.width > table else {
            return [Window(offset: 0, table: bounds, contours: Array(contours.indices))]
        }
        var partBounds = Array(repeating: Rect.empty, count: sheet.placements.count)
        for c in contours { partBounds[c.placement] = partBounds[c.placement].union(c.bounds) }
        for (i, b) in partBounds.enumerated() where b.width > table {
            throw .partLongerThanTable(part: sheet.placements[i].part.label, length: b.width, table: table)
        }
        var window = Array(repeating: -1, count: partBounds.count)
        var out: [Window] = []
        var offset = 0.0
        while let next = partBounds.indices.filter({ window[$0] < 0 && !partBounds[$0].isEmpty })
            .min(by: { partBounds[$0].minX < partBounds[$1].minX }) {
            offset = max(offset, partBounds[next].minX - bounds.minX)
            let end = bounds.minX + offset + table
            for i in partBounds.indices where window[i] < 0 && partBounds[i].maxX <= end + 1e-9 { window[i] = out.count }
            let table = Rect(minX: bounds.minX + offset, minY: bounds.minY, maxX: end, maxY: bounds.maxY)
            out.append(Window(offset: offset, table: table, contours: contours.indices.filter { window[contours[$0].placement] == out.count }))
        }
        return out
    }
}
