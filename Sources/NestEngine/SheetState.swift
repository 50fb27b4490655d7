import NestCollision
import NestGeometry
import NestModel

/// One piece of stock while it is being filled — the one sheet state of the engine, from
/// the first nest through the optimizers to the output: the stock, its free regions per
/// grade (built with GEOS on first use) with the one raster of each (`FreeSpaceRaster`,
/// built when a part of that grade is first searched for on the sheet), the
/// parts on it (`layout`: items, broad phase, collision tracker) and the clearance maps that
/// steer sampling into gaps.
///
/// The free regions and their rasters never change once built. The clearance maps follow
/// the layout: a part put with `place` updates them at once; any other change of the layout
/// (the optimizers move, add and remove items directly) leaves them stale until
/// `syncClearance` redraws them from the rasters.
struct SheetState: Sendable {
    let stockName: String
    let kind: SheetKind
    /// Hide outline with holes; for a roll, the rectangle up to its maximum length.
    let shape: Polygon
    let defects: [Defect]
    let zones: [QualityZone]
    let grainDegrees: Double
    let margin: Double
    private(set) var regions: [Grade: FreeRegion] = [:]
    /// A hide's outline shrunk by the margin, its holes and each defect grown by it: the
    /// same for every grade's region, so made once (a scanned outline of thousands of points
    /// takes GEOS about a second to shrink).
    private var marginShapes: MarginShapes?
    /// Per grade, the raster of the free region (cells of `rasterCell`): the clearance maps
    /// start from it and the hide improver's container penalty reads it.
    private(set) var rasters: [Grade: FreeSpaceRaster] = [:]
    /// Per grade, the clearance map with the parts blocked out; current only when
    /// `clearanceRevision` equals the layout's revision.
    private(set) var clearance: [Grade: ClearanceMap] = [:]
    private var clearanceRevision: SearchLayout.Revision
    let rasterCell: Double
    /// The parts on the sheet.
    var layout: SearchLayout
    /// A hide's area less the union of its critical defects (clearance included), clipped to
    /// it; measured with GEOS when the state is made. Nil for a roll, whose sheet is cut to
    /// length and has no defects.
    let usableArea: Double?
    /// The leather's grade under each raster cell (hides only): what prices positions.
    let grades: GradeMap?

    init(hide: Hide, margin: Double, kernel: GeometryKernel) throws {
        stockName = hide.name
        kind = .hide
        shape = hide.shape
        defects = hide.defects
        zones = hide.zones
        grainDegrees = hide.grainDegrees
        self.margin = margin
        layout = SearchLayout(uncheckedHide: hide.shape.bounds, cell: Self.firstNestCell(for: hide.shape.bounds))
        clearanceRevision = layout.revision
        rasterCell = Self.rasterCell(for: hide.shape.bounds)
        usableArea = try Self.usableArea(of: hide.shape, less: hide.defects, kernel: kernel)
        grades = GradeMap(hide: hide, cell: rasterCell)
    }

    init(roll: Roll, margin: Double) {
        stockName = roll.name
        kind = .roll
        shape = Polygon([Point(0, 0), Point(roll.maxLength, 0), Point(roll.maxLength, roll.width), Point(0, roll.width)])
        defects = []
        zones = []
        grainDegrees = 0
        self.margin = margin
        let box = shape.bounds
        layout = SearchLayout(items: [], width: roll.width, margin: margin, length: roll.maxLength, maxLength: roll.maxLength,
                              cell: Self.firstNestCell(for: box))
        clearanceRevision = layout.revision
        rasterCell = Self.rasterCell(for: box)
        usableArea = nil
        grades = nil
    }

    /// `shape`'s area less the union of the critical `defects` inside it.
    static func usableArea(of shape: Polygon, less defects: [Defect], kernel: GeometryKernel) throws -> Double {
        let critical = defects.filter { $0.severity == .critical }.map(\.shape)
        guard !critical.isEmpty else { return shape.area }
        return try kernel.difference([shape], critical).reduce(0) { $0 + $1.area }
    }

    /// The free region for parts whose worst allowed grade is `grade`: the stock minus
    /// holes and defects, shrunk by the margin, minus every zone worse than `grade`.
    mutating func region(for grade: Grade, kernel: GeometryKernel, quadrantSegments: Int) throws -> FreeRegion {
        if let r = regions[grade] { return r }
        let polygons: [Polygon]
        if kind == .roll {
            // A rectangle shrinks exactly: no arcs to approximate.
            let b = shape.bounds.insetBy(margin)
            polygons = b.isEmpty ? [] : [Polygon([Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.maxX, b.maxY), Point(b.minX, b.maxY)])]
        } else {
            let usable: [Polygon]
            if margin > 0 {
                // The stock less holes and defects, shrunk by the margin, is the outline
                // shrunk less the holes and defects grown by it (a disc of the margin fits
                // there exactly when it fits in the outline and meets none of them). Worked
                // so because GEOS's buffer of a polygon with many holes takes time that grows
                // with holes times vertices: a scanned hide of 12 000 points with 150
                // pinholes took 20 s the other way, a fraction of a second this way.
                if marginShapes == nil {
                    marginShapes = try MarginShapes(shape: shape, defects: defects, margin: margin,
                                                    kernel: kernel, quadrantSegments: quadrantSegments)
                }
                let m = marginShapes!
                let grownDefects = zip(defects, m.defects).filter { $0.0.blocks(minimum: grade) }.flatMap(\.1)
                usable = try kernel.difference(m.outline, m.holes + grownDefects)
            } else {
                usable = try kernel.difference([shape], defects.filter { $0.blocks(minimum: grade) }.map(\.shape))
            }
            let worse = zones.filter { !$0.grade.isAcceptable(forMinimum: grade) }.map(\.shape)
            polygons = worse.isEmpty ? usable : try kernel.difference(usable, worse)
        }
        let r = FreeRegion(polygons)
        regions[grade] = r
        return r
    }

    /// Builds, when it is not built yet, the raster of `grade`'s free region and its
    /// clearance map with the parts on the sheet blocked out (the same values as a map kept
    /// since the first part: a map's cells do not depend on the order parts were blocked in).
    /// Only the grades searched on a sheet pay for their rasters (about 30 bytes a cell).
    mutating func prepareSearch(for grade: Grade, kernel: GeometryKernel, quadrantSegments: Int) throws {
        guard rasters[grade] == nil else { return }
        let raster = FreeSpaceRaster(region: try region(for: grade, kernel: kernel, quadrantSegments: quadrantSegments),
                                     cell: rasterCell)
        rasters[grade] = raster
        clearance[grade] = clearanceMap(over: raster)
    }

    /// A clearance map of `raster` with the parts on the sheet blocked out.
    private func clearanceMap(over raster: FreeSpaceRaster) -> ClearanceMap {
        var map = ClearanceMap(raster: raster)
        map.block(layout.items.map { $0.shape.spaced.translated(by: $0.position) })
        return map
    }

    /// The first nest's broad-phase cells: at least 100 mm, about 40 000 of them and no more
    /// than 200 along a side unless the stock is long and thin (then square) — the parts are
    /// not known yet. The optimizers lay the broad phase out anew for their own work.
    static func firstNestCell(for box: Rect) -> Double {
        max(100, min(max(box.width, box.height) / 200, (box.width * box.height / 40_000).squareRoot()))
    }

    /// The raster of a region drawn inside this sheet for a while (the compression's wall,
    /// leather a grade is confined to), with the cells of the sheet's own rasters.
    func raster(of region: FreeRegion) -> FreeSpaceRaster {
        FreeSpaceRaster(region: region, cell: rasterCell)
    }

    /// Raster cells of about 40 000 over the stock, at least 4 mm.
    static func rasterCell(for b: Rect) -> Double {
        max(4, (b.width * b.height / 40_000).squareRoot())
    }

    /// Puts a part on the sheet in orientation `orientation` of `shapes`, translated by
    /// `offset`, and blocks it out of the clearance maps.
    mutating func place(_ part: Part, _ shapes: [OrientedShape], orientation: Int, at offset: Point) {
        let wasCurrent = clearanceRevision === layout.revision
        layout.append(SearchLayout.Item(part: part, shapes: shapes, orientation: orientation, position: offset))
        guard wasCurrent else { return }
        let spaced = shapes[orientation].spaced.translated(by: offset)
        // Over a copy of the keys: a loop over `clearance.keys` (or its values' indices) holds
        // the dictionary's storage, and each map's cells would be copied before the change.
        for g in Array(clearance.keys) { clearance[g]!.block(spaced) }
        clearanceRevision = layout.revision
    }

    /// Redraws the clearance maps from the rasters when the layout changed since they were
    /// last current (the optimizers move items without them).
    mutating func syncClearance() {
        guard clearanceRevision !== layout.revision else { return }
        for (g, raster) in rasters { clearance[g] = clearanceMap(over: raster) }
        clearanceRevision = layout.revision
    }

    /// The parts on the sheet, in item order.
    var parts: [Part] { layout.items.map(\.part) }

    /// The area of the parts on the sheet.
    var placedArea: Double { layout.items.reduce(0) { $0 + $1.partArea } }

    /// The whole free region's area (the region of grade D; 0 until it is built).
    var wholeArea: Double { regions[.D]?.area ?? 0 }

    /// The stock area the sheet uses, for progress lines: a hide whole, a roll up to the
    /// length its parts' collision bodies reach plus the margin (the bodies, simplified
    /// outward, may reach a hair further than the outlines `sheet()` measures).
    var progressStockArea: Double {
        guard kind == .roll else { return shape.area }
        let reach = layout.items.reduce(0.0) { max($0, $1.shape.body.bounds.maxX + $1.position.x) }
        return min(shape.bounds.maxX, reach + margin) * shape.bounds.maxY
    }

    /// The length of roll the parts use, plus the margin, rounded up to the micrometre.
    private var rollLength: Double {
        let used = layout.items.reduce(0.0) { max($0, $1.part.shape.transformed(by: $1.placement.transform).bounds.maxX) }
        return min(shape.bounds.maxX, ((used + margin) * 1000).rounded(.up) / 1000)
    }

    /// The finished sheet. A roll is cut to the length used (plus the margin).
    func sheet() -> Sheet {
        let placements = layout.placements
        guard kind == .roll else {
            return Sheet(stockName: stockName, kind: kind, shape: shape, defects: defects, zones: zones, length: 0,
                         placements: placements, grainDegrees: grainDegrees, usableArea: usableArea)
        }
        let length = rollLength
        let w = shape.bounds.maxY
        return Sheet(stockName: stockName, kind: kind,
                     shape: Polygon([Point(0, 0), Point(length, 0), Point(length, w), Point(0, w)]),
                     defects: [], zones: [], length: length, placements: placements)
    }
}

extension Placement {
    /// The index of this placement's pose among `shapes` (the part's orientations on its
    /// sheet), as the engine recorded it; throws when it was not recorded or does not match.
    func engineOrientation(among shapes: [OrientedShape]) throws -> Int {
        guard let o = orientation, shapes.indices.contains(o), shapes[o].mirrored == transform.mirrored,
              shapes[o].rotationDegrees == GrainRule.normalized(transform.rotationDegrees) else {
            throw NestError.inconsistent("part \(part.id) (\(part.panel) \(part.size)) has no recorded orientation matching its "
                + "transform (rotation \(transform.rotationDegrees)°, orientation \(orientation.map(String.init) ?? "none") "
                + "of \(shapes.count))")
        }
        return o
    }
}

/// A hide's outline shrunk by a margin, and its holes and defects grown by it, each alone
/// (GEOS offsets, conservative: the shrunk outline within the exact one, the grown shapes
/// around theirs). An outline that is an axis-aligned rectangle (a sheet) shrinks exactly,
/// as a roll does: no arcs to approximate.
private struct MarginShapes: Sendable {
    let outline: [Polygon]
    let holes: [Polygon]
    /// Per defect of the hide, in order.
    let defects: [[Polygon]]

    init(shape: Polygon, defects: [Defect], margin: Double, kernel: GeometryKernel, quadrantSegments: Int) throws {
        if FreeRegion.isAxisAlignedRectangle(shape.exterior.points) {
            let b = shape.bounds.insetBy(margin)
            outline = b.isEmpty ? [] : [Polygon([Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.maxX, b.maxY), Point(b.minX, b.maxY)])]
        } else {
            outline = try kernel.offset([Polygon(exterior: shape.exterior)], by: -margin, quadrantSegments: quadrantSegments)
        }
        holes = try shape.holes.flatMap { try kernel.offset([Polygon(exterior: $0)], by: margin, quadrantSegments: quadrantSegments) }
        self.defects = try defects.map { try kernel.offset([$0.shape], by: margin, quadrantSegments: quadrantSegments) }
    }
}
