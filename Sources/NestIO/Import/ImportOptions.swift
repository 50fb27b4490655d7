import NestModel

/// How DXF and SVG files are read. Every default follows the published conventions
/// (AAMA/ASTM D6673 layers for patterns) and is documented in the README.
///
/// Layer names compare case-insensitively. A name ending in `*` matches every layer
/// starting with the rest (`DEFECT*` matches `DEFECT-SCAR`).
public struct ImportOptions: Sendable {
    /// Overrides the file's own units (`$INSUNITS`, SVG width/height). Nil: use the
    /// file's, and millimetres when it declares none.
    public var units: LengthUnit?
    /// Pixels per inch of an SVG whose size is in pixels (px or bare numbers), over the
    /// exporter's convention. Nil: Inkscape's 96 or Illustrator's 72 when the file says
    /// which program wrote it; otherwise such a drawing is refused.
    public var dpi: Double?
    /// The largest distance, in mm, between a curve and the chords that replace it.
    public var chordTolerance: Double = 0.05
    /// Open contours whose ends lie within this distance (mm) are joined into rings.
    public var joinTolerance: Double = 0.1
    /// A piece whose outline crosses itself (a grading loop, a spike) is repaired when the
    /// repair (GEOS MakeValid, keeping the largest face) changes its area by at most this
    /// percentage; beyond it that size of the style is left out, with the reason.
    public var repairTolerancePercent = 0.5
    /// Material of pattern pieces that do not name one (nor an AccuMark annotation such
    /// as `1XFABRIC`). Nil: "leather", taken as assumed rather than declared.
    public var material: String?
    /// The longest plausible piece (mm), over the default window (2 500 mm for pieces
    /// declared leather, 20 000 mm otherwise): a piece longer than this means wrong units.
    public var longestPiece: Double?
    /// Size system, size run and base size, when the file does not say (or to override it).
    public var sizeSystem: String?
    public var sizes: [String]?
    public var baseSize: String?
    public var patternLayers = PatternLayers()
    public var hideLayers = HideLayers()

    public init() {}
}

/// Which DXF layers hold what in a pattern file. Defaults: AAMA/ASTM D6673 numbers
/// (1 boundary, 11 internal cut-outs, 7 grain line) plus common names.
public struct PatternLayers: Sendable {
    public var boundary = ["1", "CUT", "OUTLINE", "BOUNDARY"]
    public var cutouts = ["11", "INTCUT", "CUTOUT"]
    public var grain = ["7", "GRAIN"]
    /// Mirror (fold) lines, AAMA layer 6: a piece drawn with one is half of the piece cut.
    public var fold = ["6", "MIRROR", "FOLD"]
    /// Drawn but not cut (AAMA 8 internal lines, 13 drill holes, 14 sew lines, ...): read and ignored.
    public var ignored = ["2", "3", "4", "5", "8", "9", "10", "12", "13", "14", "15", "DRAW", "INK", "SEW"]

    public init() {}
}

/// Which DXF layers hold what in a hide file.
public struct HideLayers: Sendable {
    public var outline = ["OUTLINE", "HIDE", "1"]
    public var holes = ["HOLE*"]
    /// A defect's kind is the layer name after the matched prefix and a separator
    /// (`DEFECT-SCAR` → "scar"), or "defect".
    public var defects = ["DEFECT*"]
    public var zones: [(grade: Grade, layers: [String])] = [(.A, ["ZONE-A", "ZONE_A"]), (.B, ["ZONE-B", "ZONE_B"]), (.C, ["ZONE-C", "ZONE_C"]), (.D, ["ZONE-D", "ZONE_D"])]
    public var grain = ["GRAIN", "BACKBONE"]

    public init() {}
}

enum LayerMatch {
    /// The part of `layer` after the matching name's prefix, or nil when none matches.
    static func match(_ layer: String, _ names: [String]) -> String? {
        let l = layer.uppercased()
        for n in names.map({ $0.uppercased() }) {
            if n.hasSuffix("*") {
                let prefix = String(n.dropLast())
                if l.hasPrefix(prefix) { return String(layer.dropFirst(prefix.count)) }
            } else if l == n {
                return ""
            }
        }
        return nil
    }

    static func contains(_ layer: String, _ names: [String]) -> Bool { match(layer, names) != nil }
}
