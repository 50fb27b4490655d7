import NestCollision
import NestGeometry
import NestModel

/// One piece of stock while it is being filled: its free regions per grade (built with
/// GEOS on first use), the parts placed so far and their collision shapes.
struct SheetState {
    let stockName: String
    let kind: SheetKind
    /// Hide outline with holes; for a roll, the rectangle up to its maximum length.
    let shape: Polygon
    let defects: [Defect]
    let zones: [QualityZone]
    let grainDegrees: Double
    let margin: Double
    var regions: [Grade: FreeRegion] = [:]
    var clearance: [Grade: ClearanceMap] = [:]
    let rasterCell: Double
    var placed: PlacedItems
    var placements: [Placement] = []
    var placedArea: Double = 0
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
        placed = PlacedItems(area: hide.shape.bounds)
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
        placed = PlacedItems(area: shape.bounds)
        rasterCell = Self.rasterCell(for: shape.bounds)
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
            var usable = try kernel.difference([shape], defects.filter { $0.blocks(minimum: grade) }.map(\.shape))
            if margin > 0 {
                usable = try kernel.offset(usable, by: -margin, quadrantSegments: quadrantSegments)
            }
            let worse = zones.filter { !$0.grade.isAcceptable(forMinimum: grade) }.map(\.shape)
            polygons = worse.isEmpty ? usable : try kernel.difference(usable, worse)
        }
        let r = FreeRegion(polygons)
        regions[grade] = r
        var map = ClearanceMap(region: r, cellSize: rasterCell)
        for item in placed.items { map.block(item) }
        clearance[grade] = map
        return r
    }

    /// Raster cells of about 40 000 over the stock, at least 4 mm.
    static func rasterCell(for b: Rect) -> Double {
        max(4, (b.width * b.height / 40_000).squareRoot())
    }

    /// Puts a part on the sheet for good.
    mutating func place(_ part: Part, _ shape: OrientedShape, orientation: Int, at offset: Point) {
        let spaced = shape.spaced.translated(by: offset)
        placed.add(spaced)
        for g in clearance.keys { clearance[g]!.block(spaced) }
        placements.append(Placement(part: part, transform: Transform(rotationDegrees: shape.rotationDegrees,
                                                                      mirrored: shape.mirrored, translation: offset),
                                    orientation: orientation))
        placedArea += part.shape.area
    }

    /// The finished sheet. A roll is cut to the length used (plus the margin).
    func sheet() -> Sheet {
        guard kind == .roll else {
            return Sheet(stockName: stockName, kind: kind, shape: shape, defects: defects, zones: zones, length: 0,
                         placements: placements, grainDegrees: grainDegrees, usableArea: usableArea)
        }
        let used = placements.reduce(0.0) { max($0, $1.placedShape.bounds.maxX) }
        let length = min(shape.bounds.maxX, ((used + margin) * 1000).rounded(.up) / 1000)
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
