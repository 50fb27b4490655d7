import NestCollision
import NestGeometry

/// A first nest laid again edge to edge by `BoxPacking` when every part is a box — an
/// axis-aligned rectangle in some orientation it may take: on a roll when that is shorter,
/// on a rectangular sheet when it places the parts the first nest left out; kept only when
/// the exact engine finds it feasible. Orders of rectangular pieces (a sheet cut
/// guillotine-fashion into straps and panels) are where a search over sampled positions
/// and turns leaves slivers that edge-to-edge packing does not.
enum BoxedStart {
    /// Most parts the packing is tried on: its free-rectangle lists grow with the parts,
    /// and a packing is tried some eight hundred times over rules, orders and lengths.
    static let maximumParts = 300

    /// `layout` with its items packed edge to edge, the spacing between them, when every
    /// item is a box in one of its orientations and the packing is shorter than `layout`'s
    /// used length; nil otherwise. The result is feasible (checked by the exact engine)
    /// and its length is its used length.
    static func shorter(than layout: SearchLayout, spacing: Double, seed: UInt64) -> SearchLayout? {
        let items = layout.items
        guard items.count >= 2, items.count <= maximumParts, layout.width > 0 else { return nil }
        var boxes: [BoxPacking.Box] = []
        boxes.reserveCapacity(items.count)
        for item in items {
            guard let box = box(of: item.shapes, spacing: spacing) else { return nil }
            boxes.append(box)
        }
        let margin = layout.margin
        let packing = BoxPacking(boxes: boxes, width: layout.width - 2 * margin + spacing)
        let firstReach = layout.usedLength - 2 * margin + spacing
        guard let packed = packing.shortest(within: firstReach, shuffles: shuffles(for: items.count), seed: seed),
              packed.reach < firstReach - packing.tolerance else { return nil }
        var boxed = layout
        for p in packed.placements {
            let body = items[p.index].shapes[p.orientation].body.bounds
            boxed.move(p.index, orientation: p.orientation,
                       to: Point(margin + p.x - body.minX, margin + p.y - body.minY))
        }
        boxed.setLength(boxed.usedLength, split: .infinity)
        guard boxed.isFeasible, boxed.usedLength < layout.usedLength else { return nil }
        return boxed
    }

    /// On a job of one rectangular sheet (a hide whose usable leather, for every grade the
    /// parts ask, is one axis-aligned rectangle: no holes, defects or zones inside it),
    /// where the first nest left parts out and every part is a box: all the parts packed
    /// edge to edge on it, when they all fit and the exact engine finds the packing
    /// feasible; nil otherwise.
    static func everyPart(on first: ConstructiveNester.Outcome, spacing: Double, context: RunContext) throws
        -> ConstructiveNester.Outcome?
    {
        guard !first.unplaced.isEmpty, first.sheets.count == 1, var sheet = first.sheets.first, sheet.kind == .hide else { return nil }
        let placed = sheet.layout.items
        guard placed.count + first.unplaced.count <= maximumParts else { return nil }
        var usable: Rect?
        for grade in Set(placed.map(\.grade) + first.unplaced.map(\.part.minGrade)) {
            let region = try sheet.region(for: grade, kernel: context.kernel, quadrantSegments: context.config.quadrantSegments)
            guard region.isRectangle, usable == nil || usable == region.bounds else { return nil }
            usable = region.bounds
        }
        guard let usable, !usable.isEmpty else { return nil }
        var shapes = placed.map(\.shapes)
        for u in first.unplaced { shapes.append(try context.library.orientations(of: u.part, stockGrainDegrees: sheet.grainDegrees)) }
        var boxes: [BoxPacking.Box] = []
        for s in shapes {
            guard let box = box(of: s, spacing: spacing) else { return nil }
            boxes.append(box)
        }
        let packing = BoxPacking(boxes: boxes, width: usable.height + spacing)
        guard let packed = packing.packAll(within: usable.width + spacing, shuffles: shuffles(for: boxes.count), seed: context.config.seed) else {
            return nil
        }
        func pose(_ p: BoxPacking.Placement) -> Point {
            let body = shapes[p.index][p.orientation].body.bounds
            return Point(usable.minX + p.x - body.minX, usable.minY + p.y - body.minY)
        }
        // The parts on the sheet move first, then the ones left out go in.
        for p in packed where p.index < placed.count { sheet.layout.move(p.index, orientation: p.orientation, to: pose(p)) }
        for p in packed.sorted(by: { $0.index < $1.index }) where p.index >= placed.count {
            sheet.place(first.unplaced[p.index - placed.count].part, shapes[p.index], orientation: p.orientation, at: pose(p))
        }
        guard sheet.layout.isFeasible else { return nil }
        var statistics = first.statistics
        statistics.boxesPacked = true
        return ConstructiveNester.Outcome(sheets: [sheet], unplaced: [], statistics: statistics)
    }

    /// Random box orders tried beside the five fixed ones: many for a few boxes, where a
    /// packing costs little and the right order matters most; none past 40.
    static func shuffles(for count: Int) -> Int {
        count <= 12 ? 64 : count <= 40 ? 8 : 0
    }

    /// A part as a box to pack: the sizes, the spacing added, of the orientations in which
    /// it is an axis-aligned rectangle (the first orientation of each distinct size: a
    /// rectangle turned half round is the same box); nil when it is one in none.
    static func box(of shapes: [OrientedShape], spacing: Double) -> BoxPacking.Box? {
        var sizes: [BoxPacking.Size] = []
        for (o, shape) in shapes.enumerated() where isBox(shape.body) {
            let size = (orientation: o, length: shape.body.bounds.width + spacing, width: shape.body.bounds.height + spacing)
            if !sizes.contains(where: { $0.length == size.length && $0.width == size.width }) { sizes.append(size) }
        }
        return sizes.isEmpty ? nil : BoxPacking.Box(sizes: sizes)
    }

    /// True when `polygon` fills its bounding box: an axis-aligned rectangle (to a
    /// millionth of its area).
    static func isBox(_ polygon: CollisionPolygon) -> Bool {
        let box = polygon.bounds.width * polygon.bounds.height
        guard box > 0 else { return false }
        let p = polygon.points
        var twice = 0.0
        for k in p.indices {
            let a = p[k], b = p[(k + 1) % p.count]
            twice += a.x * b.y - b.x * a.y
        }
        return abs(twice) / 2 >= box * (1 - 1e-6)
    }
}
