import ArgumentParser
import NestIO
import NestModel

/// Options shared by `nest import` and `nest check` for reading DXF and SVG.
struct ImportOptionGroup: ParsableArguments {
    @Option(help: "Units of the DXF/SVG file (mm, cm, m, in), over what the file says.")
    var units: String?

    @Option(help: "SVG in pixels: pixels per inch (Illustrator 72, Inkscape 96, Affinity the document's DPI).")
    var dpi: Double?

    @Option(name: .customLong("chord-tolerance"), help: "Largest distance in mm between a curve and its chords.")
    var chordTolerance: Double = 0.05

    @Option(name: .customLong("join-tolerance"), help: "Open contours whose ends are this close (mm) are joined.")
    var joinTolerance: Double = 0.1

    @Option(help: "Material of pieces that name none (default: leather, as an assumption).")
    var material: String?

    @Option(name: .customLong("longest-piece"), help: "The longest plausible piece in mm (default: 2500 for leather, 20000 otherwise); longer means wrong units.")
    var longestPiece: Double?

    @Option(name: .customLong("repair-tolerance"), help: "Repair a self-crossing piece outline when that changes its area by at most this percentage.")
    var repairTolerance: Double = ImportOptions().repairTolerancePercent

    @Option(name: .customLong("size-system"), help: "US, UK, EU or Mondopoint, over what the file says.")
    var sizeSystem: String?

    @Option(name: .customLong("base-size"), help: "The base (sample) size, over what the file says.")
    var baseSize: String?

    @Option(name: .customLong("boundary-layer"), help: "Pattern DXF/SVG: a layer with piece boundaries (repeatable; default AAMA 1, CUT, OUTLINE, BOUNDARY).")
    var boundaryLayers: [String] = []

    @Option(name: .customLong("outline-layer"), help: "Hide DXF: a layer with the hide's outline (repeatable).")
    var outlineLayers: [String] = []

    @Option(name: .customLong("defect-layer"), help: "Hide DXF: a layer (or PREFIX*) with defects (repeatable).")
    var defectLayers: [String] = []

    @Option(name: .customLong("zone-layer"), help: "Hide DXF: GRADE=LAYER, a layer with zones of that grade (repeatable).")
    var zoneLayers: [String] = []

    func validate() throws {
        if let units, LengthUnit(named: units) == nil { throw ValidationError("--units must be mm, cm, m or in") }
        guard chordTolerance > 0, chordTolerance <= 10 else { throw ValidationError("--chord-tolerance must be in (0, 10] mm") }
        if let longestPiece, !(longestPiece >= 10 && longestPiece <= 1_000_000) { throw ValidationError("--longest-piece must be 10 to 1 000 000 mm") }
        if let dpi, !(dpi >= 1 && dpi <= 100_000) { throw ValidationError("--dpi must be 1 to 100000") }
        guard repairTolerance >= 0, repairTolerance <= 50 else { throw ValidationError("--repair-tolerance must be 0 to 50 %") }
        guard joinTolerance >= 0, joinTolerance <= 10 else { throw ValidationError("--join-tolerance must be 0 to 10 mm") }
        for z in zoneLayers where z.split(separator: "=").count != 2 || Grade(text: String(z.prefix(1))) == nil {
            throw ValidationError("--zone-layer takes GRADE=LAYER, e.g. C=ZONE-C")
        }
    }

    var options: ImportOptions {
        var o = ImportOptions()
        o.units = units.flatMap { LengthUnit(named: $0) }
        o.chordTolerance = chordTolerance
        o.joinTolerance = joinTolerance
        o.material = material
        o.longestPiece = longestPiece
        o.dpi = dpi
        o.repairTolerancePercent = repairTolerance
        o.sizeSystem = sizeSystem
        o.baseSize = baseSize
        if !outlineLayers.isEmpty { o.hideLayers.outline = outlineLayers }
        if !boundaryLayers.isEmpty { o.patternLayers.boundary = boundaryLayers }
        if !defectLayers.isEmpty { o.hideLayers.defects = defectLayers }
        if !zoneLayers.isEmpty {
            o.hideLayers.zones = zoneLayers.compactMap { z in
                let parts = z.split(separator: "=", maxSplits: 1)
                return Grade(text: String(parts[0])).map { ($0, [String(parts[1])]) }
            }
        }
        return o
    }
}
